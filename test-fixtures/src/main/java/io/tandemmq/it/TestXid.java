package io.tandemmq.it;

import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain Xid for direct XAResource calls; equal by value like every Xid should be. */
final class TestXid implements Xid {
    private static final int FORMAT = 0x54514954; // "TQIT"
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final int formatId;
    private final byte[] gtrid;
    private final byte[] bqual;

    TestXid(int formatId, byte[] gtrid, byte[] bqual) {
        this.formatId = formatId;
        this.gtrid = gtrid.clone();
        this.bqual = bqual.clone();
    }

    /** A new Xid, unique in this JVM run. */
    static TestXid next() {
        String g = "it-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + COUNTER.incrementAndGet();
        return new TestXid(FORMAT, g.getBytes(StandardCharsets.US_ASCII), new byte[] {1});
    }

    /** Another branch of the same global transaction. */
    TestXid branch(int qualifier) {
        return new TestXid(formatId, gtrid, new byte[] {(byte) qualifier});
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

    /** Whether an Xid (of any class) names the same branch. */
    static boolean same(Xid a, Xid b) {
        return a.getFormatId() == b.getFormatId() && Arrays.equals(a.getGlobalTransactionId(), b.getGlobalTransactionId())
                && Arrays.equals(a.getBranchQualifier(), b.getBranchQualifier());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xid x && same(this, x);
    }

    @Override
    public int hashCode() {
        return (formatId * 31 + Arrays.hashCode(gtrid)) * 31 + Arrays.hashCode(bqual);
    }

    @Override
    public String toString() {
        return "TestXid[" + new String(gtrid, StandardCharsets.US_ASCII) + "/" + Arrays.toString(bqual) + "]";
    }
}
