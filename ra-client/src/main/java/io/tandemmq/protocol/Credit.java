package io.tandemmq.protocol;

/**
 * One-way CREDIT: the consumer may receive {@code credits} more messages; a negative value takes
 * credit back (never below none), as a stopped connection does.
 */
public record Credit(long consumerId, int credits) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(consumerId);
        out.writeInt(credits);
    }

    public static Credit read(WireReader in) {
        return new Credit(in.readLong(), in.readInt());
    }
}
