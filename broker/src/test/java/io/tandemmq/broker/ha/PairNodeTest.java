package io.tandemmq.broker.ha;

import io.tandemmq.broker.config.BrokerConfig;
import io.tandemmq.broker.config.BrokerConfigParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role machine of one server of a pair, row by row: (role, what the lease and the partner
 * say) → (next role, what is done). A test clock, a lease in memory and a partner link the test
 * drives stand in for time, the store and the network; the role checks and renewals are called
 * by the test instead of their threads. Timings: heartbeat every 100 ms, 3 misses, lease renewed
 * every 100 ms, expiring after 1000 ms.
 */
class PairNodeTest {
    private static final long MS = 1_000_000L;
    private static final String PARTNER = "b/other-server";

    private final AtomicLong now = new AtomicLong(1_000_000 * MS);
    private final MemoryLease lease = new MemoryLease();
    private final RecordingActivation activation = new RecordingActivation();
    private final List<ServerRole> announced = new ArrayList<>();
    private final TestLink link = new TestLink();
    private PairNode node;

    @AfterEach
    void close() {
        if (node != null) {
            node.close();
        }
    }

    // ---- fakes ----

    /** The lease row; its age comes from the test clock. */
    private final class MemoryLease implements LeaseStore {
        String owner;
        long epoch;
        long renewedAt = now.get();
        boolean released;
        SQLException readFailure;
        SQLException renewFailure;
        boolean takeBlocked;
        boolean takenMeanwhile;
        int reads;
        int releases;

        synchronized void heldBy(String who, long atEpoch, long ageMillis) {
            owner = who;
            epoch = atEpoch;
            released = false;
            renewedAt = now.get() - ageMillis * MS;
        }

        @Override
        public synchronized LeaseState read() throws SQLException {
            reads++;
            if (readFailure != null) {
                throw readFailure;
            }
            return state();
        }

        private LeaseState state() {
            return new LeaseState(owner, epoch, released, new Timestamp(renewedAt / MS), (now.get() - renewedAt) / MS);
        }

        @Override
        public synchronized long take(String who, LeaseState seen) throws SQLException {
            if (takeBlocked) {
                throw new TakeoverBlockedException(new SQLException("lock wait timeout", "40XL1"));
            }
            if (takenMeanwhile || seen.epoch() != epoch) {
                return -1;
            }
            heldBy(who, epoch + 1, 0);
            return epoch;
        }

        @Override
        public synchronized boolean renew(String who, long atEpoch) throws SQLException {
            if (renewFailure != null) {
                throw renewFailure;
            }
            if (!who.equals(owner) || atEpoch != epoch || released) {
                return false;
            }
            renewedAt = now.get();
            return true;
        }

        @Override
        public synchronized boolean release(String who, long atEpoch) {
            releases++;
            if (who.equals(owner) && atEpoch == epoch) {
                released = true;
                return true;
            }
            return false;
        }

        @Override
        public String describe(SQLException e) {
            return e.getMessage();
        }

        @Override
        public void close() {
        }
    }

    /** The partner as the heartbeats tell, driven by the test. */
    private final class TestLink implements PartnerLink {
        HeartbeatLink.Listener listener;
        Heartbeat last;
        long lastAt;

        void hears(ServerRole role, long epoch) {
            last = new Heartbeat("b", role, epoch, true, "tandem://127.0.0.1:2", 0);
            lastAt = now.get();
            if (listener != null) {
                listener.heartbeat(last);
            }
        }

        void lost() {
            listener.linkLost();
        }

        @Override
        public Heartbeat lastHeartbeat() {
            return last;
        }

        @Override
        public long millisSinceHeartbeat() {
            return (now.get() - lastAt) / MS;
        }

        @Override
        public void close() {
        }
    }

    private static final class RecordingActivation implements PairNode.Activation {
        int activations;
        final List<String> deactivations = new ArrayList<>();
        int drains;
        RuntimeException failure;

