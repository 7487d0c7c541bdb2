package io.tandemmq.client;

import io.tandemmq.client.transport.ClientOptions;
import io.tandemmq.client.transport.ServerLink;
import io.tandemmq.client.failover.FailoverLink;
import io.tandemmq.client.failover.FailoverListener;
import io.tandemmq.client.failover.Replay;
import io.tandemmq.client.metrics.ClientMetrics;
import io.tandemmq.client.offline.Forwarder;
import io.tandemmq.client.offline.OfflineStatus;
import io.tandemmq.client.offline.OfflineStore;
import io.tandemmq.client.offline.OfflineStoreException;
import io.tandemmq.protocol.AckMode;
import io.tandemmq.protocol.Delivery;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.MalformedFrameException;
import io.tandemmq.protocol.NameRef;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.SessionOpen;
import io.tandemmq.protocol.WirePayload;
import io.tandemmq.protocol.WireReader;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JMS connection over one {@link FailoverLink} (one server at a time, failing over to the next). Starts stopped, as the spec says. Its states:
 * {@code OPEN} (stopped or started), {@code BROKEN} (the link was lost: every call fails with
 * {@link JMSException} and the exception listener was told), {@code CLOSED}.
 *
 * <p>With client-side persistence ({@code clientPersistence=DIR}) the connection also has an
 * offline store and a {@link Forwarder}: it opens even when no server is reachable, never becomes
 * {@code BROKEN}, and persistent sends of non-transacted sessions go to the store while no server
 * is connected (see {@link TandemMessageProducer}).
 */
