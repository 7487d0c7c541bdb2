package io.tandemmq.broker;

import io.tandemmq.broker.logging.DerbyLog;
import io.tandemmq.broker.admin.StoreAdmin;
import io.tandemmq.broker.config.BrokerConfig;
import io.tandemmq.broker.core.Broker;
import io.tandemmq.broker.ha.EpochFence;
import io.tandemmq.broker.ha.Lease;
import io.tandemmq.broker.ha.LinkProtection;
import io.tandemmq.broker.ha.PairNode;
import io.tandemmq.broker.ha.ServerRole;
import io.tandemmq.broker.core.BrokerFigures;
import io.tandemmq.broker.ha.PairFigures;
import io.tandemmq.broker.monitoring.MonitoredServer;
import io.tandemmq.broker.monitoring.Monitoring;
import io.tandemmq.broker.net.BrokerAcceptor;
import io.tandemmq.broker.net.ServiceState;
import io.tandemmq.broker.security.Authenticator;
import io.tandemmq.broker.store.JdbcBindingStore;
import io.tandemmq.broker.store.JdbcMessageStore;
import io.tandemmq.broker.store.JdbcUserStore;
import io.tandemmq.broker.store.StoreBackup;
import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreException;
import io.tandemmq.broker.store.StoreLocation;
import io.tandemmq.broker.store.StoreOperation;
import io.tandemmq.broker.store.StoreSchema;
import io.tandemmq.broker.store.WriteGuard;
import io.tandemmq.broker.tls.ServerTls;
import io.tandemmq.broker.tx.XaBranches;
import io.tandemmq.protocol.tls.TlsSetupException;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One server process: the client port, the pair node that decides the role, and — while active —
 * a {@link Broker} on the store. Each activation builds a fresh broker from the store; deactivation
 * (fencing, switchover, shutdown) throws it away.
 */
public final class BrokerServer implements AutoCloseable, PairNode.Activation {
    private static final Logger LOG = System.getLogger(BrokerServer.class.getName());
    private static final long STORE_WAIT_MILLIS = 1000;
    /** How long a starting server waits for a store that cannot be reached before it gives up. */
    private static final long STORE_START_WAIT_MILLIS = 60_000;

    private final BrokerConfig config;
    private final ServiceState service;
    private final BrokerAcceptor acceptor;
    private final Authenticator authenticator;
    private final Consumer<String> out;
    private final LinkProtection linkProtection;
    /** This server instance: its lease owner name and its store sessions carry it. */
    private final String serverId = UUID.randomUUID().toString();
    private final StoreLocation store;
    private final JdbcUserStore users;
    private final JdbcBindingStore bindings;
    private volatile PairNode node;
    private String clientUrl;
    private volatile Broker broker;
    private volatile XaBranches xa;
    private volatile JdbcMessageStore messages;
    private volatile BrokerFigures lastFigures = BrokerFigures.EMPTY;
    private final Monitoring monitoring;
    private InetSocketAddress httpAddress;
    /** How long a switchover waits for open transactions to end before it hands over anyway. */
    private static final long SWITCHOVER_WAIT_MILLIS = 5_000;

    private BrokerServer(BrokerConfig config, Consumer<String> out, SslContext clientTls, LinkProtection linkProtection) {
        this.config = config;
        this.out = out;
        this.linkProtection = linkProtection;
        this.store = config.storeLocation().forServer(serverId);
        this.users = new JdbcUserStore(store);
        this.bindings = new JdbcBindingStore(store);
        fenceAdministration(WriteGuard.NOT_ACTIVE);
        this.authenticator = Authenticator.on(users, config.authCacheMillis());
        this.service = new ServiceState(config.name(), authenticator, new StoreAdmin(users, bindings, new StoreBackup(store)));
        this.acceptor = new BrokerAcceptor(service, config, clientTls);
        this.monitoring = new Monitoring(config.name(), new Figures());
    }