        @Override
        public void activate(EpochFence fence) {
            if (failure != null) {
                throw failure;
            }
            activations++;
        }

        @Override
        public void deactivate(String reason) {
            deactivations.add(reason);
        }

        @Override
        public void drain() {
            drains++;
        }

        @Override
        public int connections() {
            return 0;
        }
    }

    /** Takes the renewal schedule and never runs it: the test calls {@code renew()} itself. */
    private static final class HeldRenewals extends java.util.concurrent.ScheduledThreadPoolExecutor {
        HeldRenewals() {
            super(1);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay,
                                                                            TimeUnit unit) {
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }
    }

    // ---- setting up ----

    private void start(boolean withPartner) throws Exception {
        List<String> args = new ArrayList<>(List.of("--name", "a", "--heartbeat-interval", "100", "--heartbeat-misses", "3",
                "--lease-renew-interval", "100", "--lease-expiry", "1000"));
        if (withPartner) {
            args.addAll(List.of("--partner", "127.0.0.1:9", "--store", "jdbc:derby://127.0.0.1:1/tandem"));
        }
        BrokerConfig config = BrokerConfigParser.parse(args);
        node = new PairNode(config, "this-server", lease, new LinkProtection(null, null, null), activation,
                announced::add, now::get, Runnable::run, (mine, listener) -> {
                    link.listener = listener;
                    return link;
                }, new HeldRenewals());
        node.openLink("tandem://127.0.0.1:1");
    }

    private void after(long millis) {
        now.addAndGet(millis * MS);
    }

    /** A passive server beside a live active partner that holds a fresh lease at epoch 3. */
    private void passiveBesideActivePartner() throws Exception {
        lease.heldBy(PARTNER, 3, 50);
        start(true);
        link.hears(ServerRole.ACTIVE, 3);
        node.watch();
        assertEquals(ServerRole.PASSIVE, node.role());
    }

    /** An active server at epoch 4, its partner passive and alive. */
    private void activeWithPassivePartner() throws Exception {
        lease.heldBy(PARTNER, 3, 50);
        lease.released = true;
        start(true);
        link.hears(ServerRole.PASSIVE, 3);
        node.watch();
        assertEquals(ServerRole.ACTIVE, node.role());
        assertEquals(4, node.epoch());
    }

    // ---- STARTING ----

    @Test
    void starting_leaseFreshlyHeldByTheLivePartner_becomesPassive_withoutActivating() throws Exception {
        passiveBesideActivePartner();
        assertEquals(List.of(ServerRole.PASSIVE), announced);
        assertEquals(0, activation.activations);
    }

    @Test
    void starting_leaseHeldByNobody_takesItAndBecomesActiveAtOnce() throws Exception {
        start(false);
        node.watch();
        assertEquals(List.of(ServerRole.ACTIVE), announced);
        assertEquals(1, activation.activations);
        assertEquals(1, node.epoch());
        assertEquals("no server held the lease", node.figures().lastTakeover().why());
    }

    @Test
    void starting_activationFails_givesTheLeaseBackAndBecomesPassive() throws Exception {
        activation.failure = new IllegalStateException("the store cannot be loaded");
        start(false);
        node.watch();
        assertEquals(List.of(ServerRole.PASSIVE), announced);
        assertEquals(List.of("activation failed"), activation.deactivations);
        assertTrue(lease.released);
    }

    // ---- PASSIVE ----

    @Test
    void passive_partnerSilentButLeaseFresh_staysPassive() throws Exception {
        passiveBesideActivePartner();
        after(500);
        lease.heldBy(PARTNER, 3, 50);
        node.watch();
        assertEquals(ServerRole.PASSIVE, node.role());
        assertEquals(0, activation.activations);
    }

    @Test
    void passive_leaseExpired_takesOverAtTheNextEpoch() throws Exception {
        passiveBesideActivePartner();
        after(1100);
        node.watch();
        assertEquals(ServerRole.ACTIVE, node.role());
        assertEquals(4, node.epoch());
        assertTrue(node.figures().lastTakeover().why().startsWith("the lease expired"), node.figures().lastTakeover().why());
    }

