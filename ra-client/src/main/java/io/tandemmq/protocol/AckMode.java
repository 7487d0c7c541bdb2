package io.tandemmq.protocol;

/**
 * How a session acknowledges, as the broker needs to know it. An {@link #XA} session works inside
 * the XA branch it is associated with, and like {@link #AUTO} while it is associated with none.
 */
public enum AckMode {
    AUTO, CLIENT, DUPS_OK, TRANSACTED, XA;

    static AckMode fromByte(int b) {
        AckMode[] all = values();
        if (b < 0 || b >= all.length) {
            throw new MalformedFrameException("unknown acknowledge mode " + b);
        }
        return all[b];
    }
}
