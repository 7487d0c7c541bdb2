package io.tandemmq.client;

import io.tandemmq.client.message.TandemBytesMessage;
import io.tandemmq.client.message.TandemMapMessage;
import io.tandemmq.client.message.TandemMessage;
import io.tandemmq.client.message.TandemObjectMessage;
import io.tandemmq.client.message.TandemStreamMessage;
import io.tandemmq.client.message.TandemTextMessage;
import io.tandemmq.client.transport.ServerLink;
import io.tandemmq.client.failover.Retry;
import io.tandemmq.protocol.Ack;
import io.tandemmq.protocol.Commit;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.AckMode;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.IdRef;
import io.tandemmq.protocol.NameRef;
import io.tandemmq.protocol.SessionOpen;
import io.tandemmq.protocol.SubscriptionMode;
import io.tandemmq.protocol.WirePayload;
import io.tandemmq.protocol.WireReader;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * A JMS session. Message listeners and completion listeners of one session run one at a time on
 * the session's {@link SerialExecutor}. Its {@link DeliveryLedger} remembers which deliveries the
 * application has seen and not yet acknowledged; acknowledge, commit, rollback and recover send
 * that list.
 *
 * <p>After a rollback or recover the broker answers the last delivery id it took back; deliveries
 * up to that id still in a consumer's buffer, or still on the wire, are dropped on arrival.
 */
public class TandemSession implements Session, QueueSession, TopicSession {
    private final TandemConnection connection;
    private final long id;
    private final int mode;
    private final SerialExecutor executor;
    private final List<TandemMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<TandemMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final DeliveryLedger ledger;
    private final AtomicLong transactions = new AtomicLong();
    /** The transaction had work when the connection failed over: its commit must fail. */
    private volatile boolean failedOver;
    private volatile boolean sentInTransaction;
    private final ReentrantLock listenerLock = new ReentrantLock();
    private final Object asyncSends = new Object();
    private int pendingAsyncSends;
    /** Completes when the callback of the latest asynchronous send has run; never exceptionally. */
    private CompletableFuture<Void> lastCallback = CompletableFuture.completedFuture(null);
    private volatile long discardUpTo;
    private volatile boolean closed;
    private volatile boolean dispatchScheduled;
    private MessageListener sessionListener;
    private final boolean xa;
    private volatile boolean xaAssociated;
    private volatile SessionDomain domain = SessionDomain.UNIFIED;

    TandemSession(TandemConnection connection, long id, int mode) throws JMSException {
        this(connection, id, mode, false);
    }

    /** @param xa an XA session: transactional while associated with a branch, AUTO_ACKNOWLEDGE otherwise */
    TandemSession(TandemConnection connection, long id, int mode, boolean xa) throws JMSException {
        this.connection = connection;
        this.id = id;
        this.mode = mode;
        this.xa = xa;
        this.executor = new SerialExecutor(connection.callbackPool());
        this.ledger = new DeliveryLedger(this::generation);
    }

    private SessionOpen openFrame() {
        return new SessionOpen(id, xa ? AckMode.XA : ackMode(mode));
    }

