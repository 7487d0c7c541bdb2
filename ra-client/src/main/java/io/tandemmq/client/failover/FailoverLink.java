package io.tandemmq.client.failover;

import io.tandemmq.client.transport.BrokerLink;
import io.tandemmq.client.transport.LinkOpener;
import io.tandemmq.client.transport.ClientOptions;
import io.tandemmq.client.transport.LinkListener;
import io.tandemmq.client.transport.ServerLink;
import io.tandemmq.protocol.Commit;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.IdRef;
import io.tandemmq.protocol.NameRef;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.Send;
import io.tandemmq.protocol.Welcome;
import io.tandemmq.protocol.WirePayload;
import io.tandemmq.protocol.WireReader;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The connection to whichever server of the pair is active. Its states:
 * {@code CONNECTED → RECONNECTING → CONNECTED} (failover), {@code RECONNECTING → FAILED} (gave up
 * after the URL's reconnect limits), and {@code CLOSED} from any state.
 *
 * <p>With client-side persistence on ({@link ClientOptions#clientPersistenceEnabled()}) the link
 * never moves to {@code FAILED}: it keeps reconnecting for as long as it is open, and
 * {@link #openOrOffline} starts it {@code RECONNECTING} (offline) when no server can be reached.
 *
 * <p>While reconnecting, new requests wait (at most the request timeout). Requests in flight when
 * the link broke are settled after the {@link Replay} by their {@link Retry} rule: sent again,
 * counted as done, turned into an outcome query (commit), or failed.
 */
public final class FailoverLink implements LinkListener {
    private static final Logger LOG = System.getLogger(FailoverLink.class.getName());

    /**
     * The states of the link and the moves between them:
     *
     * <pre>
     * CONNECTED    -> RECONNECTING (link lost), FAILED (link lost, failover off), CLOSED
     * RECONNECTING -> CONNECTED (a server took the handshake), FAILED (gave up), CLOSED
     * FAILED       -> CLOSED
     * CLOSED       -> nothing
     * </pre>
     */
    public enum State {
        CONNECTED, RECONNECTING, FAILED, CLOSED;

        boolean canMoveTo(State target) {
            return switch (this) {
                // FAILED at once when failover is off (reconnectTotalTime=0)
                case CONNECTED -> target == RECONNECTING || target == FAILED || target == CLOSED;
                case RECONNECTING -> target == CONNECTED || target == FAILED || target == CLOSED;
                case FAILED -> target == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    /** A request and what to do with it at a failover. */
    private static final class Pending {
        final FrameType type;
        final byte[] payload;
        final Retry retry;
        final CompletableFuture<Frame> result = new CompletableFuture<>();
        /** False once the request would reach another server than the one it was meant for. */
        final BooleanSupplier forThisServer;
        /** The link generation the request went out at. */
        long generation;

        Pending(FrameType type, byte[] payload, Retry retry, BooleanSupplier forThisServer) {
            this.type = type;
            this.payload = payload;
            this.retry = retry;
            this.forThisServer = forThisServer;
        }
    }

    private static final BooleanSupplier ANY_SERVER = () -> true;
    /** How often {@link #awaitWhileConnected} looks whether the link is still connected. */
    private static final long CONNECTED_CHECK_MILLIS = 20;

    private final LinkOpener opener;
    private final ClientOptions options;
    private final String user;
    private final String password;
    private final Replay replay;
    private final List<FailoverListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final List<Pending> parked = new ArrayList<>();
    private final List<Pending> waiting = new ArrayList<>();
    private final ExecutorService reconnector = Executors.newSingleThreadExecutor(r -> daemon(r, "tandem-failover"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tandem-failover-timer"));
    private volatile String clientId;
    private volatile ServerLink link;
    private volatile State state = State.CONNECTED;
    /** See {@link #generation()}; changed under {@code lock}, read without it. */
    private volatile long generation;

    private FailoverLink(LinkOpener opener, ClientOptions options, String user, String password, String clientId,
                         Replay replay) {
        this.opener = opener;
        this.options = options;
        this.user = user;
        this.password = password;
        this.clientId = clientId;
        this.replay = replay;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Connects to the first server of the URL that is active.
     *
     * @throws ProtocolException when none is reachable or the broker refuses the handshake
     */
    public static FailoverLink open(ClientOptions options, String user, String password, String clientId, Replay replay)
            throws ProtocolException {
        return open(LinkOpener.TCP, options, user, password, clientId, replay);
    }

    /** {@link #open(ClientOptions, String, String, String, Replay)} with links from {@code opener}. */
    static FailoverLink open(LinkOpener opener, ClientOptions options, String user, String password, String clientId,
                             Replay replay) throws ProtocolException {
        FailoverLink f = new FailoverLink(opener, options, user, password, clientId, replay);
        try {
            f.link = opener.open(options, user, password, clientId, f);
            return f;
        } catch (ProtocolException e) {
            f.shutdownThreads();
            throw e;
        }
    }

    /**
     * Like {@link #open}, but with client-side persistence on, an unreachable pair is no error: the
     * link starts {@code RECONNECTING} (offline) and connects in the background.
     *
     * @throws ProtocolException when the broker refuses the handshake (for example
     *         INVALID_CLIENT_ID or SECURITY), or, without client-side persistence, when no server
     *         is reachable
     */
    public static FailoverLink openOrOffline(ClientOptions options, String user, String password, String clientId,
                                             Replay replay) throws ProtocolException {
        return openOrOffline(LinkOpener.TCP, options, user, password, clientId, replay);
    }

    /** {@link #openOrOffline(ClientOptions, String, String, String, Replay)} with links from {@code opener}. */
    static FailoverLink openOrOffline(LinkOpener opener, ClientOptions options, String user, String password,
                                      String clientId, Replay replay) throws ProtocolException {
        if (!options.clientPersistenceEnabled()) {
            return open(opener, options, user, password, clientId, replay);
        }
        FailoverLink f = new FailoverLink(opener, options, user, password, clientId, replay);
        try {
            f.link = opener.open(options, user, password, clientId, f);
        } catch (ProtocolException e) {
            if (e.code() != ErrorCode.GENERAL) {
                f.shutdownThreads();
                throw e;
            }
            f.moveTo(State.RECONNECTING);
            LOG.log(Level.INFO, "no server reachable ({0}); running offline with client-side persistence", e.getMessage());
            f.reconnector.execute(() -> f.reconnect(e));
        }
        return f;
    }

    public State state() {
        return state;
    }

    /**
     * The one way the state changes: a move the table of {@link State} does not allow is a bug.
     * Called with {@code lock} held (or before the link is shared).
     *
     * @throws IllegalStateException naming the move
     */
    private void moveTo(State target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException("the link cannot move from " + state + " to " + target);
        }
        state = target;
    }

    /**
     * Which server: the count of links lost (and of reconnection attempts given up after their
     * link opened). It moves before anything else hears of the loss, so work tagged with another
     * generation than the current one (delivery ids, requests naming them, deliveries still in a
     * buffer) belongs to a server that is gone. The one such counter of the client.
     */
    public long generation() {
        return generation;
    }

    /**
     * The generation while a server is connected, -1 while none is: a request that starts
     * reconnecting may reach a server that is new to it, which the caller cannot tell from the
     * generation alone (it does not move again when the next server takes over).
     */
    public long connectedGeneration() {
        synchronized (lock) {
            return state == State.CONNECTED ? generation : -1;
        }
    }

    public void addListener(FailoverListener l) {
        listeners.add(l);
    }

    public void removeListener(FailoverListener l) {
        listeners.remove(l);
    }

    private void emit(FailoverEvent.Type type, String server, int attempt, Exception cause) {
        FailoverEvent e = new FailoverEvent(type, server, attempt, cause);
        for (FailoverListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "failover listener failed: {0}", ex.toString());
            }
        }
    }

    /** The id sent in the handshake of every reconnection. */
    public void setClientId(String id) {
        clientId = id;
    }

    /** The handshake answer of the current server; null while offline before the first connection. */
    public Welcome welcome() {
        ServerLink current = link;
        return current == null ? null : current.welcome();
    }

    /** The current server, or "none" while offline before the first connection. */
    public String server() {
        ServerLink current = link;
        return current == null ? "none" : String.valueOf(current.server());
    }

    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    public ClientOptions options() {
        return options;
    }

    // ---- requests ----

    /**
     * Sends a request. The future completes with the answer, or exceptionally with a
     * {@link ProtocolException}: the broker's refusal, GENERAL when closed, when failover gave up
     * or when reconnecting took longer than the request timeout, CONNECTION_LOST for a request
     * whose rule is {@link Retry#FAIL}.
     */
    public CompletableFuture<Frame> request(FrameType type, WirePayload payload, Retry retry) {
        return request(type, payload, retry, ANY_SERVER);
    }

    /**
     * Sends a request that names things of one server (delivery ids): when {@code forThisServer}
     * is false by the time the request would go out, that server is gone, and the request is
     * settled by its rule as if it had been lost in flight, instead of reaching the new server
     * where the same ids name other deliveries. Such requests must not have the rule
     * {@link Retry#RESEND}.
     */
    public CompletableFuture<Frame> request(FrameType type, WirePayload payload, Retry retry, BooleanSupplier forThisServer) {
        Pending p = new Pending(type, payload == null ? null : payload.encode(), retry, forThisServer);
        submit(p);
        return p.result;
    }

    public CompletableFuture<Frame> request(FrameType type, WirePayload payload) {
        return request(type, payload, Retry.forType(type));
    }

    /** Sends a request and waits for its answer (the wait may include a failover). */
    public Frame call(FrameType type, WirePayload payload) throws ProtocolException {
        return call(type, payload, Retry.forType(type));
    }

    public Frame call(FrameType type, WirePayload payload, Retry retry) throws ProtocolException {
        return BrokerLink.await(request(type, payload, retry), awaitLimitMillis());
    }

    /** {@link #request(FrameType, WirePayload, Retry, BooleanSupplier)} with the type's rule, waiting for the answer. */
    public Frame call(FrameType type, WirePayload payload, BooleanSupplier forThisServer) throws ProtocolException {
        return BrokerLink.await(request(type, payload, Retry.forType(type), forThisServer), awaitLimitMillis());
    }

    /**
     * Waits for an answer, but no longer than the link stays connected: for callers that have
     * somewhere else to put the request while no server is there (client-side persistence).
     *
     * @throws ProtocolException the broker's error; CONNECTION_LOST as soon as the link is not
     *         connected (the request itself stays in the failover's hands and may still reach the
     *         next server); GENERAL when no answer came within the time
     */
    public Frame awaitWhileConnected(CompletableFuture<Frame> reply, long timeoutMillis) throws ProtocolException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!reply.isDone()) {
            if (!isConnected()) {
                throw new ProtocolException(ErrorCode.CONNECTION_LOST, "no server is connected");
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new ProtocolException(ErrorCode.GENERAL, "no answer from the server within " + timeoutMillis + " ms");
            }
            try {
                reply.get(Math.min(CONNECTED_CHECK_MILLIS, left), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // look at the link again
            } catch (ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProtocolException(ErrorCode.GENERAL, "interrupted while waiting for the server");
            }
        }
        // done: the answer, or the broker's error as BrokerLink reports it
        return BrokerLink.await(reply, 1);
    }

    /** The longest a caller waits for an answer: a request timeout, a whole failover, and another request timeout. */
    public long awaitLimitMillis() {
        // with client-side persistence failover has no end: a request waits at most its own timeouts
        long failover = options.clientPersistenceEnabled() ? 0 : options.reconnectTotalTimeMillis();
        return options.requestTimeoutMillis() * 2 + failover + 1000;
    }

    /** One-way frames (credit, expiry reports) are dropped while reconnecting: the replay resets what they would have told. */
    public void sendOneWay(FrameType type, WirePayload payload) {
        sendOneWay(type, payload, ANY_SERVER);
    }

    /** A one-way frame that names things of one server: dropped when that server is gone. */
    public void sendOneWay(FrameType type, WirePayload payload, BooleanSupplier forThisServer) {
        // read the link first: if it is the lost one, sending on it does nothing
        ServerLink current = link;
        if (state == State.CONNECTED && forThisServer.getAsBoolean()) {
            current.sendOneWay(type, payload);
        }
    }

    private void submit(Pending p) {
        ServerLink current;
        synchronized (lock) {
            switch (state) {
                case CLOSED -> {
                    p.result.completeExceptionally(new ProtocolException(ErrorCode.GENERAL, "the connection is closed"));
                    return;
                }
                case FAILED -> {
                    p.result.completeExceptionally(new ProtocolException(ErrorCode.GENERAL,
                            "the connection is lost and failover gave up"));
                    return;
                }
                case RECONNECTING -> {
                    waiting.add(p);
                    timer.schedule(() -> expireWaiting(p), options.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                default -> {
                    current = link;
                    p.generation = generation;
                }
            }
        }
        if (!p.forThisServer.getAsBoolean()) {
            settleForLostServer(p);
            return;
        }
        current.request(p.type, p.payload).whenComplete((frame, failure) -> {
            if (failure == null) {
                p.result.complete(frame);
            } else if (failure instanceof ProtocolException pe && (pe.code() == ErrorCode.CONNECTION_LOST
                    || pe.code() == ErrorCode.OUTCOME_UNKNOWN || pe.code() == ErrorCode.NOT_ACTIVE
                    || pe.code() == ErrorCode.GENERAL && current != link)) {
                // a server that stopped serving (another one took over), or cannot tell whether the
                // store took the work, closes its connections: the request follows its failover rule
                // (resend, ask the outcome) on the next server. So does one that reached its link only
                // after a whole failover had replaced and closed it.
                lostInFlight(p);
            } else {
                p.result.completeExceptionally(failure);
            }
        });
    }

    private void expireWaiting(Pending p) {
        synchronized (lock) {
            if (!waiting.remove(p)) {
                return;
            }
        }
        p.result.completeExceptionally(new ProtocolException(ErrorCode.GENERAL, "still reconnecting after "
                + options.requestTimeoutMillis() + " ms"));
    }

    /** A request lost in flight waits for the next server at most the request timeout, like a new one. */
    private void expireParked(Pending p) {
        synchronized (lock) {
            if (!parked.remove(p)) {
                return;
            }
        }
        p.result.completeExceptionally(new ProtocolException(ErrorCode.GENERAL, p.type + " was cut off and no server"
                + " took it over within " + options.requestTimeoutMillis() + " ms"));
    }

    private void lostInFlight(Pending p) {
        boolean settleNow;
        synchronized (lock) {
            if (state == State.CLOSED || state == State.FAILED) {
                p.result.completeExceptionally(new ProtocolException(ErrorCode.GENERAL, "the connection was lost"));
                return;
            }
            // the link that lost it may already be replaced: then settle at once, else after the replay
            settleNow = state == State.CONNECTED && p.generation != generation;
            if (!settleNow) {
                parked.add(p);
                timer.schedule(() -> expireParked(p), options.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (settleNow) {
            settle(p);
        }
    }

    // ---- failover ----

    @Override
    public void onFrame(Frame frame) {
        replay.onFrame(frame);
    }

    @Override
    public void onLinkLost(Exception cause) {
        String lostServer;
        synchronized (lock) {
            if (state != State.CONNECTED || link.isOpen()) {
                // not connected, or the event is late news from a link already replaced
                return;
            }
            lostServer = String.valueOf(link.server());
            generation++;
            moveTo(options.reconnectTotalTimeMillis() == 0 && !options.clientPersistenceEnabled()
                    ? State.FAILED : State.RECONNECTING);
        }
        emit(FailoverEvent.Type.DISCONNECTED, lostServer, 0, cause);
        replay.onDisconnected();
        if (state == State.FAILED) {
            giveUp(cause);
            return;
        }
        LOG.log(Level.INFO, "connection to {0} lost ({1}); failing over", lostServer, cause.getMessage());
        reconnector.execute(() -> reconnect(cause));
    }

    private void reconnect(Exception firstCause) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.reconnectTotalTimeMillis());
        long interval = options.reconnectInitialIntervalMillis();
        Exception last = firstCause;
        for (int attempt = 1; ; attempt++) {
            if (state != State.RECONNECTING) {
                return;
            }
            emit(FailoverEvent.Type.RECONNECTING, null, attempt, last);
            ServerLink fresh = null;
            try {
                fresh = opener.open(options, user, password, clientId, this);
                replay.onReconnected(fresh);
                finish(fresh, attempt);
                return;
            } catch (ProtocolException | RuntimeException e) {
                if (e instanceof ProtocolException pe && pe.code() != ErrorCode.GENERAL
                        && !String.valueOf(e.getMessage()).equals(String.valueOf(last.getMessage()))) {
                    // a refusal (security, client id): without a limit on attempts only the log says why
                    LOG.log(Level.WARNING, "reconnecting: {0} (trying again)", e.getMessage());
                }
                last = e;
                if (fresh != null) {
                    fresh.close();
                    abandon();
                }
            }
            boolean outOfAttempts = options.reconnectAttempts() >= 0 && attempt >= options.reconnectAttempts();
            if ((outOfAttempts || System.nanoTime() > deadline) && !options.clientPersistenceEnabled()) {
                giveUp(last);
                return;
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            interval = Math.min(interval * 2, options.reconnectMaxIntervalMillis());
        }
    }

    private void finish(ServerLink fresh, int attempt) {
        List<Pending> settle;
        List<Pending> send;
        ServerLink old;
        synchronized (lock) {
            if (state != State.RECONNECTING) {
                fresh.close();
                return;
            }
            old = link;
            link = fresh;
            moveTo(State.CONNECTED);
            settle = new ArrayList<>(parked);
            send = new ArrayList<>(waiting);
            parked.clear();
            waiting.clear();
        }
        if (old != null) {
            old.close();
        }
        LOG.log(Level.INFO, "failed over to {0} (attempt {1})", fresh.server(), attempt);
        settle.forEach(this::settle);
        send.forEach(this::submit);
        emit(FailoverEvent.Type.RECONNECTED, String.valueOf(fresh.server()), attempt, null);
    }

    /**
     * A reconnection attempt failed after its link opened (the replay was refused half way): what
     * that server delivered meanwhile, or a thread took from it, names deliveries of a link now
     * closed, so it is dropped like the first lost server's.
     */
    private void abandon() {
        synchronized (lock) {
            generation++;
        }
        replay.onDisconnected();
    }

    /** Applies a request's rule after a failover. Runs outside the lock. */
    private void settle(Pending p) {
        switch (p.retry) {
            case RESEND -> submit(p.type == FrameType.SEND ? resend(p) : p);
            case SUCCEED -> p.result.complete(Frame.ok(0, new IdRef(0)));
            case OUTCOME -> askOutcome(p);
            case FAIL -> p.result.completeExceptionally(new ProtocolException(ErrorCode.CONNECTION_LOST,
                    p.type + " was lost when the connection failed over"));
        }
    }

    /** A request meant for a server that is gone: settled by its rule, never sent again. */
    private void settleForLostServer(Pending p) {
        if (p.retry == Retry.RESEND) {
            p.result.completeExceptionally(new ProtocolException(ErrorCode.CONNECTION_LOST,
                    p.type + " was meant for a server that is gone"));
        } else {
            settle(p);
        }
    }

    /** A persistent message sent again carries the resend mark: the broker drops it if it has it already. */
    private static Pending resend(Pending p) {
        Send send = Send.read(new WireReader(p.payload)).asResend();
        Pending again = new Pending(p.type, send.encode(), p.retry, p.forThisServer);
        again.result.whenComplete((frame, failure) -> {
            if (failure == null) {
                p.result.complete(frame);
            } else {
                p.result.completeExceptionally(failure);
            }
        });
        return again;
    }

    private void askOutcome(Pending p) {
        String tx = Commit.read(new WireReader(p.payload)).transactionId();
        request(FrameType.TX_OUTCOME, new NameRef(tx), Retry.RESEND).whenComplete((frame, failure) -> {
            if (failure != null) {
                p.result.completeExceptionally(new ProtocolException(ErrorCode.GENERAL,
                        "the outcome of the commit is unknown: " + failure.getMessage()));
            } else if (IdRef.read(new WireReader(frame.payload())).id() == 1) {
                p.result.complete(Frame.ok(0));
            } else {
                p.result.completeExceptionally(new ProtocolException(ErrorCode.TRANSACTION_ROLLED_BACK,
                        "the connection failed over before the commit was stored; the transaction was rolled back"));
            }
        });
    }

    private void giveUp(Exception cause) {
        List<Pending> failed;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            if (state != State.FAILED) {
                moveTo(State.FAILED);
            }
            failed = new ArrayList<>(parked);
            failed.addAll(waiting);
            parked.clear();
            waiting.clear();
        }
        LOG.log(Level.WARNING, "failover gave up: {0}", cause == null ? "no server" : cause.getMessage());
        for (Pending p : failed) {
            p.result.completeExceptionally(new ProtocolException(ErrorCode.GENERAL, "failover gave up: "
                    + (cause == null ? "" : cause.getMessage())));
        }
        emit(FailoverEvent.Type.FAILED, null, 0, cause);
        replay.onGaveUp(cause);
    }

    // ---- closing ----

    /** Says goodbye to the server (if connected) and closes. */
    public void close() {
        List<Pending> failed;
        ServerLink current;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            boolean connected = state == State.CONNECTED;
            moveTo(State.CLOSED);
            current = link;
            failed = new ArrayList<>(parked);
            failed.addAll(waiting);
            parked.clear();
            waiting.clear();
            if (!connected) {
                current = null;
            }
        }
        for (Pending p : failed) {
            p.result.completeExceptionally(new ProtocolException(ErrorCode.GENERAL, "the connection is closed"));
        }
        if (current != null) {
            try {
                current.goodbye();
            } catch (ProtocolException e) {
                LOG.log(Level.DEBUG, "close was not confirmed: {0}", e.getMessage());
            }
        }
        ServerLink last = link;
        if (last != null) {
            last.close();
        }
        shutdownThreads();
    }

    private void shutdownThreads() {
        reconnector.shutdownNow();
        timer.shutdownNow();
    }
}
