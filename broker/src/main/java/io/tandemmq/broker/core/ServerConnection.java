package io.tandemmq.broker.core;

import io.tandemmq.broker.core.selector.Selector;
import io.tandemmq.broker.core.selector.SelectorSyntaxException;
import io.tandemmq.broker.security.AccessCheck;
import io.tandemmq.broker.security.Permission;
import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreClosedException;
import io.tandemmq.broker.store.StoreOutcomeUnknownException;
import io.tandemmq.broker.store.StoreOperation;
import io.tandemmq.protocol.Ack;
import io.tandemmq.protocol.Browse;
import io.tandemmq.protocol.Commit;
import io.tandemmq.protocol.BrowseBatch;
import io.tandemmq.protocol.ConsumerClose;
import io.tandemmq.protocol.ConsumerOpen;
import io.tandemmq.protocol.Credit;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.IdRef;
import io.tandemmq.protocol.SessionOpen;
import io.tandemmq.protocol.WireMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection as the core sees it: its client id, sessions, consumers and temporary
 * destinations. Each request method either answers at once or returns a future that completes on
 * the core thread once the store has committed what the request changed. Methods throw
 * {@link BrokerException} for requests that are refused; then nothing was changed.
 */
public final class ServerConnection {
    private static final CompletableFuture<byte[]> DONE = CompletableFuture.completedFuture(null);
    /** How much larger DELIVER is than the SEND of the same message (see {@link #checkDeliverable}). */
    private static final int DELIVER_GROWTH = 8 + 8 + 4 - 8;
    /** BROWSE answer bytes besides the messages: frame header, count, last sequence, more flag. */
    private static final int BROWSE_OVERHEAD = io.tandemmq.protocol.Frame.HEADER_SIZE + 4 + 8 + 1;

    private final String id;
    private final ClientLink link;
    private final Broker broker;
    private final Map<Long, ServerSession> sessions = new LinkedHashMap<>();
    private final Map<Long, ServerConsumer> consumers = new LinkedHashMap<>();
    private final Set<DestinationRef> temporaries = new LinkedHashSet<>();
    private final Subscriptions subscriptions;
    private final AccessCheck access;
    /** This connection's writes share a store lane: they are committed in the order they were made. */
    private final int lane;
    private String clientId;
    private boolean closed;

    ServerConnection(String id, ClientLink link, Broker broker, AccessCheck access) {
        this.lane = broker.nextLane();
        this.id = id;
        this.link = link;
        this.broker = broker;
        this.access = access;
        this.subscriptions = new Subscriptions(broker);
    }