    @Test
    void passive_linkClosedByThePartnersHostAndLeaseNotRenewedSince_takesOverBeforeTheExpiry() throws Exception {
        passiveBesideActivePartner();
        link.lost();
        after(300);
        node.watch();
        assertEquals(ServerRole.ACTIVE, node.role(), "proof of death: 300 ms, well before the 1000 ms expiry");
        assertTrue(node.figures().lastTakeover().why().startsWith("the partner died"), node.figures().lastTakeover().why());
    }

    @Test
    void passive_linkClosedButThePartnerRenewedAfterwards_waitsForTheExpiry() throws Exception {
        passiveBesideActivePartner();
        link.lost();
        after(150);
        lease.heldBy(PARTNER, 3, 0);
        after(300);
        node.watch();
        assertEquals(ServerRole.PASSIVE, node.role(), "a renewal after the loss proves the partner was alive then");
    }

    @Test
    void passive_linkLostThenHealed_readsTheLeaseOncePerSecondAgain() throws Exception {
        passiveBesideActivePartner();
        link.lost();
        link.hears(ServerRole.ACTIVE, 3);
        int reads = lease.reads;
        after(100);
        lease.heldBy(PARTNER, 3, 10);
        node.watch();
        assertEquals(reads, lease.reads, "healed: no longer suspicious, no read before the second is up");
        after(1000);
        lease.heldBy(PARTNER, 3, 10);
        node.watch();
        assertEquals(reads + 1, lease.reads);
    }

    @Test
    void passive_storeCannotBeRead_staysPassiveAndSaysTheStoreIsUnhealthy() throws Exception {
        passiveBesideActivePartner();
        lease.readFailure = new SQLException("connection refused", "08001");
        after(1100);
        node.watch();
        assertEquals(ServerRole.PASSIVE, node.role());
        assertFalse(node.figures().storeHealthy());
    }

    @Test
    void passive_leaseExpiredButItsRowLocked_waitsAndSaysWhy() throws Exception {
        passiveBesideActivePartner();
        lease.takeBlocked = true;
        after(1100);
        node.watch();
        assertEquals(ServerRole.PASSIVE, node.role());
        assertEquals("waiting for the frozen active's store transaction", node.status().note());
        lease.takeBlocked = false;
        node.watch();
        assertEquals(ServerRole.ACTIVE, node.role());
        assertEquals("", node.status().note());
    }

    @Test
    void passive_leaseTakenByAnotherMeanwhile_staysPassive() throws Exception {
        passiveBesideActivePartner();
        lease.takenMeanwhile = true;
        after(1100);
        node.watch();
        assertEquals(ServerRole.PASSIVE, node.role());
        assertEquals(0, activation.activations);
    }

    // ---- ACTIVE ----

    @Test
    void active_renewalRefused_fencesItselfThenPassive_andStopsServing() throws Exception {
        activeWithPassivePartner();
        lease.heldBy(PARTNER, 5, 0);
        node.renew();
        assertEquals(List.of(ServerRole.ACTIVE, ServerRole.FENCED, ServerRole.PASSIVE), announced);
        assertEquals(List.of("another server holds the lease now"), activation.deactivations);
        assertEquals(1, node.figures().fencings());
    }

    @Test
    void active_renewalFailsOnce_staysActive() throws Exception {
        activeWithPassivePartner();
        lease.renewFailure = new SQLException("connection reset", "08006");
        after(100);
        node.renew();
        assertEquals(ServerRole.ACTIVE, node.role());
        lease.renewFailure = null;
        after(100);
        node.renew();
        assertEquals(ServerRole.ACTIVE, node.role());
        assertTrue(node.figures().storeHealthy());
    }

