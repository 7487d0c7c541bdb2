package io.tandemmq.protocol;

/**
 * The answer to a LOOKUP: what the JNDI name is bound to. {@code target} is the physical name of
 * a queue or topic, or the {@code tandem://} URL of a connection factory.
 */
public record BoundObject(BindingKind kind, String target) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeByte(kind.ordinal());
        out.writeString(target);
    }

    /** @throws MalformedFrameException for an unknown kind or a missing target */
    public static BoundObject read(WireReader in) {
        BindingKind kind = BindingKind.of(in.readByte());
        String target = in.readString();
        if (target == null) {
            throw new MalformedFrameException("binding target missing");
        }
        return new BoundObject(kind, target);
    }
}
