package io.tandemmq.protocol;

/**
 * CLOSE_CONSUMER, with the deliveries the application never saw (still in the client's buffer):
 * the broker returns those without counting a delivery.
 */
public record ConsumerClose(long consumerId, long[] unseenDeliveryIds) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(consumerId);
        out.writeLongs(unseenDeliveryIds);
    }

    public static ConsumerClose read(WireReader in) {
        return new ConsumerClose(in.readLong(), in.readLongs());
    }
}