    @Test
    void active_renewalsFailingTillTheLeaseCouldExpire_fenceItselfBeforeAnyTakeover() throws Exception {
        activeWithPassivePartner();
        lease.renewFailure = new SQLException("connection reset", "08006");
        after(950);
        node.renew();
        assertEquals(ServerRole.PASSIVE, node.role());
        assertTrue(activation.deactivations.get(0).startsWith("the lease could not be renewed for 950 ms"),
                activation.deactivations.toString());
    }

    @Test
    void active_renewalsHanging_theRoleCheckFencesOnceTheLeaseMayHaveExpired() throws Exception {
        activeWithPassivePartner();
        after(1001);
        node.watch();
        assertEquals(ServerRole.PASSIVE, node.role());
        assertTrue(activation.deactivations.get(0).startsWith("the lease was not renewed for 1001 ms"));
    }

    @Test
    void active_storeRefusesAWrite_fencesItself() throws Exception {
        activeWithPassivePartner();
        node.fencedByStore();
        assertEquals(List.of(ServerRole.ACTIVE, ServerRole.FENCED, ServerRole.PASSIVE), announced);
    }

    @Test
    void active_switchoverWithALivePassivePartner_drainsReleasesAndDoesNotTakeTheLeaseBack() throws Exception {
        activeWithPassivePartner();
        node.switchover().get(5, TimeUnit.SECONDS);
        assertEquals(ServerRole.PASSIVE, node.role());
        assertEquals(1, activation.drains);
        assertTrue(lease.released);
        link.hears(ServerRole.PASSIVE, 3);
        node.watch();
        assertEquals(ServerRole.PASSIVE, node.role(), "within the hand-over grace the released lease is left to the partner");
    }

    @Test
    void active_switchoverWithoutALivePartner_isRefused() throws Exception {
        activeWithPassivePartner();
        after(1000);
        lease.heldBy("a/this-server", 4, 0);
        CompletableFuture<Void> refused = node.switchover();
        ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS));
        assertEquals("no passive partner is alive to take over", e.getCause().getMessage());
        assertEquals(ServerRole.ACTIVE, node.role());
    }

    @Test
    void passive_switchoverAsked_isRefused() throws Exception {
        passiveBesideActivePartner();
        ExecutionException e = assertThrows(ExecutionException.class, () -> node.switchover().get(5, TimeUnit.SECONDS));
        assertEquals("a is passive, not active", e.getCause().getMessage());
    }

    // ---- a takeover that fails half way ----

    @Test
    void passive_takeoverWhoseActivationFails_givesTheLeaseBack_andStaysPassive() throws Exception {
        passiveBesideActivePartner();
        activation.failure = new IllegalStateException("the store cannot be loaded");
        after(1100);
        node.watch();
        assertEquals(ServerRole.PASSIVE, node.role());
        assertEquals(List.of(ServerRole.PASSIVE), announced, "never announced active");
        assertEquals(List.of("activation failed"), activation.deactivations);
        assertTrue(lease.released, "the partner may take it at once");
    }

    // ---- STOPPED, from every role that can be seen from outside ----

    @Test
    void starting_close_stopsWithoutTouchingTheLease() throws Exception {
        start(false);
        node.close();
        assertEquals(ServerRole.STOPPED, node.role());
        assertEquals(0, lease.releases);
        assertEquals(0, activation.activations);
    }

    @Test
    void passive_close_stops() throws Exception {
        passiveBesideActivePartner();
        node.close();
        assertEquals(ServerRole.STOPPED, node.role());
        assertEquals(List.of(), activation.deactivations);
        assertEquals(0, lease.releases, "not its lease");
    }

    @Test
    void active_close_drainsDeactivatesAndReleasesTheLease() throws Exception {
        activeWithPassivePartner();
        node.close();
        assertEquals(ServerRole.STOPPED, node.role());
        assertEquals(1, activation.drains);
        assertEquals(List.of("shutdown"), activation.deactivations);
        assertEquals(1, lease.releases);
        assertTrue(lease.released, "the partner takes over at once");
    }
}
