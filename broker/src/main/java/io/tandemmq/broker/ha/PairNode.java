package io.tandemmq.broker.ha;

import io.tandemmq.broker.config.BrokerConfig;
import io.tandemmq.broker.config.HaConfig;
import io.tandemmq.broker.fatal.ProcessHalt;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One server of the pair: decides its role from the lease, renews the lease while active, watches
 * the partner while passive, fences itself when it loses the lease, and hands over on switchover.
 *
 * <p>Two threads: the control thread makes every role move (and runs activation, which reads the
 * store); the lease thread renews the lease, so that a long activation never lets it expire.
 */
public final class PairNode implements AutoCloseable {
    private static final Logger LOG = System.getLogger(PairNode.class.getName());
    private final AtomicBoolean closed = new AtomicBoolean();
    /** How long a server that handed over does not take the lease back unless its partner goes silent. */
    private static final long HANDOVER_GRACE_MILLIS = 5_000;
    /** The passive server reads the lease at least this often even when the partner looks fine. */
    private static final long LEASE_CHECK_MILLIS = 1_000;

    /** What becoming active or inactive means for the rest of the broker. */
    public interface Activation {
        /**
         * Loads the store and starts serving clients, with every write checked by {@code fence}.
         *
         * @throws Exception when the store cannot be loaded; the node gives the lease back then
         */
        void activate(EpochFence fence) throws Exception;

        /** Stops serving: clients are disconnected, the store is closed. */
        void deactivate(String reason);

        /** Waits until writes already accepted are in the store (for a switchover). */
        void drain();

        int connections();
    }

