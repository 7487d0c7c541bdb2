package io.tandemmq.broker.net;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tandemmq.broker.admin.AdminRequests;
import io.tandemmq.broker.admin.DestinationAdmin;
import io.tandemmq.broker.admin.StoreAdmin;
import io.tandemmq.broker.core.Broker;
import io.tandemmq.broker.security.Authenticator;
import io.tandemmq.broker.tx.XaBranches;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the client port serves right now: the active broker, or nothing (a passive or fenced
 * server answers NOT_ACTIVE with a hint where the active server is). Deactivating closes every
 * client channel, so that clients move to the other server.
 */
public final class ServiceState {

    /** The broker that serves clients while this server is active. */
    record Active(Broker broker, RequestDispatcher dispatcher) { }

    /** Role operations answered on the client port: STATUS and SWITCHOVER. */
    public interface RoleOperations {
        byte[] status();

        CompletableFuture<Void> switchover();
    }

    private final String serverName;
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ExecutorService roleExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tandem-role-requests");
        t.setDaemon(true);
        return t;
    });
    /** Admin requests and lookups read and write the store: one thread of their own, off the core and event loops. */
    private final ExecutorService adminExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tandem-admin-requests");
        t.setDaemon(true);
        return t;
    });
    private volatile Active active;
    private volatile Supplier<String> activeHint = () -> null;
    private volatile java.util.function.BooleanSupplier mayBecomeActive = () -> false;
    private volatile RoleOperations roles;

    private final Authenticator authenticator;
    private final StoreAdmin storeAdmin;

    /**
     * @param authenticator decides every client handshake; owned (and closed) by the caller
     * @param storeAdmin carries out the admin requests on the store's tables
     */
    public ServiceState(String serverName, Authenticator authenticator, StoreAdmin storeAdmin) {
        this.serverName = serverName;
        this.authenticator = authenticator;
        this.storeAdmin = storeAdmin;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    public String serverName() {
        return serverName;
    }

    Active active() {
        return active;
    }

    public boolean isActive() {
        return active != null;
    }

    public void activate(Broker broker, XaBranches xa) {
        DestinationAdmin destinations = new DestinationAdmin(broker);
        active = new Active(broker, new RequestDispatcher(destinations, xa,
                new AdminRequests(destinations, storeAdmin, adminExecutor)));
    }

    /** Stops serving and disconnects every client. */
    public void deactivate() {
        active = null;
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    void register(Channel channel) {
        clients.add(channel);
    }

    public int connections() {
        return clients.size();
    }

    public void setActiveHint(Supplier<String> hint) {
        activeHint = hint;
    }

    String activeHint() {
        return activeHint.get();
    }

    /** Tells whether this (inactive) server may become active in a moment: handshakes wait for that. */
    public void setMayBecomeActive(java.util.function.BooleanSupplier supplier) {
        mayBecomeActive = supplier;
    }

    boolean mayBecomeActive() {
        return mayBecomeActive.getAsBoolean();
    }

    public void setRoleOperations(RoleOperations operations) {
        roles = operations;
    }

    RoleOperations roles() {
        return roles;
    }

    /** Role requests may touch the store: they run here, never on a Netty event loop. */
    ExecutorService roleExecutor() {
        return roleExecutor;
    }

    public void close() {
        deactivate();
        roleExecutor.shutdownNow();
        adminExecutor.shutdownNow();
    }
}
