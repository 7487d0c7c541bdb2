package io.tandemmq.protocol;

/**
 * XA_END: end the session's association (TMSUCCESS, TMSUSPEND, TMFAIL). The deliveries the
 * application consumed while associated become part of the branch.
 */
public record XaEnd(long sessionId, XidValue xid, int flags, long[] consumedDeliveryIds) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(sessionId);
        xid.writeTo(out);
        out.writeInt(flags);
        out.writeLongs(consumedDeliveryIds);
    }

    public static XaEnd read(WireReader in) {
        return new XaEnd(in.readLong(), XidValue.read(in), in.readInt(), in.readLongs());
    }
}
