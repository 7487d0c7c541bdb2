package io.tandemmq.protocol;

/** ACK: the session consumed these deliveries (in a transacted session: on commit). */
public record Ack(long sessionId, long[] deliveryIds) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(sessionId);
        out.writeLongs(deliveryIds);
    }

    public static Ack read(WireReader in) {
        return new Ack(in.readLong(), in.readLongs());
    }
}
