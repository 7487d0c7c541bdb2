package io.tandemmq.protocol;

/** A payload that is a single name: SET_CLIENT_ID, UNSUBSCRIBE. */
public record NameRef(String name) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeString(name);
    }

    public static NameRef read(WireReader in) {
        String name = in.readString();
        if (name == null) {
            throw new MalformedFrameException("name missing");
        }
        return new NameRef(name);
    }
}
