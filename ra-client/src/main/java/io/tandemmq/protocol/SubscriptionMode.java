package io.tandemmq.protocol;

/** What kind of topic subscription a consumer opens; {@link #NONE} for queues. */
public enum SubscriptionMode {
    NONE, NON_DURABLE, DURABLE, SHARED, SHARED_DURABLE;

    public boolean isDurable() {
        return this == DURABLE || this == SHARED_DURABLE;
    }

    public boolean isShared() {
        return this == SHARED || this == SHARED_DURABLE;
    }

    static SubscriptionMode fromByte(int b) {
        SubscriptionMode[] all = values();
        if (b < 0 || b >= all.length) {
            throw new MalformedFrameException("unknown subscription mode " + b);
        }
        return all[b];
    }
}
