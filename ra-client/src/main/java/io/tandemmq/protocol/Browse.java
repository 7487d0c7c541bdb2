package io.tandemmq.protocol;

/** BROWSE: up to {@code max} messages of a queue after position {@code afterSequence}. */
public record Browse(DestinationRef queue, String selector, long afterSequence, int max) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        queue.writeTo(out);
        out.writeString(selector);
        out.writeLong(afterSequence);
        out.writeInt(max);
    }

    public static Browse read(WireReader in) {
        return new Browse(DestinationRef.read(in), in.readString(), in.readLong(), in.readInt());
    }
}
