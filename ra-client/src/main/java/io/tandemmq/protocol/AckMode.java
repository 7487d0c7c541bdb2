package io.tandemmq.protocol;

/** How a session acknowledges, as the broker needs to know it. */
public enum AckMode {
    AUTO, CLIENT, DUPS_OK, TRANSACTED;

    static AckMode fromByte(int b) {
        AckMode[] all = values();
        if (b < 0 || b >= all.length) {
            throw new MalformedFrameException("unknown acknowledge mode " + b);
        }
        return all[b];
    }
}