public class TandemConnection implements Connection, QueueConnection, TopicConnection, TemporaryDestinationOwner {
    private static final Logger LOG = System.getLogger(TandemConnection.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private enum State { OPEN, BROKEN, CLOSED }

    private final ClientOptions options;
    private final FailoverLink link;
    private final ClientMetrics.Binding meters;
    /** Unique per connection: the prefix of local transaction ids, whose outcomes survive a failover. */
    private final String instanceId = java.util.UUID.randomUUID().toString();
    private final AtomicLong ids = new AtomicLong();
    private final List<TandemSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<Long, TandemMessageConsumer> consumers = new ConcurrentHashMap<>();
    private final List<TandemDestination> temporaries = new CopyOnWriteArrayList<>();
    private final ExecutorService callbacks;
    private final Object startLock = new Object();
    private volatile State state = State.OPEN;
    /** Set once close() begins: the broker closing the link after our CLOSE is no failure to report. */
    private volatile boolean closing;
    private volatile boolean started;
    private volatile String clientId;
    private volatile boolean clientIdFixed;
    private volatile ExceptionListener exceptionListener;
    /** Null without client-side persistence. */
    private final OfflineStore offline;
    private final Forwarder forwarder;
    /** The session stored messages are forwarded through; re-created on every server reached. */
    private final long forwardingSessionId;

    /**
     * Opens the link to the first reachable server, and with client-side persistence the store
     * first (then an unreachable pair is no error: the connection starts offline).
     *
     * @throws JMSException when no server can be reached (without client-side persistence), when
     *         the client-side store cannot be opened (the message names the path; nothing stored
     *         is deleted), or the broker refuses the handshake
     *         ({@link jakarta.jms.InvalidClientIDException} for a client id in use)
     */
    TandemConnection(ClientOptions options, String user, String password) throws JMSException {
        this.options = options;
        this.clientId = options.clientId();
        this.clientIdFixed = clientId != null;
        this.offline = openStore(options);
        this.forwardingSessionId = offline == null ? 0 : nextId();
        this.link = openLink(options, user, password, offline);
        if (offline != null && link.isConnected()) {
            try {
                link.call(FrameType.CREATE_SESSION, forwardingSessionOpen());
            } catch (ProtocolException e) {
                link.close();
                offline.close();
                throw JmsErrors.of(e);
            }
        }
        this.forwarder = offline == null ? null : Forwarder.start(offline, link, forwardingSessionId);
        this.meters = ClientMetrics.bind(link, offline);
        this.callbacks = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tandem-session-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static OfflineStore openStore(ClientOptions options) throws JMSException {
        if (!options.clientPersistenceEnabled()) {
            return null;
        }
        try {
            return OfflineStore.open(options.clientPersistence(), options.clientPersistenceMaxBytes());
        } catch (OfflineStoreException e) {
            throw JmsErrors.wrap(e.getMessage(), e);
        }
    }

    private FailoverLink openLink(ClientOptions options, String user, String password, OfflineStore store)
            throws JMSException {
        try {
            return FailoverLink.openOrOffline(options, user, password, clientId, new ConnectionReplay());
        } catch (ProtocolException e) {
            if (store != null) {
                store.close();
            }
            throw JmsErrors.of(e);
        }
    }

    private SessionOpen forwardingSessionOpen() {
        return new SessionOpen(forwardingSessionId, AckMode.AUTO);
    }

    ClientOptions options() {
        return options;
    }

    /** The client-side store, or null when client-side persistence is off. */
    OfflineStore offlineStore() {
        return offline;
    }

    /** True while client-side persistence is on and no server is connected. */
    boolean isOffline() {
        return offline != null && !link.isConnected();
    }

    /**
     * The client-side store's metrics and forwarding events; empty when client-side persistence
     * is off.
     */
    public Optional<OfflineStatus> clientPersistence() {
        return Optional.ofNullable(offline);
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    ExecutorService callbackPool() {
        return callbacks;
    }

    boolean isStarted() {
        return started;
    }

    Object startLock() {
        return startLock;
    }

    /** @throws IllegalStateException when closed, JMSException when the link is lost */
    void checkOpen() throws JMSException {
        if (state == State.CLOSED) {
            throw new IllegalStateException("the connection is closed");
        }
        if (state == State.BROKEN) {
            throw new JMSException("the connection to the server was lost");
        }
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Whether the connection can still be used: not closed, and its failover has not given up. */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** The first call of anything but setClientID fixes the client id. */
    void fixClientId() {
        clientIdFixed = true;
    }

    /**
     * Sends a request and waits for the answer.
     *
     * @throws JMSException of the subclass matching the broker's error
     */
    Frame call(FrameType type, WirePayload payload) throws JMSException {
        checkOpen();
        try {
            return link.call(type, payload);
        } catch (ProtocolException e) {
            throw JmsErrors.of(e);
        }
    }

    /**
     * Sends a request that names deliveries of one server and waits for the answer; when that
     * server is gone before it goes out, its failover rule settles it (see {@link FailoverLink}).
     */
    Frame call(FrameType type, WirePayload payload, java.util.function.BooleanSupplier forThisServer) throws JMSException {
        checkOpen();
        try {
            return link.call(type, payload, forThisServer);
        } catch (ProtocolException e) {
            throw JmsErrors.of(e);
        }
    }

    /**
     * Sends a request that names deliveries of one server and waits for its answer only while a
     * server is connected: for closing, which must not wait out a failover (a server that is gone
     * holds nothing of this client any more, and the new one is never told of a closed session).
     *
     * @throws JMSException the broker's refusal, or as soon as no server is connected
     */
    Frame callWhileConnected(FrameType type, WirePayload payload, java.util.function.BooleanSupplier forThisServer)
            throws JMSException {
        try {
            return link.awaitWhileConnected(link.request(type, payload, io.tandemmq.client.failover.Retry.forType(type),
                    forThisServer), options().requestTimeoutMillis());
        } catch (ProtocolException e) {
            throw JmsErrors.of(e);
        }
    }

    FailoverLink link() {
        return link;
    }

    String instanceId() {
        return instanceId;
    }

    /** Listens to failover: disconnected, reconnecting, reconnected, gave up. */
    public void addFailoverListener(FailoverListener listener) {
        link.addListener(listener);
    }

    public void removeFailoverListener(FailoverListener listener) {
        link.removeListener(listener);
    }

    void register(TandemMessageConsumer consumer) {
        consumers.put(consumer.id(), consumer);
    }

    void unregister(TandemMessageConsumer consumer) {
        consumers.remove(consumer.id());
    }

    void addSession(TandemSession session) {
        sessions.add(session);
    }

    void removeSession(TandemSession session) {
        sessions.remove(session);
    }

    @Override
    public TandemSession createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        checkOpen();
        fixClientId();
        int mode = transacted ? Session.SESSION_TRANSACTED : acknowledgeMode;
        if (mode < Session.SESSION_TRANSACTED || mode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSException("invalid acknowledge mode " + acknowledgeMode);
        }
        return openSession(new TandemSession(this, nextId(), mode));
    }

    /** Registers the session before the broker creates it, so that a failover in between re-creates it. */
    <S extends TandemSession> S openSession(S session) throws JMSException {
        sessions.add(session);
        try {
            session.open();
        } catch (JMSException e) {
            sessions.remove(session);
            throw e;
        }
        return session;
    }

    @Override
    public TandemSession createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public TandemSession createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted, acknowledgeMode).inDomain(SessionDomain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted, acknowledgeMode).inDomain(SessionDomain.TOPIC);
    }

    @Override
    public String getClientID() throws JMSException {
        checkNotClosed();
        return clientId;
    }

    /**
     * @throws IllegalStateException when the id was configured or the connection was already used
     * @throws jakarta.jms.InvalidClientIDException when the id is empty or used by another connection
     */
    @Override
    public void setClientID(String id) throws JMSException {
        checkOpen();
        if (clientIdFixed) {
            throw new IllegalStateException(clientId != null
                    ? "the client id is already set to " + clientId
                    : "the client id must be set before the connection is used");
        }
        if (id == null || id.isEmpty()) {
            throw new jakarta.jms.InvalidClientIDException("a client id must not be empty");
        }
        link.setClientId(id);
        try {
            call(FrameType.SET_CLIENT_ID, new NameRef(id));
        } catch (JMSException e) {
            link.setClientId(clientId);
            throw e;
        }
        clientId = id;
        clientIdFixed = true;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkNotClosed();
        return TandemConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkNotClosed();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkNotClosed();
        fixClientId();
        exceptionListener = listener;
    }

    private void checkNotClosed() throws IllegalStateException {
        if (state == State.CLOSED) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
        fixClientId();
        synchronized (startLock) {
            started = true;
            startLock.notifyAll();
        }
        sessions.forEach(TandemSession::connectionStarted);
    }

    /**
     * Stops delivery and waits until running message listeners return.
     *
     * @throws IllegalStateException when called from a message listener of this connection (it would wait for
     *         itself); a completion listener may stop its connection (6.1.5)
     */
    @Override
    public void stop() throws JMSException {
        checkOpen();
        fixClientId();
        for (TandemSession s : sessions) {
            if (s.isCallbackThread() && !s.inCompletionListener()) {
                throw new IllegalStateException("a message listener must not call stop on its own connection");
            }
        }
        synchronized (startLock) {
            started = false;
        }
        for (TandemSession s : sessions) {
            s.awaitListenerIdle();
        }
        sessions.forEach(TandemSession::connectionStopped);
    }

    private void checkNotInCallback(String what) throws IllegalStateException {
        for (TandemSession s : sessions) {
            if (s.isCallbackThread()) {
                throw new IllegalStateException("a listener must not call " + what + " on its own connection");
            }
        }
    }

    /**
     * Waits for the completion listeners of pending asynchronous sends, then closes sessions
     * (rolling back open transactions), deletes temporary destinations and closes the link.
     * Idempotent.
     *
     * @throws IllegalStateException when called from a message listener or completion listener of this connection
     */
    @Override
    public void close() throws JMSException {
        if (state == State.CLOSED) {
            return;
        }
        checkNotInCallback("close");
        for (TandemSession s : sessions) {
            s.awaitAsyncSends();
        }
        closing = true;
        if (forwarder != null) {
            forwarder.close();
        }
        synchronized (startLock) {
            started = false;
            startLock.notifyAll();
        }
        boolean linkUp = state == State.OPEN && link.state() == FailoverLink.State.CONNECTED;
        for (TandemSession s : sessions) {
            s.closeQuietly(linkUp);
        }
        state = State.CLOSED;
        link.close();
        meters.close();
        if (offline != null) {
            offline.close();
        }
        callbacks.shutdown();
        temporaries.clear();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String selector,
                                                       ServerSessionPool pool, int maxMessages) throws JMSException {
        throw connectionConsumerUnsupported();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName, String selector,
                                                             ServerSessionPool pool, int maxMessages) throws JMSException {
        throw connectionConsumerUnsupported();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName, String selector,
                                                              ServerSessionPool pool, int maxMessages) throws JMSException {
        throw connectionConsumerUnsupported();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName, String selector,
                                                                    ServerSessionPool pool, int maxMessages) throws JMSException {
        throw connectionConsumerUnsupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String selector, ServerSessionPool pool,
                                                       int maxMessages) throws JMSException {
        throw connectionConsumerUnsupported();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String selector, ServerSessionPool pool,
                                                       int maxMessages) throws JMSException {
        throw connectionConsumerUnsupported();
    }

    /** Connection consumers are the optional application-server facility (spec 8.2); the resource adapter replaces it. */
    private JMSException connectionConsumerUnsupported() throws JMSException {
        checkOpen();
        return new JMSException("connection consumers (the optional application server facility) are not supported;"
                + " use the Tandem resource adapter for message-driven beans");
    }

    /** Creates a temporary queue or topic that lives as long as this connection. */
    TandemDestination createTemporary(DestinationKind kind) throws JMSException {
        fixClientId();
        Frame reply = call(FrameType.CREATE_TEMP_DESTINATION, new DestinationRef(kind, "-"));
        DestinationRef ref = DestinationRef.read(new WireReader(reply.payload()));
        TandemDestination d = kind == DestinationKind.TEMP_QUEUE
                ? new TandemTemporaryQueue(ref.name(), this) : new TandemTemporaryTopic(ref.name(), this);
        temporaries.add(d);
        return d;
    }

    @Override
    public void deleteTemporary(TandemDestination destination) throws JMSException {
        checkOpen();
        for (TandemMessageConsumer c : consumers.values()) {
            if (c.destination().equals(destination)) {
                throw new IllegalStateException("temporary destination " + destination.getName() + " still has consumers");
            }
        }
        call(FrameType.DELETE_TEMP_DESTINATION, destination.toRef());
        temporaries.remove(destination);
    }

    boolean ownsTemporary(TandemDestination d) {
        return temporaries.contains(d);
    }

    private void linkLost(Exception cause) {
        if (state != State.OPEN || closing) {
            return;
        }
        state = State.BROKEN;
        LOG.log(Level.WARNING, "connection lost and failover gave up: {0}", cause == null ? "" : cause.getMessage());
        sessions.forEach(TandemSession::connectionBroken);
        ExceptionListener l = exceptionListener;
        if (l != null) {
            Exception why = cause == null ? new IllegalStateException("no server reachable") : cause;
            JMSException e = JmsErrors.wrap("the connection to the server was lost: " + why.getMessage(), why);
            callbacks.execute(() -> l.onException(e));
        }
    }

    /**
     * What the connection does during a failover: routes deliveries, forgets what belonged to the
     * lost server, re-creates temporary destinations, sessions and consumers on the new one.
     */
    private final class ConnectionReplay implements Replay {
        @Override
        public void onFrame(Frame frame) {
            if (frame.type() != FrameType.DELIVER) {
                return;
            }
            Delivery d;
            try {
                d = Delivery.read(frame.reader());
            } catch (MalformedFrameException e) {
                LOG.log(Level.ERROR, "malformed delivery dropped: {0}", e.getMessage());
                return;
            }
            TandemMessageConsumer c = consumers.get(d.consumerId());
            if (c != null) {
                c.onDelivery(d);
            }
        }

        @Override
        public void onDisconnected() {
            if (!closing) {
                sessions.forEach(TandemSession::linkLost);
            }
        }

        @Override
        public void onReconnected(ServerLink fresh) throws ProtocolException {
            for (TandemDestination t : temporaries) {
                fresh.call(FrameType.CREATE_TEMP_DESTINATION, t.toRef());
            }
            if (offline != null) {
                fresh.call(FrameType.CREATE_SESSION, forwardingSessionOpen());
            }
            for (TandemSession s : sessions) {
                s.replay(fresh);
            }
        }

        @Override
        public void onGaveUp(Exception cause) {
            linkLost(cause);
        }
    }
}
