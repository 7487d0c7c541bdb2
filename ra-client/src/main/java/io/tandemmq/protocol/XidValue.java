package io.tandemmq.protocol;

import javax.transaction.xa.Xid;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An XA transaction branch id as a value: equal when format id, global id and branch qualifier
 * are equal, whoever made it. Immutable (the arrays are copied in and out).
 */
public final class XidValue implements Xid, WirePayload {
    private final int formatId;
    private final byte[] gtrid;
    private final byte[] bqual;

    /**
     * @throws IllegalArgumentException when an id is null or longer than 64 bytes
     */
    public XidValue(int formatId, byte[] gtrid, byte[] bqual) {
        this.formatId = formatId;
        this.gtrid = check(gtrid, "global transaction id");
        this.bqual = check(bqual, "branch qualifier");
    }

    private static byte[] check(byte[] id, String what) {
        if (id == null) {
            throw new IllegalArgumentException("the " + what + " is missing");
        }
        if (id.length > Xid.MAXGTRIDSIZE) {
            throw new IllegalArgumentException("the " + what + " has " + id.length + " bytes; at most 64 are allowed");
        }
        return id.clone();
    }

    /** @throws IllegalArgumentException for a null Xid or one whose ids are too long */
    public static XidValue of(Xid xid) {
        if (xid == null) {
            throw new IllegalArgumentException("the Xid is null");
        }
        if (xid instanceof XidValue v) {
            return v;
        }
        return new XidValue(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return bqual.clone();
    }

    /** A stable text form, used as the key of the branch in the store. */
    public String key() {
        HexFormat hex = HexFormat.of();
        return formatId + ":" + hex.formatHex(gtrid) + ":" + hex.formatHex(bqual);
    }

    /** @throws MalformedFrameException when the text is not a {@link #key()} */
    public static XidValue fromKey(String key) {
        String[] parts = key.split(":", -1);
        try {
            HexFormat hex = HexFormat.of();
            return new XidValue(Integer.parseInt(parts[0]), hex.parseHex(parts[1]), hex.parseHex(parts[2]));
        } catch (RuntimeException e) {
            throw new MalformedFrameException("bad Xid key '" + key + "'");
        }
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(formatId);
        out.writeBytes(gtrid);
        out.writeBytes(bqual);
    }

    /** @throws MalformedFrameException when an id is missing or longer than 64 bytes */
    public static XidValue read(WireReader in) {
        int formatId = in.readInt();
        byte[] g = in.readBytes();
        byte[] b = in.readBytes();
        try {
            return new XidValue(formatId, g, b);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XidValue x && x.formatId == formatId && Arrays.equals(x.gtrid, gtrid)
                && Arrays.equals(x.bqual, bqual);
    }

    @Override
    public int hashCode() {
        return (formatId * 31 + Arrays.hashCode(gtrid)) * 31 + Arrays.hashCode(bqual);
    }

    @Override
    public String toString() {
        return "Xid[" + key() + "]";
    }
}