    public String id() {
        return id;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * Checks that this connection's roles allow the permission on the destination, and CREATE too
     * when the queue or topic does not exist yet (using it would create it). Temporary
     * destinations belong to connections, not to grants: they are never checked.
     *
     * @throws BrokerException SECURITY naming the permission and the destination; nothing was changed
     */
    public void authorize(Permission permission, DestinationRef dest) {
        if (dest.kind().isTemporary()) {
            return;
        }
        demand(permission, dest);
        if (permission != Permission.ADMIN) {
            authorizeCreation(dest);
        }
    }

    /** @throws BrokerException SECURITY when the queue or topic is missing and CREATE is not granted */
    private void authorizeCreation(DestinationRef dest) {
        if (dest.kind().isTemporary()) {
            return;
        }
        boolean missing = dest.kind() == DestinationKind.QUEUE ? broker.destinations().existingQueue(dest.name()) == null
                : broker.destinations().existingTopic(dest.name()) == null;
        if (missing) {
            demand(Permission.CREATE, dest);
        }
    }

    private void demand(Permission permission, DestinationRef dest) {
        if (!access.allows(permission, dest.kind(), dest.name())) {
            throw new BrokerException(ErrorCode.SECURITY, access.refusal(permission, dest.kind(), dest.name()));
        }
    }

    /** @throws BrokerException SECURITY when no grant of this connection's roles has the permission */
    public void authorizeAnywhere(Permission permission) {
        if (!access.allowsAnywhere(permission)) {
            throw new BrokerException(ErrorCode.SECURITY, (access.principal() == null ? "this connection"
                    : "user '" + access.principal() + "'") + " has no '" + permission.label() + "' permission");
        }
    }

    /**
     * Prepare, commit, rollback, forget and recover name transaction branches by Xid alone, whoever
     * began them (a transaction manager's recovery completes branches of every application): they
     * need a user who may send or receive somewhere, or administer.
     *
     * @throws BrokerException SECURITY otherwise; nothing was changed
     */
    public void authorizeBranchCompletion() {
        if (!mayAnywhere(Permission.SEND) && !mayAnywhere(Permission.RECEIVE) && !mayAnywhere(Permission.ADMIN)) {
            throw new BrokerException(ErrorCode.SECURITY, (access.principal() == null ? "this connection"
                    : "user '" + access.principal() + "'") + " may neither send nor receive anywhere, so it may not"
                    + " complete or recover transaction branches");
        }
    }

    /** Who this connection logged in as: null with security off, {@code anonymous} for a guest. */
    public String principal() {
        return access.principal();
    }

    /** Whether a grant of this connection's roles has the permission on any destination. */
    public boolean mayAnywhere(Permission permission) {
        return access.allowsAnywhere(permission);
    }

    ClientLink link() {
        return link;
    }

    Broker broker() {
        return broker;
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** This connection as the console lists it; call on the core thread. */
    BrokerFigures.Client figures() {
        int consumers = 0;
        for (ServerSession s : sessions.values()) {
            consumers += s.consumers().size();
        }
        String address = link.remoteAddress();
        // InetSocketAddress.toString() gives "/127.0.0.1:5000" (no host name known)
        if (address != null && address.startsWith("/")) {
            address = address.substring(1);
        }
        return new BrokerFigures.Client(address, access.principal(), clientId, sessions.size(), consumers);
    }

    /** Transacted sessions of this connection that hold sends or deliveries not yet committed. */
    int openTransactions() {
        int open = 0;
        for (ServerSession s : sessions.values()) {
            if (s.isTransacted() && s.hasWork()) {
                open++;
            }
        }
        return open;
    }

    /** @throws BrokerException INVALID_CLIENT_ID when another connection uses it, ILLEGAL_STATE when already set */
    public void setClientId(String newClientId) {
        broker.core().checkCoreThread("setClientId");
        if (clientId != null && clientId.equals(newClientId)) {
            return;
        }
        if (clientId != null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "the client id is already set to " + clientId);
        }
        if (newClientId == null || newClientId.isEmpty()) {
            throw new BrokerException(ErrorCode.INVALID_CLIENT_ID, "a client id must not be empty");
        }
        if (broker.clientIdInUse(newClientId, this)) {
            throw new BrokerException(ErrorCode.INVALID_CLIENT_ID, "client id '" + newClientId + "' is in use by another connection");
        }
        clientId = newClientId;
    }

    /** Creating a session that exists with the same mode succeeds (a client repeats it after a failover). */
    public void createSession(SessionOpen open) {
        ServerSession existing = sessions.get(open.sessionId());
        if (existing != null) {
            if (existing.ackMode() != open.ackMode()) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "session " + open.sessionId() + " already exists");
            }
            return;
        }
        sessions.put(open.sessionId(), new ServerSession(open.sessionId(), open.ackMode(), this));
    }

    private ServerSession session(long sessionId) {
        ServerSession s = sessions.get(sessionId);
        if (s == null) {
            throw new BrokerException(ErrorCode.UNKNOWN_OBJECT, "no session " + sessionId);
        }
        return s;
    }

    private ServerConsumer consumer(long consumerId) {
        ServerConsumer c = consumers.get(consumerId);
        if (c == null) {
            throw new BrokerException(ErrorCode.UNKNOWN_OBJECT, "no consumer " + consumerId);
        }
        return c;
    }

    /** Closes a session: its consumers close and every unacknowledged delivery goes back. */
    public CompletableFuture<byte[]> closeSession(Ack close) {
        ServerSession session = sessions.remove(close.sessionId());
        if (session == null) {
            return DONE;
        }
        return closeSession(session, toSet(close.deliveryIds()));
    }

    /** @param seen deliveries the application saw, or null when unknown (all count as seen) */
    private CompletableFuture<byte[]> closeSession(ServerSession session, Set<Long> seen) {
        StoreBatch.Builder batch = new StoreBatch.Builder();
        Set<MessageQueue> touched = new LinkedHashSet<>();
        if (session.xaBranch() != null) {
            handOverToBranch(session, seen);
        }
        for (ServerConsumer c : new ArrayList<>(session.consumers().values())) {
            touched.addAll(detachConsumer(c, batch));
        }
        session.takePendingSends().forEach(p -> p.drop(broker.memory()));
        touched.addAll(broker.settlement().giveBack(session.takeAll(), seen, batch));
        broker.dispatch(touched);
        return write(batch.build()).thenApply(ok -> null);
    }

    /**
     * A session closes while associated with an XA branch: what it consumed stays with the
     * branch, which the transaction manager still has to end and complete.
     */
    private static void handOverToBranch(ServerSession session, Set<Long> seen) {
        TransactionBranch branch = session.xaBranch();
        if (seen != null) {
            branch.addConsumed(session.take(seen.stream().mapToLong(Long::longValue).toArray()));
        }
        branch.sessionClosed(session);
        session.associate(null);
    }

    public ServerSession sessionById(long sessionId) {
        return session(sessionId);
    }

    /**
     * @throws BrokerException INVALID_SELECTOR, INVALID_DESTINATION, ILLEGAL_STATE (durable
     *         subscription in use, client id missing) or GENERAL (subscription conflicts)
     */
    public CompletableFuture<byte[]> createConsumer(ConsumerOpen open) {
        ServerSession session = session(open.sessionId());
        ServerConsumer existing = consumers.get(open.consumerId());
        if (existing != null) {
            // a client repeats a creation whose answer it lost in a failover
            if (existing.session() != session) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "consumer " + open.consumerId() + " already exists");
            }
            return DONE;
        }
        Selector selector = parseSelector(open.selector());
        DestinationRef dest = open.destination();
        authorize(Permission.RECEIVE, dest);
        StoreBatch.Builder batch = new StoreBatch.Builder();
        ServerConsumer consumer;
        if (dest.kind().isQueue()) {
            MessageQueue queue = queueToConsume(dest);
            consumer = new ServerConsumer(open.consumerId(), session, queue, selector, null, open.initialCredit());
        } else {
            Topic topic = dest.kind() == DestinationKind.TOPIC
                    ? broker.destinations().topic(dest.name()) : ownedTempTopic(dest.name());
            Subscription sub = subscriptions.subscribe(this, topic, open, selector, batch);
            consumer = new ServerConsumer(open.consumerId(), session, sub.queue(), null, sub, open.initialCredit());
        }
        consumer.queue().addConsumer(consumer);
        session.consumers().put(consumer.id(), consumer);
        consumers.put(consumer.id(), consumer);
        return write(batch.build()).thenApply(ok -> {
            consumer.queue().dispatch(System.currentTimeMillis());
            return null;
        });
    }

    private static Selector parseSelector(String text) {
        try {
            return Selector.parseOrNull(text);
        } catch (SelectorSyntaxException e) {
            throw new BrokerException(ErrorCode.INVALID_SELECTOR, e.getMessage());
        }
    }

    private MessageQueue queueToConsume(DestinationRef dest) {
        if (dest.kind() == DestinationKind.QUEUE) {
            return broker.destinations().queue(dest.name());
        }
        MessageQueue q = broker.destinations().tempQueue(dest.name());
        if (!id.equals(broker.destinations().tempQueueOwner(dest.name()))) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION,
                    "temporary queue " + dest.name() + " belongs to another connection");
        }
        return q;
    }

    private Topic ownedTempTopic(String name) {
        Topic t = broker.destinations().tempTopic(name);
        if (!id.equals(t.ownerConnectionId())) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary topic " + name + " belongs to another connection");
        }
        return t;
    }

    /** Closes a consumer; deliveries it got and the application saw stay with the session. */
    public CompletableFuture<byte[]> closeConsumer(ConsumerClose close) {
        ServerConsumer consumer = consumers.get(close.consumerId());
        if (consumer == null) {
            return DONE;
        }
        StoreBatch.Builder batch = new StoreBatch.Builder();
        ServerSession session = consumer.session();
        List<Outstanding> unseen = session.takeOfConsumerExcept(consumer, toSet(close.seenDeliveryIds()));
        Set<MessageQueue> touched = new LinkedHashSet<>(broker.settlement().giveBack(unseen, Set.of(), batch));
        touched.addAll(detachConsumer(consumer, batch));
        broker.dispatch(touched);
        return write(batch.build()).thenApply(ok -> null);
    }

    private Set<MessageQueue> detachConsumer(ServerConsumer consumer, StoreBatch.Builder batch) {
        consumers.remove(consumer.id());
        consumer.session().consumers().remove(consumer.id());
        consumer.queue().removeConsumer(consumer);
        if (consumer.subscription() != null) {
            subscriptions.consumerLeft(consumer.subscription(), batch);
        }
        return Set.of(consumer.queue());
    }

    public void credit(Credit credit) {
        ServerConsumer c = consumers.get(credit.consumerId());
        // a negative credit is taken back: the client's connection stopped
        if (c != null && credit.credits() != 0) {
            c.addCredit(credit.credits());
            c.queue().dispatch(System.currentTimeMillis());
        }
    }

    /** Delivers a message to this consumer now if one is waiting, for {@code receiveNoWait}. */
    public void pull(IdRef consumerId) {
        broker.core().checkCoreThread("pull");
        ServerConsumer c = consumer(consumerId.id());
        long now = System.currentTimeMillis();
        c.queue().releaseScheduled(now);
        c.queue().dispatch(now);
        c.queue().dispatchOne(c, now);
    }

    /**
     * @param sendFrameSize the encoded size of the SEND frame that carried the message
     * @throws BrokerException INVALID_DESTINATION, RESOURCE_ALLOCATION (no memory for a
     *         non-persistent message, or a message too large to be delivered); in a transacted
     *         session the transaction is marked rollback-only as well
     */
    public CompletableFuture<byte[]> send(long sessionId, WireMessage message, int sendFrameSize) {
        return send(sessionId, message, sendFrameSize, false);
    }

    /**
     * @param resend the client sends this message again after a failover: if the broker already
     *        has it (stored, or being stored), the first one counts and this one is dropped
     */
    public CompletableFuture<byte[]> send(long sessionId, WireMessage message, int sendFrameSize, boolean resend) {
        broker.core().checkCoreThread("send");
        ServerSession session = session(sessionId);
        if (resend && !session.isTransacted() && session.xaBranch() == null && message.isPersistent()) {
            CompletableFuture<byte[]> first = broker.pendingPersistentSend(message.messageId());
            if (first != null) {
                return first;
            }
            if (broker.store().messageExists(message.messageId())) {
                return DONE;
            }
        }
        MessageRouter.Routed routed;
        try {
            authorize(Permission.SEND, message.destination());
            checkDeliverable(sendFrameSize);
            routed = broker.router().route(message, this);
        } catch (BrokerException e) {
            if (session.isTransacted()) {
                session.markRollbackOnly(e.getMessage());
            }
            throw e;
        }
        if (session.isTransacted()) {
            routed.sends().forEach(session::addPendingSend);
            return DONE;
        }
        if (session.xaBranch() != null) {
            session.xaBranch().addSends(routed.sends());
            return DONE;
        }
        CompletableFuture<byte[]> stored = write(routed.batch()).handle((ok, failure) -> {
            broker.persistentSendDone(message.messageId());
            if (failure != null) {
                routed.sends().forEach(p -> p.drop(broker.memory()));
                if (StoreOutcomeUnknownException.isCause(failure)) {
                    throw new BrokerException(ErrorCode.OUTCOME_UNKNOWN, "the message may or may not have been stored"
                            + " (the store failed during the commit); send it again: duplicates are recognised");
                }
                if (StoreClosedException.isCause(failure)) {
                    throw new BrokerException(ErrorCode.NOT_ACTIVE, "the message was not stored: this server stopped"
                            + " serving (" + rootMessage(failure) + "); send it to the active server");
                }
                throw new BrokerException(ErrorCode.GENERAL, "the message could not be stored: " + rootMessage(failure));
            }
            enqueue(routed.sends());
            return null;
        });
        if (message.isPersistent() && !stored.isDone()) {
            broker.persistentSendStarted(message.messageId(), stored);
        }
        return stored;
    }

    /**
     * A DELIVER frame carries consumer id, delivery id and delivery count where SEND carries the
     * session id: a message accepted in a SEND frame that fills the largest frame could never be
     * delivered, and the consumer's connection would be closed for it.
     */
    private void checkDeliverable(int sendFrameSize) {
        long deliverFrameSize = (long) sendFrameSize + DELIVER_GROWTH;
        int max = broker.config().maxFrameSize();
        if (deliverFrameSize > max) {
            throw new BrokerException(ErrorCode.RESOURCE_ALLOCATION, "the message is too large: delivering it takes "
                    + deliverFrameSize + " bytes, the largest frame is " + max + " bytes");
        }
    }

    private void enqueue(List<PendingSend> sends) {
        long now = System.currentTimeMillis();
        Set<MessageQueue> touched = new LinkedHashSet<>();
        for (PendingSend p : sends) {
            if (p.arrive(broker.memory(), now)) {
                touched.add(p.queue());
            }
        }
        broker.dispatch(touched);
    }

    /** Acknowledges deliveries of a non-transacted session; answers once the store forgot them. */
    public CompletableFuture<byte[]> acknowledge(Ack ack) {
        ServerSession session = session(ack.sessionId());
        List<Outstanding> acked = session.take(ack.deliveryIds());
        StoreBatch.Builder batch = new StoreBatch.Builder();
        broker.settlement().acknowledge(acked, batch);
        return write(batch.build()).thenApply(ok -> null);
    }

    /**
     * Deliveries that expired in the client's buffer before the application took them: they are
     * not counted as deliveries and go to the expiry queue (or are dropped). Unknown ids (already
     * returned by a recover or rollback) are skipped.
     */
    public void expired(Ack expired) {
        broker.core().checkCoreThread("expired");
        ServerSession session = session(expired.sessionId());
        for (Outstanding o : session.take(expired.deliveryIds())) {
            o.ref().uncountDelivery();
            o.queue().delivered();
            broker.settlement().expire(o.queue(), o.ref());
        }
    }

    /**
     * Puts deliveries the client never handed to the application back in their queues, uncounted
     * (its connection stopped): other consumers may take them, and they come again unmarked.
     */
    public void release(Ack released) {
        broker.core().checkCoreThread("release");
        ServerSession session = session(released.sessionId());
        StoreBatch.Builder batch = new StoreBatch.Builder();
        Set<MessageQueue> touched = broker.settlement().giveBack(session.take(released.deliveryIds()), Set.of(), batch);
        broker.dispatch(touched);
        StoreBatch writes = batch.build();
        if (!writes.isEmpty()) {
            write(writes);
        }
    }

    /** Returns every unacknowledged delivery of the session; answers the last delivery id returned. */
    public CompletableFuture<byte[]> recover(Ack recover) {
        ServerSession session = session(recover.sessionId());
        long last = session.lastDeliveryId();
        StoreBatch.Builder batch = new StoreBatch.Builder();
        Set<MessageQueue> touched = broker.settlement().giveBack(session.takeAll(), toSet(recover.deliveryIds()), batch);
        broker.dispatch(touched);
        return write(batch.build()).thenApply(ok -> new IdRef(last).encode());
    }

    /**
     * Commits a transacted session: the listed deliveries are consumed and the pending sends
     * enqueued, all in one store transaction.
     *
     * @throws BrokerException TRANSACTION_ROLLED_BACK when a send of this transaction failed;
     *         the transaction was rolled back then
     */
    public CompletableFuture<byte[]> commit(Commit commit) {
        ServerSession session = session(commit.sessionId());
        String rollbackReason = session.takeRollbackOnlyReason();
        if (rollbackReason != null) {
            rollbackNow(session, commit.deliveryIds());
            throw new BrokerException(ErrorCode.TRANSACTION_ROLLED_BACK, "the transaction was rolled back: " + rollbackReason);
        }
        List<Outstanding> acked = session.take(commit.deliveryIds());
        List<PendingSend> sends = session.takePendingSends();
        StoreBatch.Builder batch = new StoreBatch.Builder();
        broker.settlement().acknowledge(acked, batch);
        sends.stream().filter(p -> p.insert() != null).forEach(p -> batch.add(p.insert()));
        batch.add(new StoreOperation.RecordOutcome(localKey(commit.transactionId()), true,
                System.currentTimeMillis()));
        return write(batch.build()).handle((ok, failure) -> {
            if (StoreOutcomeUnknownException.isCause(failure)) {
                // nothing is given back: if it was committed, the acknowledged messages are consumed
                sends.forEach(p -> p.drop(broker.memory()));
                throw new BrokerException(ErrorCode.OUTCOME_UNKNOWN, "the outcome of the commit is unknown (the store"
                        + " failed during it); the server that writes next knows it");
            }
            if (failure != null) {
                Set<MessageQueue> touched = broker.settlement().giveBack(acked, null, new StoreBatch.Builder());
                sends.forEach(p -> p.drop(broker.memory()));
                broker.dispatch(touched);
                throw new BrokerException(ErrorCode.TRANSACTION_ROLLED_BACK,
                        "the commit could not be stored and was rolled back: " + rootMessage(failure));
            }
            enqueue(sends);
            return null;
        });
    }

    /** Rolls back a transacted session: pending sends are dropped, deliveries come back. */
    public CompletableFuture<byte[]> rollback(Ack rollback) {
        ServerSession session = session(rollback.sessionId());
        long last = session.lastDeliveryId();
        session.takeRollbackOnlyReason();
        return rollbackNow(session, rollback.deliveryIds()).thenApply(ok -> new IdRef(last).encode());
    }

    private CompletableFuture<Void> rollbackNow(ServerSession session, long[] seenIds) {
        session.takePendingSends().forEach(p -> p.drop(broker.memory()));
        StoreBatch.Builder batch = new StoreBatch.Builder();
        Set<MessageQueue> touched = broker.settlement().giveBack(session.takeAll(), toSet(seenIds), batch);
        broker.dispatch(touched);
        return write(batch.build());
    }

    /** Writes in this connection's lane. */
    private CompletableFuture<Void> write(StoreBatch batch) {
        return broker.write(batch.inLane(lane));
    }

    /** The key under which a local transaction's outcome is stored. */
    static String localKey(String transactionId) {
        return "local:" + transactionId;
    }

    /** Whether the local transaction with this id committed (as far as the store remembers). */
    public byte[] transactionOutcome(String transactionId) {
        Boolean committed = broker.store().readOutcome(localKey(transactionId));
        return new IdRef(Boolean.TRUE.equals(committed) ? 1 : 0).encode();
    }

    /**
     * Creates a temporary destination; with a requested name (a client re-creating its temporary
     * destinations after a failover) under that name, or succeeds when this connection has it.
     *
     * @throws BrokerException INVALID_DESTINATION when the name is taken by another connection or invalid
     */
    public byte[] createTemporary(DestinationRef requested) {
        DestinationKind kind = requested.kind();
        if (!kind.isTemporary()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, kind + " is not a temporary destination kind");
        }
        if (temporaries.contains(requested)) {
            return requested.encode();
        }
        String name = requested.name().startsWith("tmp-") ? requested.name()
                : broker.newTemporaryName(kind == DestinationKind.TEMP_QUEUE ? "queue" : "topic");
        if (broker.destinations().temporaryExists(kind, name)) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary destination " + name + " belongs to another connection");
        }
        if (Destinations.checkedName(name) == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "bad temporary destination name " + name);
        }
        if (kind == DestinationKind.TEMP_QUEUE) {
            broker.destinations().addTempQueue(name, id);
        } else {
            broker.destinations().addTempTopic(name, id);
        }
        DestinationRef ref = new DestinationRef(kind, name);
        temporaries.add(ref);
        return ref.encode();
    }

    /** @throws BrokerException ILLEGAL_STATE while consumers use it, INVALID_DESTINATION when not ours */
    public void deleteTemporary(DestinationRef dest) {
        if (!temporaries.contains(dest)) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, dest + " is not a temporary destination of this connection");
        }
        if (dest.kind() == DestinationKind.TEMP_QUEUE) {
            if (!broker.destinations().tempQueue(dest.name()).consumers().isEmpty()) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "temporary queue " + dest.name() + " still has consumers");
            }
            dropQueue(broker.destinations().removeTempQueue(dest.name()));
        } else {
            if (broker.destinations().tempTopic(dest.name()).consumerCount() > 0) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "temporary topic " + dest.name() + " still has consumers");
            }
            broker.destinations().removeTempTopic(dest.name());
        }
        temporaries.remove(dest);
    }

    private void dropQueue(MessageQueue q) {
        if (q != null) {
            // temporary queues are never stored, so there is nothing to write
            broker.settlement().discard(q.drain(), new StoreBatch.Builder());
        }
    }

    /** @throws BrokerException INVALID_DESTINATION when no such subscription, ILLEGAL_STATE while it is in use */
    public CompletableFuture<byte[]> unsubscribe(String name) {
        StoreBatch.Builder batch = new StoreBatch.Builder();
        subscriptions.unsubscribe(this, name, batch);
        return write(batch.build()).thenApply(ok -> null);
    }

    public byte[] browse(Browse browse) {
        broker.core().checkCoreThread("browse");
        Selector selector = parseSelector(browse.selector());
        DestinationRef dest = browse.queue();
        if (!dest.kind().isQueue()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "only queues can be browsed");
        }
        authorize(Permission.BROWSE, dest);
        MessageQueue queue = dest.kind() == DestinationKind.QUEUE
                ? broker.destinations().queue(dest.name()) : broker.destinations().tempQueue(dest.name());
        int max = Math.max(1, Math.min(browse.max(), 1000));
        List<MessageRef> page = queue.browse(selector, browse.afterSequence(), max + 1, System.currentTimeMillis());
        boolean more = page.size() > max;
        List<WireMessage> messages = new ArrayList<>();
        long last = browse.afterSequence();
        // the answer must fit in one frame: stop early (the client asks again) when the next would not
        long room = (long) broker.config().maxFrameSize() - BROWSE_OVERHEAD;
        for (MessageRef ref : page.subList(0, Math.min(max, page.size()))) {
            WireMessage m = queue.asDelivered(broker.fullMessage(ref));
            int size = m.encode().length;
            if (!messages.isEmpty() && size > room) {
                more = true;
                break;
            }
            messages.add(m);
            room -= size;
            last = ref.id();
        }
        return new BrowseBatch(messages, last, more).encode();
    }

    /** Validates a destination a client is about to use, creating a queue or topic if missing. */
    public void checkDestination(DestinationRef dest) {
        authorizeCreation(dest);
        switch (dest.kind()) {
            case QUEUE -> broker.destinations().queue(dest.name());
            case TOPIC -> broker.destinations().topic(dest.name());
            case TEMP_QUEUE -> broker.destinations().tempQueue(dest.name());
            case TEMP_TOPIC -> broker.destinations().tempTopic(dest.name());
        }
    }

    /** The connection ended (closed or lost): everything it held is released. */
    public void close() {
        broker.core().checkCoreThread("close of a connection");
        if (closed) {
            return;
        }
        closed = true;
        for (ServerSession s : new ArrayList<>(sessions.values())) {
            closeSession(s, null);
        }
        sessions.clear();
        for (DestinationRef t : new ArrayList<>(temporaries)) {
            if (t.kind() == DestinationKind.TEMP_QUEUE) {
                dropQueue(broker.destinations().removeTempQueue(t.name()));
            } else {
                broker.destinations().removeTempTopic(t.name());
            }
        }
        temporaries.clear();
        broker.disconnected(this);
    }

    private static Set<Long> toSet(long[] ids) {
        Set<Long> set = new HashSet<>(ids.length * 2);
        for (long id : ids) {
            set.add(id);
        }
        return set;
    }

    static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
