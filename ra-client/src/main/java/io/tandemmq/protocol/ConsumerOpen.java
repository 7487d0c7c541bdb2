package io.tandemmq.protocol;

/**
 * CREATE_CONSUMER. The client chooses the consumer id, unique within its connection, and the
 * initial credit: how many messages the broker may push before it gets more {@link Credit}.
 */
public record ConsumerOpen(long sessionId, long consumerId, DestinationRef destination, String selector,
                           boolean noLocal, SubscriptionMode mode, String subscriptionName,
                           int initialCredit) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(sessionId);
        out.writeLong(consumerId);
        destination.writeTo(out);
        out.writeString(selector);
        out.writeBoolean(noLocal);
        out.writeByte(mode.ordinal());
        out.writeString(subscriptionName);
        out.writeInt(initialCredit);
    }

    public static ConsumerOpen read(WireReader in) {
        return new ConsumerOpen(in.readLong(), in.readLong(), DestinationRef.read(in), in.readString(),
                in.readBoolean(), SubscriptionMode.fromByte(in.readByte()), in.readString(), in.readInt());
    }
}
