package io.tandemmq.client;

import io.tandemmq.client.message.TandemMessage;
import io.tandemmq.client.transport.ServerLink;
import io.tandemmq.protocol.ConsumerClose;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.ConsumerOpen;
import io.tandemmq.protocol.Credit;
import io.tandemmq.protocol.Delivery;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.IdRef;
import io.tandemmq.protocol.MalformedFrameException;
import io.tandemmq.protocol.SubscriptionMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A consumer: a buffer of prefetched deliveries filled by the link, emptied by {@code receive} or
 * by the session's listener dispatch. Credit goes back to the broker as the application takes
 * messages, in batches of half the prefetch window.
 */
public class TandemMessageConsumer implements QueueReceiver, TopicSubscriber {
    private static final Logger LOG = System.getLogger(TandemMessageConsumer.class.getName());

    private final TandemSession session;
    private final long id;
    private final TandemDestination destination;
    private final String selector;
    private final boolean noLocal;
    private final SubscriptionMode subscriptionMode;
    private final String subscriptionName;
    private final int prefetch;
    private final ArrayDeque<Buffered> buffer = new ArrayDeque<>();
    /** Delivery ids this consumer handed to the application, to tell which seen ids are its own. */
    private final Set<Long> handedOut = new HashSet<>();
    /** Taken by {@link #receiveWithoutAutoAck}, until its caller keeps it or gives it back. */
    private Buffered heldForBody;
    private int creditToReturn;
    /**
     * Whether the broker holds this consumer's credit window: only while the connection is started
     * (6.1.5: a stopped connection's consumers take no messages, so other consumers of the queue get
     * them). Guarded by this.
     */
    private boolean windowOpen;
    private volatile MessageListener listener;
    private volatile boolean closed;
    private volatile Thread receiving;

    /** A delivery and the session's link count when it arrived (which server it came from). */
    private record Buffered(Delivery delivery, long generation) {
    }

    TandemMessageConsumer(TandemSession session, long id, TandemDestination destination, String selector,
                          boolean noLocal, SubscriptionMode mode, String subscriptionName) {
        this.session = session;
        this.id = id;
        this.destination = destination;
        this.selector = selector == null || selector.isBlank() ? null : selector;
        this.noLocal = noLocal;
        this.subscriptionMode = mode;
        this.subscriptionName = subscriptionName;
        this.prefetch = session.connection().options().prefetch();
    }

    /**
     * @throws jakarta.jms.InvalidSelectorException for a bad selector, and the other exceptions
     *         of consumer creation as the broker reports them
     */
    void open() throws JMSException {
        session.connection().register(this);
        ConsumerOpen frame;
        synchronized (this) {
            windowOpen = session.connection().isStarted();
            frame = openFrame();
        }
        try {
            session.connection().call(FrameType.CREATE_CONSUMER, frame);
        } catch (JMSException e) {
            session.connection().unregister(this);
            throw e;
        }
        if (session.connection().isStarted()) {
            // started while the consumer was being created
            openWindow();
        }
    }

    /** The connection started: the broker gets this consumer's credit window. */
    void openWindow() {
        synchronized (this) {
            if (windowOpen || closed) {
                return;
            }
            windowOpen = true;
            creditToReturn = 0;
        }
        session.connection().link().sendOneWay(FrameType.CREDIT, new Credit(id, prefetch));
    }

    /**
     * The connection stopped: the broker's credit is taken back and what the buffer holds goes back
     * to the queue, uncounted, for other consumers.
     */
    void closeWindow() {
        List<Buffered> released;
        synchronized (this) {
            if (!windowOpen || closed) {
                return;
            }
            windowOpen = false;
            creditToReturn = 0;
            released = new ArrayList<>(buffer);
            buffer.clear();
        }
        session.connection().link().sendOneWay(FrameType.CREDIT, new Credit(id, -Integer.MAX_VALUE));
        release(released);
    }

    private void release(List<Buffered> released) {
        perServer(released, (ids, generation) -> session.release(generation, ids));
    }