    /**
     * Creates the session on the broker; the connection registered it before (see openSession).
     * Offline (client-side persistence, no server) this does not wait: the failover replay creates
     * it on the first server reached, and the request sent now is a harmless repeat there.
     */
    void open() throws JMSException {
        if (connection.isOffline()) {
            connection.link().request(FrameType.CREATE_SESSION, openFrame()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    System.getLogger(TandemSession.class.getName()).log(System.Logger.Level.DEBUG,
                            "session {0} will be created when a server is reached: {1}", id, failure.getMessage());
                }
            });
            return;
        }
        connection.call(FrameType.CREATE_SESSION, openFrame());
    }

    boolean isXa() {
        return xa;
    }

    /** Marks the session as made through QueueConnection or TopicConnection (domain rules apply). */
    <S extends TandemSession> S inDomain(SessionDomain d) {
        domain = d;
        @SuppressWarnings("unchecked")
        S self = (S) this;
        return self;
    }

    private void checkDomain(TandemDestination d, String what) throws JMSException {
        if (d.kind().isTopic()) {
            domain.checkTopicAllowed(what + " on a topic");
        } else {
            domain.checkQueueAllowed(what + " on a queue");
        }
    }

    /** Set by the XA resource when a branch association starts or ends. */
    void setXaAssociated(boolean associated) {
        xaAssociated = associated;
    }

    boolean isXaAssociated() {
        return xaAssociated;
    }

    /** Whether messages are acknowledged as the application takes them (AUTO, DUPS_OK, XA outside a branch). */
    boolean isAutoAcknowledging() {
        return xa ? !xaAssociated : mode == AUTO_ACKNOWLEDGE || mode == DUPS_OK_ACKNOWLEDGE;
    }

    /** Whether sends are part of a transaction now, so that the broker's answer is not awaited. */
    boolean sendsAreTransactional() {
        return mode == SESSION_TRANSACTED && !xa || xaAssociated;
    }

    /** The deliveries seen since the last acknowledgement, handed over (for XA end); see {@link #settledIds}. */
    DeliveryLedger.Taken takeSeenIds() {
        return ledger.take();
    }

    /** The XA end that carried these deliveries was answered (or failed). */
    void settledIds(DeliveryLedger.Taken taken) {
        ledger.settled(taken, false);
    }

    /** Which server, as the connection's link counts them ({@link io.tandemmq.client.failover.FailoverLink#generation()}). */
    long generation() {
        return connection.link().generation();
    }

    /** True while the server of that link generation is still the one connected. */
    java.util.function.BooleanSupplier onServerOf(long generation) {
        return () -> generation() == generation;
    }

    private static AckMode ackMode(int mode) {
        return switch (mode) {
            case Session.SESSION_TRANSACTED -> AckMode.TRANSACTED;
            case Session.CLIENT_ACKNOWLEDGE -> AckMode.CLIENT;
            case Session.DUPS_OK_ACKNOWLEDGE -> AckMode.DUPS_OK;
            default -> AckMode.AUTO;
        };
    }

    long id() {
        return id;
    }

    TandemConnection connection() {
        return connection;
    }

    SerialExecutor executor() {
        return executor;
    }

    long discardUpTo() {
        return discardUpTo;
    }

    boolean isCallbackThread() {
        return executor.isCurrentThread();
    }

    /** Set on the callback thread while a producer's completion listener runs; null otherwise. */
    private volatile TandemMessageProducer completing;

    void enterCompletionListener(TandemMessageProducer producer) {
        completing = producer;
    }

    void leaveCompletionListener() {
        completing = null;
    }

    /** Whether the caller is a completion listener (not a message listener) of this session. */
    boolean inCompletionListener() {
        return executor.isCurrentThread() && completing != null;
    }

    /** Whether the caller is a completion listener of an asynchronous send of {@code producer}. */
    boolean inCompletionListenerOf(TandemMessageProducer producer) {
        return executor.isCurrentThread() && completing == producer;
    }

    /** @throws IllegalStateException when this session or its connection is closed */
    void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        connection.checkOpen();
    }

    boolean isClosed() {
        return closed;
    }

    // ---- message factories ----

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new TandemBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new TandemMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new TandemMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new TandemObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        TandemObjectMessage m = new TandemObjectMessage();
        m.setObject(object);
        return m;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new TandemStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new TandemTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return new TandemTextMessage(text);
    }

    // ---- transactions and acknowledgement ----

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return mode == SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return mode;
    }

    int mode() {
        return mode;
    }

    /**
     * Commits the messages sent and consumed since the last commit or rollback.
     *
     * @throws IllegalStateException when not transacted, closed, or called from a completion listener
     * @throws jakarta.jms.TransactionRolledBackException when the broker rolled the transaction
     *         back instead (a send of it failed); the session is then at the start of a new
     *         transaction and the consumed messages come again
     * @throws JMSException when the answer was lost; the outcome is then unknown
     */
    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("commit on a session that is not transacted");
        }
        awaitAsyncSends();
        if (failedOver) {
            failedOver = false;
            sentInTransaction = false;
            afterReturn(settle(FrameType.ROLLBACK, ids -> new Ack(id, ids)));
            throw new jakarta.jms.TransactionRolledBackException("the connection failed over during the transaction,"
                    + " so it was rolled back; its received messages come again");
        }
        String txId = connection.instanceId() + ":" + id + ":" + transactions.incrementAndGet();
        sentInTransaction = false;
        try {
            settle(FrameType.COMMIT, ids -> new Commit(id, txId, ids), true);
        } catch (jakarta.jms.TransactionRolledBackException e) {
            afterReturn(connection.call(FrameType.ROLLBACK, new Ack(id, new long[0]), onServerOf(generation())));
            throw e;
        }
    }

    /**
     * Rolls back: sent messages are dropped, consumed ones come again with JMSRedelivered.
     *
     * @throws IllegalStateException when not transacted or closed
     */
    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("rollback on a session that is not transacted");
        }
        awaitAsyncSends();
        failedOver = false;
        sentInTransaction = false;
        afterReturn(settle(FrameType.ROLLBACK, ids -> new Ack(id, ids)));
    }

    /**
     * Stops and restarts delivery from the oldest unacknowledged message; those come again with
     * JMSRedelivered set.
     *
     * @throws IllegalStateException when transacted or closed
     */
    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (mode == SESSION_TRANSACTED) {
            throw new IllegalStateException("recover on a transacted session");
        }
        afterReturn(settle(FrameType.RECOVER, ids -> new Ack(id, ids)));
    }

    /** The broker took back every delivery up to the answered id: drop those still buffered. */
    private void afterReturn(Frame reply) {
        long last = IdRef.read(new WireReader(reply.payload())).id();
        discardUpTo = Math.max(discardUpTo, last);
        for (TandemMessageConsumer c : consumers) {
            c.discardUpTo(last);
        }
    }

    /** Settles the seen deliveries with one request and waits for the answer. */
    private Frame settle(FrameType type, java.util.function.Function<long[], WirePayload> payload) throws JMSException {
        return settle(type, payload, false);
    }

    /**
     * @param rollbackGivesBack a TransactionRolledBackException answer means the deliveries come
     *        again (a commit the broker rolled back): the server that delivers them next may not know
     *        they were delivered before, if this one stops right after it answered
     */
    private Frame settle(FrameType type, java.util.function.Function<long[], WirePayload> payload,
                         boolean rollbackGivesBack) throws JMSException {
        DeliveryLedger.Taken taken = ledger.take();
        boolean givenBack = false;
        try {
            return connection.call(type, payload.apply(taken.ids()), onServerOf(taken.generation()));
        } catch (jakarta.jms.TransactionRolledBackException e) {
            givenBack = rollbackGivesBack;
            throw e;
        } finally {
            ledger.settled(taken, givenBack);
        }
    }

    /** Seen ids of one consumer, which stay with the session when that consumer closes. */
    DeliveryLedger.Taken seenOf(TandemMessageConsumer consumer) {
        return ledger.peek(consumer::delivered);
    }

    /**
     * The application is about to get a delivery (from receive or onMessage): it is now "seen".
     *
     * @param generation the link generation at which the delivery arrived
     * @return false when it came from a server that is gone since: it must not be handed out (the
     *         new server delivers it again)
     */
    boolean delivered(long generation, long deliveryId, String messageId) {
        return ledger.delivered(generation, deliveryId, messageId);
    }

    /** See {@link DeliveryLedger#notDelivered}. */
    void notDelivered(long deliveryId) {
        ledger.notDelivered(deliveryId);
    }

    /** See {@link DeliveryLedger#expectsRedelivery}. */
    boolean expectsRedelivery(String messageId) {
        return ledger.expectsRedelivery(messageId);
    }

    /** A transacted send went out: a failover before the commit loses it, so the commit must fail. */
    void sentInTransaction() {
        sentInTransaction = true;
    }

    /**
     * The connection to the server was lost (failover begins). Delivery ids of the old server mean
     * nothing on the new one: what the application saw and did not acknowledge will come again,
     * marked redelivered; what was only buffered is dropped; an open transaction can only roll back.
     */
    void linkLost() {
        boolean lostSeen = ledger.serverLost();
        if (mode == SESSION_TRANSACTED && !xa && (lostSeen || sentInTransaction)) {
            failedOver = true;
        }
        discardUpTo = 0;
        for (TandemMessageConsumer c : consumers) {
            c.linkLost();
        }
    }

    /** Re-creates the session and its consumers on a new server (failover). */
    void replay(ServerLink fresh) throws ProtocolException {
        if (closed) {
            return;
        }
        fresh.call(FrameType.CREATE_SESSION, openFrame());
        for (TandemMessageConsumer c : consumers) {
            c.replay(fresh);
        }
    }

    /**
     * Acknowledges what the application has seen, in AUTO mode waiting for the broker (before
     * receive returns), in DUPS_OK mode without waiting; nothing in the other modes.
     *
     * @throws JMSException when an AUTO acknowledgement fails; the message will come again
     */
    void autoAcknowledge() throws JMSException {
        if (xa) {
            if (!xaAssociated) {
                settle(FrameType.ACK, ids -> new Ack(id, ids));
            }
            return;
        }
        if (mode == AUTO_ACKNOWLEDGE) {
            settle(FrameType.ACK, ids -> new Ack(id, ids));
        } else if (mode == DUPS_OK_ACKNOWLEDGE) {
            DeliveryLedger.Taken taken = ledger.take();
            connection.link().request(FrameType.ACK, new Ack(id, taken.ids()), Retry.forType(FrameType.ACK),
                    onServerOf(taken.generation())).whenComplete((ok, failure) -> ledger.settled(taken, false));
        }
    }

    /**
     * Deliveries that expired in a consumer's buffer: never handed to the application, so the
     * broker expires them (to its expiry queue, or drops them) instead of keeping them outstanding.
     */
    void expired(long generation, long[] deliveryIds) {
        if (!closed) {
            connection.link().sendOneWay(FrameType.EXPIRED, new Ack(id, deliveryIds), onServerOf(generation));
        }
    }

    /** Buffered deliveries the application never took, given back because the connection stopped. */
    void release(long generation, long[] deliveryIds) {
        if (!closed && deliveryIds.length > 0) {
            connection.link().sendOneWay(FrameType.RELEASE, new Ack(id, deliveryIds), onServerOf(generation));
        }
    }

    /** {@code Message.acknowledge()}: acknowledges every message the session consumed so far. */
    void acknowledgeAll() throws JMSException {
        checkOpen();
        if (mode != CLIENT_ACKNOWLEDGE) {
            return;
        }
        settle(FrameType.ACK, ids -> new Ack(id, ids));
    }

    /**
     * An XA branch of this session was lost in a failover: what the current server delivered to
     * the session and the application saw in it goes back, to be delivered again. Best effort: a
     * further failover takes them back anyway.
     */
    void returnUnsettled() {
        try {
            afterReturn(settle(FrameType.RECOVER, ids -> new Ack(id, ids)));
        } catch (JMSException e) {
            System.getLogger(TandemSession.class.getName()).log(System.Logger.Level.DEBUG,
                    "could not return the deliveries of a lost XA branch: {0}", e.getMessage());
        }
    }

    /** A listener threw in AUTO or DUPS_OK mode: the message comes again at once (spec 8.7). */
    void redeliverAfterListenerFailure() {
        try {
            afterReturn(settle(FrameType.RECOVER, ids -> new Ack(id, ids)));
        } catch (JMSException e) {
            System.getLogger(TandemSession.class.getName()).log(System.Logger.Level.WARNING,
                    "could not return a message after its listener failed: {0}", e.getMessage());
        }
    }

    // ---- async sends ----

    /**
     * Runs an asynchronous send's callback on the session's executor once its reply came and the
     * callbacks of every earlier asynchronous send of this session have run: spec 7.3.8 wants them
     * in send order, and a non-persistent send's reply may overtake a persistent one's.
     */
    void inSendOrder(CompletableFuture<Frame> reply, BiConsumer<Frame, Throwable> callback) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (asyncSends) {
            previous = lastCallback;
            lastCallback = mine;
        }
        reply.whenComplete((ok, failure) -> previous.whenComplete((done, never) -> executor.execute(() -> {
            try {
                callback.accept(ok, failure);
            } finally {
                mine.complete(null);
            }
        })));
    }

    void asyncSendStarted() {
        synchronized (asyncSends) {
            pendingAsyncSends++;
        }
    }

    void asyncSendDone() {
        synchronized (asyncSends) {
            pendingAsyncSends--;
            asyncSends.notifyAll();
        }
    }

    /** Waits until every asynchronous send of this session had its completion listener called. */
    void awaitAsyncSends() throws JMSException {
        if (executor.isCurrentThread()) {
            synchronized (asyncSends) {
                if (pendingAsyncSends > 0) {
                    throw new IllegalStateException("a completion listener must not commit, roll back or close its own session");
                }
            }
            return;
        }
        synchronized (asyncSends) {
            while (pendingAsyncSends > 0) {
                try {
                    asyncSends.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JMSException("interrupted while waiting for asynchronous sends");
                }
            }
        }
    }

    // ---- listener dispatch ----

    /** Schedules a round of listener delivery, unless one is pending. */
    void scheduleDispatch() {
        if (dispatchScheduled || closed) {
            return;
        }
        dispatchScheduled = true;
        executor.execute(this::dispatchListeners);
    }

    private void dispatchListeners() {
        dispatchScheduled = false;
        boolean progress = true;
        while (progress && !closed && connection.isStarted()) {
            progress = false;
            for (TandemMessageConsumer c : consumers) {
                if (!connection.isStarted() || closed) {
                    return;
                }
                listenerLock.lock();
                try {
                    progress |= c.deliverOneToListener();
                } finally {
                    listenerLock.unlock();
                }
            }
        }
    }

    void connectionStarted() {
        for (TandemMessageConsumer c : consumers) {
            c.openWindow();
        }
        scheduleDispatch();
        for (TandemMessageConsumer c : consumers) {
            c.wakeUp();
        }
    }

    void connectionStopped() {
        for (TandemMessageConsumer c : consumers) {
            c.closeWindow();
        }
    }

    void connectionBroken() {
        for (TandemMessageConsumer c : consumers) {
            c.wakeUp();
        }
    }

    /** Waits until a listener running now returns (for Connection.stop). */
    void awaitListenerIdle() {
        if (executor.isCurrentThread()) {
            return;
        }
        listenerLock.lock();
        listenerLock.unlock();
    }

    // ---- consumers, producers, browsers ----

    private TandemDestination ours(Destination d) throws JMSException {
        if (d == null) {
            throw new InvalidDestinationException("the destination must not be null");
        }
        if (!(d instanceof TandemDestination td)) {
            throw new InvalidDestinationException("not a Tandem destination: " + d);
        }
        return td;
    }

    private TandemMessageConsumer consumer(TandemDestination dest, String selector, boolean noLocal,
                                           SubscriptionMode subMode, String subName) throws JMSException {
        checkOpen();
        connection.fixClientId();
        if (dest.kind().isTemporary() && !connection.ownsTemporary(dest)) {
            throw new InvalidDestinationException("temporary destination " + dest.getName()
                    + " belongs to another connection; only its own connection may consume from it");
        }
        TandemMessageConsumer c = new TandemMessageConsumer(this, connection.nextId(), dest, selector, noLocal,
                subMode, subName);
        consumers.add(c);
        try {
            c.open();
        } catch (JMSException e) {
            consumers.remove(c);
            throw e;
        }
        return c;
    }

    void removeConsumer(TandemMessageConsumer c) {
        consumers.remove(c);
    }

    void removeProducer(TandemMessageProducer p) {
        producers.remove(p);
    }

    @Override
    public TandemMessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public TandemMessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return createConsumer(destination, selector, false);
    }

    @Override
    public TandemMessageConsumer createConsumer(Destination destination, String selector, boolean noLocal) throws JMSException {
        checkOpen();
        TandemDestination d = ours(destination);
        checkDomain(d, "a consumer");
        return consumer(d, selector, noLocal, d.kind().isTopic() ? SubscriptionMode.NON_DURABLE : SubscriptionMode.NONE, null);
    }

    @Override
    public TandemMessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public TandemMessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        checkOpen();
        domain.checkTopicAllowed("createSharedConsumer");
        return consumer(topicOf(topic), selector, false, SubscriptionMode.SHARED, subscriptionName(name));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal) throws JMSException {
        return createDurableConsumer(topic, name, selector, noLocal);
    }

    @Override
    public TandemMessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public TandemMessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) throws JMSException {
        checkOpen();
        domain.checkTopicAllowed("a durable subscriber");
        return consumer(topicOf(topic), selector, noLocal, SubscriptionMode.DURABLE, subscriptionName(name));
    }

    @Override
    public TandemMessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public TandemMessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector) throws JMSException {
        checkOpen();
        domain.checkTopicAllowed("createSharedDurableConsumer");
        return consumer(topicOf(topic), selector, false, SubscriptionMode.SHARED_DURABLE, subscriptionName(name));
    }

    private TandemDestination topicOf(Topic topic) throws JMSException {
        TandemDestination d = ours(topic);
        if (!d.kind().isTopic()) {
            throw new InvalidDestinationException(d + " is not a topic");
        }
        return d;
    }

    private static String subscriptionName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("a subscription name must not be null or empty");
        }
        return name;
    }

    @Override
    public TandemMessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        connection.fixClientId();
        TandemMessageProducer p = new TandemMessageProducer(this, destination == null ? null : ours(destination));
        producers.add(p);
        return p;
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        checkOpen();
        domain.checkQueueAllowed("createBrowser");
        connection.fixClientId();
        TandemDestination d = ours(queue);
        return new TandemQueueBrowser(this, d, selector);
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        domain.checkQueueAllowed("createQueue");
        checkName(queueName);
        return new TandemQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        domain.checkTopicAllowed("createTopic");
        checkName(topicName);
        return new TandemTopic(topicName);
    }

    private static void checkName(String name) throws JMSException {
        String problem = DestinationRef.nameProblem(name);
        if (problem != null) {
            throw new InvalidDestinationException(problem);
        }
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        domain.checkQueueAllowed("createTemporaryQueue");
        return (TemporaryQueue) connection.createTemporary(DestinationKind.TEMP_QUEUE);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        domain.checkTopicAllowed("createTemporaryTopic");
        return (TemporaryTopic) connection.createTemporary(DestinationKind.TEMP_TOPIC);
    }

    /**
     * @throws jakarta.jms.InvalidDestinationException when no such durable subscription exists
     * @throws IllegalStateException while a consumer is open on it or messages of it are unacknowledged
     */
    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        domain.checkTopicAllowed("unsubscribe");
        connection.fixClientId();
        subscriptionName(name);
        for (TandemMessageConsumer c : consumers) {
            if (name.equals(c.subscriptionName())) {
                throw new IllegalStateException("durable subscription '" + name + "' has an open consumer in this session");
            }
        }
        connection.call(FrameType.UNSUBSCRIBE, new NameRef(name));
    }

    // ---- queue and topic session variants ----

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        return createConsumer(queue, selector);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return createProducer(queue);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        return createConsumer(topic, selector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return createProducer(topic);
    }

    // ---- the optional application-server facility ----

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return sessionListener;
    }

    /** Part of the optional application-server facility; stored, but only {@link #run()} uses it. */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        sessionListener = listener;
    }

    /** The application-server facility hands messages to sessions through ConnectionConsumer, which Tandem leaves to its resource adapter; nothing is queued for this method. */
    @Override
    public void run() {
        // no messages are ever loaded into a session by a ConnectionConsumer here
    }

    // ---- closing ----

    /**
     * Closes the session: consumers close, an open transaction rolls back, unacknowledged
     * messages come again. Waits for running listeners and pending asynchronous sends.
     *
     * @throws IllegalStateException when called from this session's own message or completion listener
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (executor.isCurrentThread()) {
            throw new IllegalStateException("a listener must not close its own session");
        }
        awaitAsyncSends();
        // offline, no server holds this session (a lost server's sessions died with it)
        closeQuietly(!connection.isClosed() && !connection.isOffline());
    }

    void closeQuietly(boolean tellBroker) {
        if (closed) {
            return;
        }
        if (!executor.isCurrentThread()) {
            listenerLock.lock();
        }
        try {
            closed = true;
            for (TandemMessageConsumer c : consumers) {
                c.closedWithSession();
            }
            consumers.clear();
            producers.clear();
            if (tellBroker) {
                try {
                    DeliveryLedger.Taken taken = ledger.take();
                    connection.callWhileConnected(FrameType.CLOSE_SESSION, new Ack(id, taken.ids()),
                            onServerOf(taken.generation()));
                } catch (JMSException e) {
                    System.getLogger(TandemSession.class.getName()).log(System.Logger.Level.DEBUG,
                            "session close not confirmed: {0}", e.getMessage());
                }
            }
        } finally {
            if (listenerLock.isHeldByCurrentThread()) {
                listenerLock.unlock();
            }
        }
        connection.removeSession(this);
    }

    /** For consumers: the lock a listener runs under. */
    ReentrantLock listenerLock() {
        return listenerLock;
    }
}
