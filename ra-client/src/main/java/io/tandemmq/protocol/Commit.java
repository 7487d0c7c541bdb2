package io.tandemmq.protocol;

/**
 * COMMIT of a local transaction: the deliveries consumed in it, and an id under which the broker
 * records the outcome, so that a client whose answer was lost in a failover can ask
 * ({@link FrameType#TX_OUTCOME}) whether it committed.
 */
public record Commit(long sessionId, String transactionId, long[] deliveryIds) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(sessionId);
        out.writeString(transactionId);
        out.writeLongs(deliveryIds);
    }

    public static Commit read(WireReader in) {
        long sessionId = in.readLong();
        String tx = in.readString();
        if (tx == null || tx.isEmpty() || tx.length() > 200) {
            throw new MalformedFrameException("a commit needs a transaction id of 1 to 200 characters");
        }
        return new Commit(sessionId, tx, in.readLongs());
    }
}