    /**
     * Binds the client port, waits until the store can be reached, then lets the pair node decide
     * the role (the role line is printed through {@code out}).
     *
     * @throws IOException when the client port cannot be bound, or TLS cannot be set up with the
     *         configured key and trust stores
     * @throws InterruptedException when interrupted while waiting for the store
     */
    public static BrokerServer start(BrokerConfig config, Consumer<String> out) throws IOException, InterruptedException {
        EmbeddedStoreFolder.prepare(config.dataDir());
        DerbyLog.inFolder(config.dataDir());
        SslContext clientTls;
        LinkProtection protection;
        try {
            ServerTls tls = config.tls() == null ? null : ServerTls.of(config.tls());
            clientTls = tls == null ? null : tls.clientPort();
            protection = config.ha().peerTls()
                    ? new LinkProtection(tls.peerServer(), tls.peerClient(), config.ha().peerSecret())
                    : new LinkProtection(null, null, config.ha().peerSecret());
        } catch (TlsSetupException e) {
            throw new IOException("TLS: " + e.getMessage(), e);
        }
        BrokerServer server = new BrokerServer(config, out, clientTls, protection);
        try {
            server.open();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void open() throws IOException, InterruptedException {
        InetSocketAddress address = acceptor.bind(config.host(), config.port());
        clientUrl = config.clientScheme() + address.getHostString() + ":" + address.getPort();
        httpAddress = monitoring.start(config.host(), config.httpPort(), authenticator);
        awaitSchema();
        node = new PairNode(config, serverId, new Lease(store), linkProtection, this, this::announce);
        node.onLeaseRenewed(monitoring.meters()::leaseRenewed);
        service.setActiveHint(node::partnerClientUrl);
        service.setMayBecomeActive(node::mayBecomeActive);
        service.setRoleOperations(new ServiceState.RoleOperations() {
            @Override
            public byte[] status() {
                return node.status().encode();
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> switchover() {
                return node.switchover();
            }
        });
        node.start(clientUrl);
    }

    /**
     * The schema (and its lease row) must exist before the lease can be read. A store that refuses
     * the credentials, holds another product's tables or a newer schema stops the start at once; one
     * that cannot be reached is waited for, up to {@value #STORE_START_WAIT_MILLIS} ms.
     *
     * @throws IOException naming the option to fix, when the store cannot be used
     */
    private void awaitSchema() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STORE_START_WAIT_MILLIS);
        boolean reported = false;
        while (true) {
            try (Connection c = store.connect("schema")) {
                List<String> warnings = store.dialect().checkServer(c);
                c.setAutoCommit(false);
                StoreSchema.ensure(c, store.dialect(), config.effectiveStoreUrl());
                warnings.forEach(w -> LOG.log(Level.WARNING, w));
                if (config.storeUrl() == null) {
                    EmbeddedStoreFolder.claim(config.dataDir());
                }
                return;
            } catch (StoreException e) {
                throw new IOException("--store: " + e.getMessage(), e);
            } catch (SQLException e) {
                if (store.dialect().isAuthenticationFailure(e)) {
                    throw new IOException("--store-user/--store-password-file: the store at " + store
                            + " refused them: " + e.getMessage(), e);
                }
                if (config.storeUrl() == null) {
                    // the embedded store is a folder on this machine: waiting cannot help
                    throw new IOException(EmbeddedStoreFolder.whyNotOpened(config.dataDir(), e), e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("--store: cannot reach the store at " + store + " for "
                            + STORE_START_WAIT_MILLIS / 1000 + " s: " + e.getMessage(), e);
                }
                if (!reported) {
                    LOG.log(Level.WARNING, "waiting for the store at {0}: {1}", store, store.dialect().describe(e));
                    reported = true;
                }
                Thread.sleep(STORE_WAIT_MILLIS);
            }
        }
    }

    /**
     * One line for the log after start: what this server runs on and whether anyone may connect.
     * Security is off until the first user exists, which nothing else would tell.
     */
    public String summary() {
        String pair = config.ha().hasPartner()
                ? "pair with " + config.ha().partnerHost() + ":" + config.ha().partnerPort()
                : "no partner";
        String security = securityOff() ? "security OFF (no users: anyone may connect; add one with"
                + " 'java -jar tandem-broker.jar user add', see docs/security.md)" : "security on";
        String http = httpAddress == null ? "" : "; console and metrics on http://" + httpAddress.getHostString()
                + ":" + httpAddress.getPort() + "/";
        return "clients on " + clientUrl + (config.tls() == null ? "" : " (TLS)") + http + "; store " + store.dialect().name()
                + " " + withoutOptions(config.effectiveStoreUrl()) + "; " + pair + "; " + security;
    }

    /** No user exists yet: every connection is accepted. False when the store cannot say. */
    public boolean securityOff() {
        try {
            return !users.hasUsers();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A URL's options may hold a password: the log shows what comes before them. */
    private static String withoutOptions(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }

    private void announce(ServerRole role) {
        out.accept("tandem: " + config.name() + " " + role.label() + " " + clientUrl);
    }

    public String clientUrl() {
        return clientUrl;
    }

    public ServerRole role() {
        return node == null ? ServerRole.STARTING : node.role();
    }

    @Override
    public void activate(EpochFence fence) {
        JdbcMessageStore messages = new JdbcMessageStore(store, config.storeWriters(), fence, () -> node.fencedByStore(),
                monitoring.meters());
        messages.onPreviousOwnerWait(node::waitingForPreviousOwner);
        Broker b = new Broker(config, messages);
        XaBranches xa = new XaBranches(b, config.transactionTimeoutMillis());
        b.setRecoveredTransactions(xa);
        try {
            b.start();
            b.runOnCore(xa::startTimers);
        } catch (RuntimeException e) {
            b.stop();
            throw e;
        }
        broker = b;
        this.messages = messages;
        this.xa = xa;
        fenceAdministration(fence);
        service.activate(b, xa);
    }

    /** Users, grants and bindings are written only by the active server, under its epoch. */
    private void fenceAdministration(WriteGuard guard) {
        users.fenceWith(guard);
        bindings.fenceWith(guard);
    }

    @Override
    public void deactivate(String reason) {
        LOG.log(Level.WARNING, "no longer serving clients: {0}", reason);
        fenceAdministration(WriteGuard.NOT_ACTIVE);
        service.deactivate();
        Broker b = broker;
        broker = null;
        messages = null;
        if (b != null) {
            b.stop();
        }
    }

    /**
     * Before a switchover: stops new deliveries and waits (up to a few seconds) until every local
     * transaction and unprepared XA branch has ended, so that clients move without a rolled-back
     * transaction; then waits until accepted writes are in the store.
     */
    @Override
    public void drain() {
        Broker b = broker;
        if (b == null) {
            return;
        }
        b.runOnCore(b::pauseDelivery);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SWITCHOVER_WAIT_MILLIS);
        while (System.nanoTime() < deadline && openWork(b) > 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            b.store().write(StoreBatch.of(new StoreOperation.Barrier())).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "pending writes did not finish: {0}", e.toString());
        }
    }

    private int openWork(Broker b) {
        int[] open = new int[1];
        XaBranches x = xa;
        b.runOnCore(() -> open[0] = b.openLocalTransactions() + (x == null ? 0 : x.unprepared()));
        return open[0];
    }

    @Override
    public int connections() {
        return service.connections();
    }

    /** The HTTP port's address, or null without {@code --http-port}. */
    public InetSocketAddress httpAddress() {
        return httpAddress;
    }

    @Override
    public void close() {
        monitoring.close();
        if (node != null) {
            node.close();
        }
        service.close();
        acceptor.close();
        authenticator.close();
        users.closeConnections();
        bindings.closeConnections();
        Broker b = broker;
        if (b != null) {
            b.stop();
        }
    }

    /** What the monitoring reads of this server. */
    private final class Figures implements MonitoredServer {
        @Override
        public PairFigures pair() {
            PairNode n = node;
            if (n == null) {
                return new PairFigures(config.name(), ServerRole.STARTING, 0, clientUrl, -1, false, -1,
                        config.ha().hasPartner() ? "lost" : "none", null, null, null, true, 0, 0, null, null);
            }
            return n.figures();
        }

        @Override
        public BrokerFigures brokerFigures() {
            Broker b = broker;
            if (b == null) {
                lastFigures = BrokerFigures.EMPTY;
                return BrokerFigures.EMPTY;
            }
            try {
                lastFigures = java.util.concurrent.CompletableFuture.supplyAsync(b::figures, b.core()).get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // a busy core: the figures of a second ago are better than none
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
                lastFigures = BrokerFigures.EMPTY;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return lastFigures;
        }

        @Override
        public long writerBacklog() {
            JdbcMessageStore m = messages;
            return m == null ? 0 : m.writerBacklog();
        }

        @Override
        public long loginRefusals() {
            return authenticator.refusals();
        }
    }
}
