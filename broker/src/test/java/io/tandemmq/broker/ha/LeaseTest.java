package io.tandemmq.broker.ha;

import io.tandemmq.broker.store.CommitMark;
import io.tandemmq.broker.store.StatementCache;
import io.tandemmq.broker.store.StoreFencedException;
import io.tandemmq.broker.store.StoreLocation;
import io.tandemmq.broker.store.StoreSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lease row and the epoch fence, operation by operation against a real (in-memory, embedded)
 * Derby database: what each does to a free, held, released or taken-over lease. The same rules
 * on the Derby network server and PostgreSQL are covered by StoreContractIT and the pair tests.
 */
class LeaseTest {
    private final String url = "jdbc:derby:memory:lease-" + UUID.randomUUID();
    private StoreLocation location;
    private Lease a;
    private Lease b;

    @BeforeEach
    void createStore() throws SQLException {
        location = StoreLocation.of(url + ";create=true", null, null);
        try (Connection c = location.connect("schema")) {
            StoreSchema.ensure(c, location.dialect(), url);
        }
        a = new Lease(location.forServer("a"));
        b = new Lease(location.forServer("b"));
    }

    @AfterEach
    void dropStore() {
        a.close();
        b.close();
        try {
            DriverManager.getConnection(url + ";drop=true");
        } catch (SQLException expected) {
            // Derby answers a drop with an exception that says it was dropped
        }
    }

    @Test
    void freshStore_theLeaseIsFree() throws SQLException {
        LeaseState s = a.read();
        assertNull(s.owner());
        assertTrue(s.isExpired(60_000));
    }

    @Test
    void takingAFreeLease_givesEpochOneAboveTheSeenOne() throws SQLException {
        LeaseState seen = a.read();
        assertEquals(seen.epoch() + 1, a.take("a", seen));
        LeaseState now = b.read();
        assertEquals("a", now.owner());
        assertEquals(seen.epoch() + 1, now.epoch());
        assertFalse(now.isExpired(60_000));
    }

    @Test
    void twoServersTakingFromTheSameRead_exactlyOneWins() throws SQLException {
        LeaseState seen = a.read();
        long first = a.take("a", seen);
        long second = b.take("b", seen);
        assertEquals(seen.epoch() + 1, first);
        assertEquals(-1, second);
        assertEquals("a", b.read().owner());
    }

    @Test
    void takingWithAStaleRead_changesNothing() throws SQLException {
        long epoch = a.take("a", a.read());
        LeaseState stale = b.read();
        sleepPastTheClockTick();
        assertTrue(a.renew("a", epoch));
        assertEquals(-1, b.take("b", stale), "renewed since b read it");
        assertEquals("a", b.read().owner());
        assertEquals(epoch, b.read().epoch());
    }

    @Test
    void renewal_byTheOwnerAtItsEpoch_succeeds_otherwiseItIsRefused() throws SQLException {
        long epoch = a.take("a", a.read());
        assertTrue(a.renew("a", epoch));
        assertFalse(b.renew("b", epoch), "not the owner");
        assertFalse(a.renew("a", epoch - 1), "an old epoch");
    }

    @Test
    void release_letsThePartnerTakeAtOnce_andEndsTheOwnersRenewals() throws SQLException {
        long epoch = a.take("a", a.read());
        assertFalse(b.release("b", epoch), "only the owner releases");
        assertTrue(a.release("a", epoch));
        LeaseState released = b.read();
        assertTrue(released.released());
        assertTrue(released.isExpired(60_000), "released counts as expired at once");
        assertFalse(a.renew("a", epoch), "a released lease is not renewed");
        assertEquals(epoch + 1, b.take("b", released));
        assertFalse(b.read().released());
    }

    @Test
    void expiredLease_isTakenOver_andTheOldOwnerIsFenced() throws SQLException {
        long epoch = a.take("a", a.read());
        assertEquals(epoch + 1, b.take("b", b.read()), "the partner decided it expired");
        assertFalse(a.renew("a", epoch), "the old owner learns at its next renewal");
    }

    @Test
    void readingTheLease_neverWaitsForAWritersLockOnItsRow() throws Exception {
        a.take("a", a.read());
        try (Connection writer = location.forServer("a").connect("writer")) {
            writer.setAutoCommit(false);
            lockLeaseRow(writer);
            LeaseState s = CompletableFuture.supplyAsync(this::readByB).get(5, TimeUnit.SECONDS);
            assertEquals("a", s.owner());
            writer.rollback();
        }
    }

    @Test
    void storeRestarted_theNextOperationReconnects() throws SQLException {
        long epoch = a.take("a", a.read());
        try {
            DriverManager.getConnection(url + ";shutdown=true");
        } catch (SQLException expected) {
            // Derby answers a shutdown with an exception
        }
        assertTrue(a.renew("a", epoch), "a renewal after the store came back");
        assertEquals("a", a.read().owner());
    }

    // ---- the epoch fence ----

    @Test
    void fence_atTheOwnersEpoch_writesTheMark() throws SQLException {
        long epoch = a.take("a", a.read());
        try (Connection writer = location.forServer("a").connect("writer"); StatementCache st = new StatementCache(writer)) {
            writer.setAutoCommit(false);
            new EpochFence("a", epoch).begin(st, new CommitMark("a", 1, epoch));
            writer.commit();
        }
        assertEquals(1, marks());
    }

    @Test
    void fence_afterATakeoverOrARelease_refusesTheWriteAndLeavesNoMark() throws SQLException {
        long epoch = a.take("a", a.read());
        EpochFence old = new EpochFence("a", epoch);
        try (Connection writer = location.forServer("a").connect("writer"); StatementCache st = new StatementCache(writer)) {
            writer.setAutoCommit(false);
            assertTrue(a.release("a", epoch));
            assertThrows(StoreFencedException.class, () -> old.begin(st, new CommitMark("a", 1, epoch)), "released");
            writer.rollback();
            b.take("b", b.read());
            assertThrows(StoreFencedException.class, () -> old.begin(st, new CommitMark("a", 2, epoch)), "taken over");
            writer.rollback();
        }
        assertEquals(0, marks());
    }

    @Test
    void fence_aGroupThatPassedTheCheckBeforeTheTakeover_commits_theNextIsRefused() throws SQLException {
        long epoch = a.take("a", a.read());
        EpochFence fence = new EpochFence("a", epoch);
        try (Connection writer = location.forServer("a").connect("writer"); StatementCache st = new StatementCache(writer)) {
            writer.setAutoCommit(false);
            fence.begin(st, new CommitMark("a", 1, epoch));
            // the check holds no lock on the lease row: the partner's takeover does not wait for it
            assertEquals(epoch + 1, b.take("b", b.read()));
            writer.commit();
            assertThrows(StoreFencedException.class, () -> fence.begin(st, new CommitMark("a", 2, epoch)));
            writer.rollback();
        }
        assertEquals(1, marks(), "the new owner's recovery waits for and reads what passed the check");
    }

    private LeaseState readByB() {
        try {
            return b.read();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the active server's open write transaction does to the lease row at its worst. */
    private static void lockLeaseRow(Connection writer) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.executeUpdate("UPDATE TQ_LEASE SET EPOCH = EPOCH WHERE ID = 1");
        }
    }

    private int marks() throws SQLException {
        try (Connection c = location.connect("test"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM TQ_COMMIT_MARK")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The lease compares renewal times to the database clock's resolution. */
    private static void sleepPastTheClockTick() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
