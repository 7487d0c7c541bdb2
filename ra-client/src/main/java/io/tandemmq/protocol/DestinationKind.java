package io.tandemmq.protocol;

/** The four kinds of JMS destination. */
public enum DestinationKind {
    QUEUE, TOPIC, TEMP_QUEUE, TEMP_TOPIC;

    public boolean isQueue() {
        return this == QUEUE || this == TEMP_QUEUE;
    }

    public boolean isTopic() {
        return !isQueue();
    }

    public boolean isTemporary() {
        return this == TEMP_QUEUE || this == TEMP_TOPIC;
    }

    static DestinationKind fromByte(int b) {
        DestinationKind[] all = values();
        if (b < 0 || b >= all.length) {
            throw new MalformedFrameException("unknown destination kind " + b);
        }
        return all[b];
    }
}