    private final BrokerConfig config;
    private final HaConfig ha;
    private final String owner;
    private final LeaseStore lease;
    private final LinkProtection protection;
    private final Activation activation;
    private final Consumer<ServerRole> announcer;
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "tandem-ha"));
    private final ScheduledExecutorService renewer;
    private PartnerLink link;
    /** clock.getAsLong() in production; a test's clock in the unit tests. */
    private final LongSupplier clock;
    /** Runs the role changes the other threads ask for: the control thread in production. */
    private final Executor tasks;
    private final LinkOpener linkOpener;
    private volatile ServerRole role = ServerRole.STARTING;
    private volatile long epoch;
    private volatile long lastRenewNanos;
    private volatile boolean storeHealthy = true;
    private volatile boolean linkLost;
    private volatile long linkLostAtNanos;
    private volatile String clientUrl;
    private volatile LeaseState lastLease;
    private long lastLeaseCheckNanos;
    private long handOverUntilNanos;
    private volatile boolean alarmRaised;
    /** The last try to take the lease waited in vain for the old owner's store transaction. */
    private volatile boolean takeoverBlocked;
    /** Between taking the lease and the end of activation. */
    private volatile boolean takingOver;
    private final StoreOutage passiveOutage = new StoreOutage("read the lease");
    private final StoreOutage renewOutage = new StoreOutage("renew the lease");
    private ScheduledFuture<?> renewal;
    private volatile long lastLeaseReadNanos;
    private final java.util.concurrent.atomic.AtomicLong takeovers = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong fencings = new java.util.concurrent.atomic.AtomicLong();
    private volatile PairFigures.Takeover lastTakeover;
    private volatile String lastFencing;
    private volatile java.util.function.LongConsumer renewalTimer = nanos -> { };

    /**
     * @param serverId this server instance's id (its store sessions carry it); the lease owner is
     *        {@code <name>/<serverId>}
     * @param protection how the heartbeat link authenticates the partner
     * @param announcer told of every role change, on the control thread
     */
    public PairNode(BrokerConfig config, String serverId, Lease lease, LinkProtection protection, Activation activation,
                    Consumer<ServerRole> announcer) {
        this(config, serverId, lease, protection, activation, announcer, System::nanoTime, null, null, null);
    }

    /** Opens the link to the partner; the unit tests give one of their own. */
    interface LinkOpener {
        PartnerLink open(Supplier<Heartbeat> mine, HeartbeatLink.Listener listener) throws IOException;
    }

    /**
     * For the unit tests: the clock, where role changes asked by other threads run, and the link.
     *
     * @param tasks null: the control thread
     * @param linkOpener null: a {@link HeartbeatLink} over TCP
     * @param renewer schedules the lease renewals; null: the {@code tandem-lease} thread
     */
    PairNode(BrokerConfig config, String serverId, LeaseStore lease, LinkProtection protection, Activation activation,
             Consumer<ServerRole> announcer, LongSupplier clock, Executor tasks, LinkOpener linkOpener,
             ScheduledExecutorService renewer) {
        this.config = config;
        this.ha = config.ha();
        this.owner = config.name() + "/" + serverId;
        this.lease = lease;
        this.protection = protection;
        this.activation = activation;
        this.announcer = announcer;
        this.clock = clock;
        this.tasks = tasks == null ? control : tasks;
        this.linkOpener = linkOpener == null ? this::openHeartbeatLink : linkOpener;
        this.renewer = renewer != null ? renewer
                : Executors.newSingleThreadScheduledExecutor(r -> thread(r, "tandem-lease"));
    }

    private PartnerLink openHeartbeatLink(Supplier<Heartbeat> mine, HeartbeatLink.Listener listener) throws IOException {
        HeartbeatLink l = new HeartbeatLink(config.host(), ha.peerPort(), ha.partnerHost(), ha.partnerPort(),
                ha.heartbeatIntervalMillis(), protection, mine, listener);
        l.start();
        return l;
    }

    /**
     * A periodic task that must keep running: a scheduled executor silently drops a task that
     * threw. An exception is logged and the next run comes; an Error halts the process
     * ({@link ProcessHalt}), since a server whose role check or lease renewal stopped is deaf.
     */
    private static Runnable periodic(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, what + " failed", e);
            } catch (Error e) {
                ProcessHalt.halt(what + " failed with " + e);
                throw e;
            }
        };
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts the heartbeat link (if there is a partner) and the role decisions.
     *
     * @param clientUrl where this server's clients connect, told to the partner for its hints
     * @throws IOException naming {@code --peer-port} when the peer port cannot be bound
     */
    public void start(String clientUrl) throws IOException {
        openLink(clientUrl);
        control.scheduleWithFixedDelay(periodic("the role check", this::watch), 0, ha.heartbeatIntervalMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The link to the partner, if there is one; no role decision runs yet (the unit tests drive them). */
    void openLink(String clientUrl) throws IOException {
        this.clientUrl = clientUrl;
        if (ha.hasPartner()) {
            link = linkOpener.open(this::heartbeat, new HeartbeatLink.Listener() {
                @Override
                public void heartbeat(Heartbeat heartbeat) {
                    alarmRaised = false;
                    // the link healed: no longer suspicious, so the lease is read every second again
                    linkLost = false;
                }

                @Override
                public void linkLost() {
                    linkLostAtNanos = clock.getAsLong();
                    linkLost = true;
                    tasks.execute(PairNode.this::watch);
                }
            });
        }
    }

    private Heartbeat heartbeat() {
        return new Heartbeat(config.name(), role, epoch, storeHealthy, clientUrl, activation.connections());
    }

    public ServerRole role() {
        return role;
    }

    public long epoch() {
        return epoch;
    }

    /**
     * Whether this server may become active in a moment: it is passive and its partner is silent
     * or gone, or it is taking over right now. A client's handshake is then held for a moment
     * rather than sent back into its back-off with NOT_ACTIVE.
     */
    public boolean mayBecomeActive() {
        if (takingOver) {
            return true;
        }
        if (role != ServerRole.PASSIVE || link == null) {
            return false;
        }
        Heartbeat hb = link.lastHeartbeat();
        return !partnerAlive() || linkLost && !heardSinceLinkLost() || hb != null && hb.reportsFailure();
    }

    /** The partner's client URL as its heartbeats say, for NOT_ACTIVE hints; null when unknown. */
    public String partnerClientUrl() {
        Heartbeat hb = link == null ? null : link.lastHeartbeat();
        return hb == null ? null : hb.clientUrl();
    }

    private void moveTo(ServerRole target) {
        if (!role.canMoveTo(target)) {
            throw new IllegalStateException("role cannot move from " + role + " to " + target);
        }
        role = target;
        announcer.accept(target);
    }

    // ---- passive: watch the partner and the lease ----

    /** One role check: the control thread runs it every heartbeat interval. */
    void watch() {
        try {
            if (role == ServerRole.STARTING || role == ServerRole.PASSIVE) {
                watchAsPassive();
            } else if (role == ServerRole.ACTIVE) {
                fenceIfLeaseStale();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "role check failed", e);
        }
    }

    private void watchAsPassive() {
        long now = clock.getAsLong();
        boolean due = TimeUnit.NANOSECONDS.toMillis(now - lastLeaseCheckNanos) >= LEASE_CHECK_MILLIS;
        if (!suspicious() && !due && role != ServerRole.STARTING) {
            return;
        }
        lastLeaseCheckNanos = now;
        LeaseState state;
        try {
            state = lease.read();
            lastLease = state;
            lastLeaseReadNanos = clock.getAsLong();
            storeHealthy = true;
            passiveOutage.succeeded();
        } catch (SQLException e) {
            storeHealthy = false;
            passiveOutage.failed(lease.describe(e));
            return;
        }
        if (!state.isExpired(ha.leaseExpiryMillis()) && !partnerDead(state)) {
            takeoverBlocked = false;
            if (role == ServerRole.STARTING) {
                moveTo(ServerRole.PASSIVE);
            }
            raiseAlarmIfPartnerSilent(state);
            return;
        }
        if (now < handOverUntilNanos && partnerAlive()) {
            return;
        }
        takeOver(state);
    }

    private boolean suspicious() {
        if (link == null) {
            return false;
        }
        Heartbeat hb = link.lastHeartbeat();
        long silentLimit = ha.heartbeatIntervalMillis() * ha.heartbeatMisses();
        return linkLost || link.millisSinceHeartbeat() > silentLimit || hb == null || hb.reportsFailure()
                || hb.role() != ServerRole.ACTIVE;
    }

    /**
     * Proof of death before the lease expires: the partner's heartbeat connection was closed by its
     * host (a killed process's sockets are closed at once) and nothing came back since, and the
     * lease has not been renewed for more than two renew intervals, nor since the link closed. A cut
     * link alone is no proof: a live active server goes on renewing, and a server that renewed
     * after its link closed was alive then, so a later pause (a freeze) must wait for the lease to
     * expire like any silence (a frozen or partitioned server).
     */
    private boolean partnerDead(LeaseState state) {
        return linkLost && link != null && !heardSinceLinkLost() && !state.released() && state.owner() != null
                && !state.owner().equals(owner) && state.ageMillis() > 2 * ha.leaseRenewMillis()
                && !renewedSinceLinkLost(state);
    }

    /**
     * Whether the lease was renewed after the link closed. The lease age comes from the database
     * clock and the time since the loss from this one; one renew interval of slack covers a renewal
     * that was on its way when the partner died.
     */
    private boolean renewedSinceLinkLost(LeaseState state) {
        long sinceLost = TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - linkLostAtNanos);
        return state.ageMillis() + ha.leaseRenewMillis() < sinceLost;
    }

    private boolean heardSinceLinkLost() {
        long sinceLost = TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - linkLostAtNanos);
        return link.millisSinceHeartbeat() < sinceLost;
    }

    private boolean partnerAlive() {
        return link != null && link.millisSinceHeartbeat() <= ha.heartbeatIntervalMillis() * ha.heartbeatMisses();
    }

    private void raiseAlarmIfPartnerSilent(LeaseState state) {
        // a partner whose connection its host closed, and that has not renewed since, is probably
        // dead and about to be proven so: "alive and reaches the store" would be false
        if (linkLost && link != null && !heardSinceLinkLost() && !renewedSinceLinkLost(state)) {
            return;
        }
        // before the first heartbeat the partner may just be starting: no alarm then
        if (link != null && link.lastHeartbeat() != null && !partnerAlive() && !alarmRaised) {
            alarmRaised = true;
            LOG.log(Level.WARNING, "ALARM: no heartbeat from the partner for {0} ms, but the lease of {1} (epoch {2}) is"
                    + " fresh ({3} ms old): the active server is alive and reaches the store; not taking over",
                    link.millisSinceHeartbeat(), state.owner(), state.epoch(), state.ageMillis());
        }
    }

    private void takeOver(LeaseState seen) {
        long decidedNanos = clock.getAsLong();
        String why = takeoverReason(seen);
        long newEpoch;
        try {
            newEpoch = lease.take(owner, seen);
        } catch (TakeoverBlockedException e) {
            if (!takeoverBlocked) {
                takeoverBlocked = true;
                LOG.log(Level.ERROR, "ALARM: cannot take over from {0}: the lease expired {1} ms ago, but {2}; waiting"
                        + " for the frozen active''s store transaction (a Derby store cannot end another server''s"
                        + " session; PostgreSQL can)", seen.owner(), seen.ageMillis(), e.getMessage());
            }
            return;
        } catch (SQLException e) {
            passiveOutage.failed(lease.describe(e));
            return;
        }
        if (takeoverBlocked) {
            takeoverBlocked = false;
            LOG.log(Level.WARNING, "the lease row is free again: taking over");
        }
        if (newEpoch < 0) {
            return;
        }
        linkLost = false;
        epoch = newEpoch;
        lastRenewNanos = clock.getAsLong();
        startRenewing();
        LOG.log(Level.INFO, "took the lease at epoch {0} (previous owner {1}, last renewed {2} ms before{3})", newEpoch,
                seen.owner() == null ? "none" : seen.owner(), seen.ageMillis(), seen.released() ? ", released" : "");
        takingOver = true;
        try {
            activation.activate(new EpochFence(owner, newEpoch));
        } catch (Exception e) {
            LOG.log(Level.ERROR, "activation failed; giving the lease back", e);
            stopRenewing();
            activation.deactivate("activation failed");
            releaseQuietly();
            if (role == ServerRole.STARTING) {
                moveTo(ServerRole.PASSIVE);
            }
            return;
        } finally {
            takingOver = false;
        }
        takeovers.incrementAndGet();
        lastTakeover = new PairFigures.Takeover(System.currentTimeMillis(), newEpoch,
                TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - decidedNanos), why);
        moveTo(ServerRole.ACTIVE);
    }

    /** Why a takeover happens, as the console and the metrics tell it. */
    private String takeoverReason(LeaseState seen) {
        if (seen.owner() == null) {
            return "no server held the lease";
        }
        if (seen.owner().equals(owner)) {
            return "this server held the lease already";
        }
        if (seen.released()) {
            return "the partner handed the lease over (switchover or shutdown)";
        }
        if (partnerDead(seen)) {
            return "the partner died: its heartbeat connection closed and the lease was not renewed for "
                    + seen.ageMillis() + " ms";
        }
        return "the lease expired: not renewed for " + seen.ageMillis() + " ms";
    }

    // ---- active: renew, fence ----

    private void startRenewing() {
        renewal = renewer.scheduleWithFixedDelay(periodic("the lease renewal", this::renew), ha.leaseRenewMillis(),
                ha.leaseRenewMillis(), TimeUnit.MILLISECONDS);
    }

    private void stopRenewing() {
        if (renewal != null) {
            renewal.cancel(false);
            renewal = null;
        }
    }

    /** One lease renewal: the lease thread runs it every renew interval while active. */
    void renew() {
        long myEpoch = epoch;
        long start = clock.getAsLong();
        try {
            if (lease.renew(owner, myEpoch)) {
                lastRenewNanos = clock.getAsLong();
                renewalTimer.accept(lastRenewNanos - start);
                storeHealthy = true;
                renewOutage.succeeded();
                return;
            }
            tasks.execute(() -> fence("another server holds the lease now", myEpoch));
        } catch (SQLException e) {
            storeHealthy = false;
            renewOutage.failed(lease.describe(e));
            long since = TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - lastRenewNanos);
            // fence before the lease can expire, so that a takeover never meets a live active server
            if (since > ha.leaseExpiryMillis() - ha.leaseRenewMillis()) {
                tasks.execute(() -> fence("the lease could not be renewed for " + since + " ms: " + e.getMessage(), myEpoch));
            }
        }
    }

    /**
     * The renewals may hang rather than fail (a store that stopped answering on an open socket):
     * the control thread fences the server all the same once the lease may have expired. (A slow
     * renewal that still succeeds within the expiry is no reason: the writer holds the lease row
     * during its commits, so renewals wait behind them under load.)
     */
    private void fenceIfLeaseStale() {
        long since = TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - lastRenewNanos);
        if (since > ha.leaseExpiryMillis()) {
            fence("the lease was not renewed for " + since + " ms", epoch);
        }
    }

    /** While activating: whether recovery waits for the previous owner's open store transaction (shown by status). */
    public void waitingForPreviousOwner(boolean waiting) {
        takeoverBlocked = waiting;
    }

    /** Called by the store writer when the epoch check refused a write. */
    public void fencedByStore() {
        long myEpoch = epoch;
        tasks.execute(() -> fence("the store refused a write: another server took over", myEpoch));
    }

    private void fence(String reason, long atEpoch) {
        if (role != ServerRole.ACTIVE || epoch != atEpoch) {
            return;
        }
        LOG.log(Level.ERROR, "fencing myself at epoch {0}: {1}", atEpoch, reason);
        fencings.incrementAndGet();
        lastFencing = reason;
        stopRenewing();
        moveTo(ServerRole.FENCED);
        activation.deactivate(reason);
        releaseQuietly();
        moveTo(ServerRole.PASSIVE);
    }

    private void releaseQuietly() {
        try {
            lease.release(owner, epoch);
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "lease not released: {0}", e.getMessage());
        }
    }

    // ---- switchover and status ----

    /**
     * Hands the active role to the partner: stops serving, lets accepted writes finish, releases
     * the lease. Clients reconnect to the partner.
     *
     * @return completes when this server is passive; fails when it is not active or has no live partner
     */
    public CompletableFuture<Void> switchover() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        control.execute(() -> {
            if (role != ServerRole.ACTIVE) {
                done.completeExceptionally(new IllegalStateException(config.name() + " is " + role.label() + ", not active"));
                return;
            }
            if (!partnerAlive() || link.lastHeartbeat().role() != ServerRole.PASSIVE) {
                done.completeExceptionally(new IllegalStateException("no passive partner is alive to take over"));
                return;
            }
            activation.drain();
            stopRenewing();
            activation.deactivate("switchover");
            releaseQuietly();
            handOverUntilNanos = clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(HANDOVER_GRACE_MILLIS);
            moveTo(ServerRole.PASSIVE);
            done.complete(null);
        });
        return done;
    }

    /** The partner's role as its last heartbeat said, or "unreachable" once its heartbeats stopped. */
    private String partnerRole(Heartbeat hb) {
        if (hb == null) {
            return null;
        }
        return partnerAlive() ? hb.role().label() : "unreachable (was " + hb.role().label() + ")";
    }

    /** @param timer told how long each successful lease renewal took, in nanoseconds (lease thread) */
    public void onLeaseRenewed(java.util.function.LongConsumer timer) {
        renewalTimer = timer;
    }

    /** What this server knows of the pair now, without reading the store. */
    public PairFigures figures() {
        ServerRole r = role;
        Heartbeat hb = link == null ? null : link.lastHeartbeat();
        long leaseAge;
        if (r == ServerRole.ACTIVE) {
            leaseAge = TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - lastRenewNanos);
        } else {
            LeaseState l = lastLease;
            leaseAge = l == null ? -1 : l.ageMillis() + TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - lastLeaseReadNanos);
        }
        boolean fresh = r == ServerRole.ACTIVE && leaseAge >= 0 && leaseAge < ha.leaseExpiryMillis() - ha.leaseRenewMillis();
        String linkState = link == null ? "none" : linkLost || !partnerAlive() ? "lost" : "up";
        return new PairFigures(config.name(), r, epoch, clientUrl, leaseAge, fresh,
                link == null || hb == null ? -1 : link.millisSinceHeartbeat(), linkState,
                hb == null ? null : hb.name(), partnerRole(hb), hb == null ? null : hb.clientUrl(), storeHealthy,
                takeovers.get(), fencings.get(), lastTakeover, lastFencing);
    }

    public ServerStatus status() {
        LeaseState l = lastLease;
        try {
            l = lease.read();
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "status without a fresh lease: {0}", e.getMessage());
        }
        Heartbeat hb = link == null ? null : link.lastHeartbeat();
        return new ServerStatus(config.name(), role.label(), epoch, clientUrl,
                l == null ? null : l.owner(), l == null ? -1 : l.epoch(), l != null && l.released(),
                l == null ? -1 : l.ageMillis(), hb == null ? null : hb.name(), partnerRole(hb),
                link == null ? -1 : link.millisSinceHeartbeat(),
                takeoverBlocked ? "waiting for the frozen active's store transaction" : "");
    }

    /**
     * Stops: an active server drains, deactivates and gives the lease back first. Idempotent (a
     * shutdown hook and the command may both close it).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        control.execute(() -> {
            stopRenewing();
            if (role == ServerRole.ACTIVE) {
                activation.drain();
                activation.deactivate("shutdown");
                releaseQuietly();
            }
            if (role.canMoveTo(ServerRole.STOPPED)) {
                role = ServerRole.STOPPED;
            }
            stopped.complete(null);
        });
        try {
            stopped.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "stopping took too long: {0}", e.toString());
        }
        if (link != null) {
            link.close();
        }
        control.shutdownNow();
        renewer.shutdownNow();
        lease.close();
    }
}