    /**
     * Gives {@code report} the delivery ids of each link count: ids of a lost server are never
     * sent to the new one.
     */
    private static void perServer(List<Buffered> deliveries, java.util.function.ObjLongConsumer<long[]> report) {
        Map<Long, List<Buffered>> byGeneration = new TreeMap<>();
        deliveries.forEach(b -> byGeneration.computeIfAbsent(b.generation(), e -> new ArrayList<>()).add(b));
        byGeneration.forEach((generation, list) -> report.accept(list.stream().mapToLong(b -> b.delivery().deliveryId()).toArray(),
                generation));
    }

    long id() {
        return id;
    }

    TandemDestination destination() {
        return destination;
    }

    String subscriptionName() {
        return subscriptionMode.isDurable() ? subscriptionName : null;
    }

    synchronized boolean delivered(long deliveryId) {
        return handedOut.contains(deliveryId);
    }

    /** From the link's event loop: buffer a delivery, or drop one the broker already took back. */
    void onDelivery(Delivery delivery) {
        Delivery d = delivery;
        if (session.expectsRedelivery(d.message().messageId())) {
            // seen before a failover: the new server cannot know it was delivered already
            d = new Delivery(d.consumerId(), d.deliveryId(), Math.max(2, d.deliveryCount() + 1), d.message());
        }
        Buffered lateForAStoppedConnection = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (d.deliveryId() <= session.discardUpTo()) {
                creditToReturn++;
            } else if (!windowOpen) {
                // sent before the broker took the credit back
                lateForAStoppedConnection = new Buffered(d, session.generation());
            } else {
                buffer.add(new Buffered(d, session.generation()));
                notifyAll();
            }
        }
        if (lateForAStoppedConnection != null) {
            release(List.of(lateForAStoppedConnection));
            return;
        }
        if (listener != null) {
            session.scheduleDispatch();
        }
    }

    /** Failover began: buffered deliveries belong to the lost server; the new one sends them again. */
    synchronized void linkLost() {
        buffer.clear();
        handedOut.clear();
        creditToReturn = 0;
    }

    /** Guarded by this: the window is opened with the consumer only while the connection is started. */
    private ConsumerOpen openFrame() {
        return new ConsumerOpen(session.id(), id, destination.toRef(), selector, noLocal, subscriptionMode,
                subscriptionName, windowOpen ? prefetch : 0);
    }

    /** Re-creates this consumer on a new server, with a full credit window if the connection is started. */
    void replay(ServerLink fresh) throws ProtocolException {
        ConsumerOpen frame;
        synchronized (this) {
            frame = openFrame();
        }
        if (!closed) {
            fresh.call(FrameType.CREATE_CONSUMER, frame);
        }
    }

    /** Drops buffered deliveries the broker took back, and returns their credit at once. */
    void discardUpTo(long lastReturned) {
        int dropped = 0;
        synchronized (this) {
            var it = buffer.iterator();
            while (it.hasNext()) {
                if (it.next().delivery().deliveryId() <= lastReturned) {
                    it.remove();
                    dropped++;
                }
            }
            handedOut.removeIf(deliveryId -> deliveryId <= lastReturned);
            creditToReturn += dropped;
        }
        returnCredit(true);
    }

    synchronized void wakeUp() {
        notifyAll();
    }

    private void returnCredit(boolean now) {
        int credits;
        synchronized (this) {
            if (!windowOpen) {
                // a stopped connection grants nothing; start() opens a whole window again
                creditToReturn = 0;
                return;
            }
            if (creditToReturn == 0 || (!now && creditToReturn < Math.max(1, prefetch / 2))) {
                return;
            }
            credits = creditToReturn;
            creditToReturn = 0;
        }
        if (!closed) {
            session.connection().link().sendOneWay(FrameType.CREDIT, new Credit(id, credits));
        }
    }

    /**
     * Takes the next delivery that has not expired and records it as seen, waiting up to the
     * timeout (0: forever, -1: not at all). Expired ones met on the way are given back to the
     * broker to be expired, as Artemis does. One that came from a server lost since it was
     * buffered is skipped: the new server delivers it again.
     */
    private Delivery takeAndRecord(long timeoutMillis) throws JMSException {
        long deadline = timeoutMillis > 0 ? System.currentTimeMillis() + timeoutMillis : 0;
        long wait = timeoutMillis;
        while (true) {
            Buffered b = take(wait);
            if (b == null) {
                return null;
            }
            Delivery d = b.delivery();
            if (session.delivered(b.generation(), d.deliveryId(), d.message().messageId())) {
                return d;
            }
            if (timeoutMillis > 0) {
                wait = deadline - System.currentTimeMillis();
                if (wait <= 0) {
                    return null;
                }
            }
        }
    }

    private Buffered take(long timeoutMillis) throws JMSException {
        List<Buffered> expired = new ArrayList<>();
        try {
            return take(timeoutMillis, expired);
        } finally {
            if (!expired.isEmpty()) {
                reportExpired(expired);
                returnCredit(false);
            }
        }
    }

    private void reportExpired(List<Buffered> expired) {
        perServer(expired, (ids, generation) -> session.expired(generation, ids));
    }

    private Buffered take(long timeoutMillis, List<Buffered> expired) throws JMSException {
        long deadline = timeoutMillis > 0 ? System.currentTimeMillis() + timeoutMillis : 0;
        TandemConnection connection = session.connection();
        synchronized (this) {
            while (true) {
                if (closed || session.isClosed() || connection.isClosed()) {
                    return null;
                }
                connection.checkOpen();
                if (connection.isStarted() && !buffer.isEmpty()) {
                    Buffered b = buffer.poll();
                    creditToReturn++;
                    if (b.delivery().message().isExpired(System.currentTimeMillis())) {
                        expired.add(b);
                        continue;
                    }
                    handedOut.add(b.delivery().deliveryId());
                    return b;
                }
                long wait = timeoutMillis == 0 ? 1000 : deadline - System.currentTimeMillis();
                if (timeoutMillis < 0 || wait <= 0) {
                    return null;
                }
                try {
                    wait(Math.min(wait, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    private TandemMessage toMessage(Delivery d) throws JMSException {
        try {
            TandemMessage m = TandemMessage.fromWire(d.message(), d.redelivered(), d.deliveryCount());
            m.setAcknowledger(session::acknowledgeAll);
            return m;
        } catch (MalformedFrameException e) {
            throw new jakarta.jms.MessageFormatException("message " + d.message().messageId() + " has a malformed body: "
                    + e.getMessage());
        }
    }

    /**
     * Hands a delivery to the application: counts it as seen, returns credit and, in AUTO mode,
     * acknowledges it before the caller returns it.
     */
    private Message consume(Delivery d) throws JMSException {
        returnCredit(false);
        TandemMessage m = toMessage(d);
        session.autoAcknowledge();
        return m;
    }

    /**
     * For {@code JMSConsumer.receiveBody}: like receive, but leaves the AUTO acknowledgement to
     * the caller, who acknowledges only when the body could be returned, and then calls
     * {@link #bodyTaken}, or else {@link #giveBackUnread} (AUTO and DUPS_OK) or {@link #bodyTaken}
     * (the message stays unacknowledged in the session).
     */
    TandemMessage receiveWithoutAutoAck(long timeout) throws JMSException {
        checkReceive();
        Delivery d;
        if (timeout < 0) {
            boolean empty;
            synchronized (this) {
                empty = buffer.isEmpty();
            }
            if (empty && session.connection().isStarted()) {
                session.connection().call(FrameType.PULL, new IdRef(id));
            }
            d = takeAndRecord(-1);
        } else {
            receiving = Thread.currentThread();
            try {
                d = takeAndRecord(timeout);
            } finally {
                receiving = null;
            }
        }
        if (d == null) {
            return null;
        }
        synchronized (this) {
            heldForBody = new Buffered(d, session.generation());
        }
        try {
            return toMessage(d);
        } catch (JMSException e) {
            // a body that cannot be decoded is not given back: it would fail the same way again
            bodyTaken();
            throw e;
        }
    }

    /** The message of {@link #receiveWithoutAutoAck} is the application's now. */
    void bodyTaken() {
        synchronized (this) {
            heldForBody = null;
        }
        returnCredit(false);
    }

    /**
     * The message of {@link #receiveWithoutAutoAck} goes back to the head of the buffer as if it
     * had not been received (Jakarta Messaging 3.1, 8.6: not a redelivery, its delivery count
     * unchanged), and comes before any later message. Its credit stays used: it is buffered again.
     */
    void giveBackUnread() {
        Buffered b;
        synchronized (this) {
            b = heldForBody;
            heldForBody = null;
            if (b == null || closed) {
                return;
            }
            handedOut.remove(b.delivery().deliveryId());
            buffer.addFirst(b);
            creditToReturn = Math.max(0, creditToReturn - 1);
            notifyAll();
        }
        session.notDelivered(b.delivery().deliveryId());
    }

    TandemSession session() {
        return session;
    }

    @Override
    public Message receive() throws JMSException {
        return receive(0);
    }

    /**
     * @return the next message, or null when the timeout passed or the consumer, session or
     *         connection was closed meanwhile
     * @throws IllegalStateException when closed or a message listener is set
     * @throws JMSException when the connection is lost
     */
    @Override
    public Message receive(long timeout) throws JMSException {
        checkReceive();
        receiving = Thread.currentThread();
        try {
            Delivery d = takeAndRecord(Math.max(0, timeout));
            return d == null ? null : consume(d);
        } finally {
            receiving = null;
        }
    }

    /**
     * Waits until a delivery is buffered, without taking it: a container can then begin the
     * transaction a receive must run in only when there is something to receive.
     *
     * @return whether a delivery is buffered (a receive right after will usually get it; it may
     *         not, if it expired or a failover dropped it meanwhile)
     * @throws IllegalStateException when the consumer, its session or its connection is closed
     * @throws JMSException when the connection is lost for good
     */
    public boolean awaitDelivery(long timeoutMillis) throws JMSException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (this) {
            while (buffer.isEmpty()) {
                checkOpen();
                session.connection().checkOpen();
                long wait = deadline - System.currentTimeMillis();
                if (wait <= 0) {
                    return false;
                }
                try {
                    wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Returns a waiting message; asks the broker for one first when the buffer is empty. */
    @Override
    public Message receiveNoWait() throws JMSException {
        checkReceive();
        boolean empty;
        synchronized (this) {
            empty = buffer.isEmpty();
        }
        if (empty && session.connection().isStarted()) {
            session.connection().call(FrameType.PULL, new IdRef(id));
        }
        Delivery d = takeAndRecord(-1);
        return d == null ? null : consume(d);
    }

    private void checkReceive() throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("receive is not allowed while a message listener is set");
        }
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the consumer is closed");
        }
        session.checkOpen();
    }

    /** Runs the listener on one buffered message; called by the session's dispatch under its listener lock. */
    boolean deliverOneToListener() {
        MessageListener l = listener;
        if (l == null || closed) {
            return false;
        }
        Delivery d;
        try {
            d = takeAndRecord(-1);
        } catch (JMSException e) {
            return false;
        }
        if (d == null) {
            return false;
        }
        returnCredit(false);
        try {
            TandemMessage m = toMessage(d);
            l.onMessage(m);
        } catch (RuntimeException | JMSException e) {
            LOG.log(Level.WARNING, "message listener on {0} threw {1}", destination, e.toString());
            if (session.isAutoAcknowledging()) {
                session.redeliverAfterListenerFailure();
                return true;
            }
        }
        try {
            if (!session.isClosed()) {
                session.autoAcknowledge();
            }
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "automatic acknowledgement failed: {0}", e.getMessage());
        }
        return true;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        this.listener = listener;
        if (listener != null) {
            session.scheduleDispatch();
        }
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue q ? q : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic t ? t : null;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    /**
     * Closes the consumer; buffered messages go back to the broker uncounted. A receive in
     * progress returns null. May be called from this consumer's own listener (then it returns
     * at once and the listener finishes normally).
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        boolean ownListener = session.isCallbackThread();
        if (!ownListener && listener != null) {
            session.listenerLock().lock();
            session.listenerLock().unlock();
        }
        DeliveryLedger.Taken seenIds = session.seenOf(this);
        markClosed();
        session.removeConsumer(this);
        if (!session.isClosed() && !session.connection().isOffline()) {
            session.connection().call(FrameType.CLOSE_CONSUMER, new ConsumerClose(id, seenIds.ids()),
                    session.onServerOf(seenIds.generation()));
        }
    }

    void closedWithSession() {
        markClosed();
    }

    private void markClosed() {
        synchronized (this) {
            closed = true;
            buffer.clear();
            notifyAll();
        }
        session.connection().unregister(this);
    }
}
