package io.tandemmq.protocol;

/**
 * One-way DELIVER: a message for a consumer. Delivery ids grow within a session, so "every delivery
 * up to id N" is meaningful for RECOVER and ROLLBACK.
 */
public record Delivery(long consumerId, long deliveryId, int deliveryCount, WireMessage message)
        implements WirePayload {

    public boolean redelivered() {
        return deliveryCount > 1;
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(consumerId);
        out.writeLong(deliveryId);
        out.writeInt(deliveryCount);
        message.writeTo(out);
    }

    public static Delivery read(WireReader in) {
        return new Delivery(in.readLong(), in.readLong(), in.readInt(), WireMessage.read(in));
    }
}
