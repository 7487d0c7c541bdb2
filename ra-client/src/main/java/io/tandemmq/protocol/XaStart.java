package io.tandemmq.protocol;

/**
 * XA_START: associate the session with a branch. {@code flags} are the XAResource flags
 * (TMNOFLAGS, TMJOIN, TMRESUME); {@code timeoutSeconds} 0 means the broker's default.
 */
public record XaStart(long sessionId, XidValue xid, int flags, int timeoutSeconds) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(sessionId);
        xid.writeTo(out);
        out.writeInt(flags);
        out.writeInt(timeoutSeconds);
    }

    public static XaStart read(WireReader in) {
        return new XaStart(in.readLong(), XidValue.read(in), in.readInt(), in.readInt());
    }
}
