package io.tandemmq.protocol;

/**
 * CLOSE_CONSUMER. The deliveries listed were seen by the application and not yet acknowledged:
 * they stay with the session (a later {@code acknowledge()} or commit covers them). Every other
 * delivery to this consumer is returned to its queue without counting as a delivery.
 */
public record ConsumerClose(long consumerId, long[] seenDeliveryIds) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(consumerId);
        out.writeLongs(seenDeliveryIds);
    }

    public static ConsumerClose read(WireReader in) {
        return new ConsumerClose(in.readLong(), in.readLongs());
    }
}
