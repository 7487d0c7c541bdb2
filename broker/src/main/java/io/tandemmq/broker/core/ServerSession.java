package io.tandemmq.broker.core;

import io.tandemmq.protocol.AckMode;
import io.tandemmq.protocol.Delivery;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.WireMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client session: its consumers, the messages delivered to it and not yet acknowledged, and (for
 * a transacted session) the sends waiting for commit. Delivery ids grow within the session, so a
 * rollback can tell the client "everything up to id N came back".
 */
public final class ServerSession {
    private final long id;
    private final AckMode ackMode;
    private final ServerConnection connection;
    private final Map<Long, ServerConsumer> consumers = new LinkedHashMap<>();
    private final Map<Long, Outstanding> outstanding = new LinkedHashMap<>();
    private final List<PendingSend> pendingSends = new ArrayList<>();
    private String rollbackOnlyReason;
    private long lastDeliveryId;
    private TransactionBranch xaBranch;

    ServerSession(long id, AckMode ackMode, ServerConnection connection) {
        this.id = id;
        this.ackMode = ackMode;
        this.connection = connection;
        this.lastDeliveryId = connection.broker().deliveryIdBase();
    }

    public long id() {
        return id;
    }

    public AckMode ackMode() {
        return ackMode;
    }

    public boolean isTransacted() {
        return ackMode == AckMode.TRANSACTED;
    }

    public boolean isXa() {
        return ackMode == AckMode.XA;
    }

    /** The XA branch this session is associated with now, or null. */
    public TransactionBranch xaBranch() {
        return xaBranch;
    }

    public void associate(TransactionBranch branch) {
        xaBranch = branch;
    }

    public ServerConnection connection() {
        return connection;
    }

    Map<Long, ServerConsumer> consumers() {
        return consumers;
    }

    /** Whether the session holds unacknowledged deliveries or sends waiting for a commit. */
    boolean hasWork() {
        return !outstanding.isEmpty() || !pendingSends.isEmpty();
    }

    long lastDeliveryId() {
        return lastDeliveryId;
    }

    void deliver(ServerConsumer consumer, MessageQueue from, MessageRef ref) {
        long deliveryId = ++lastDeliveryId;
        WireMessage full;
        try {
            full = from.asDelivered(connection.broker().fullMessage(ref));
        } catch (RuntimeException e) {
            lastDeliveryId--;
            from.putBack(ref);
            connection.broker().reportStoreTrouble(e);
            return;
        }
        ref.countDelivery();
        outstanding.put(deliveryId, new Outstanding(deliveryId, ref, from, consumer));
        connection.link().send(Frame.oneWay(FrameType.DELIVER,
                new Delivery(consumer.id(), deliveryId, ref.deliveryCount(), full)));
    }

    /** Removes and returns the outstanding deliveries with these ids; unknown ids are skipped. */
    public List<Outstanding> take(long[] deliveryIds) {
        List<Outstanding> taken = new ArrayList<>(deliveryIds.length);
        for (long deliveryId : deliveryIds) {
            Outstanding o = outstanding.remove(deliveryId);
            if (o != null) {
                taken.add(o);
            }
        }
        return taken;
    }

    /** Removes and returns every outstanding delivery, oldest first. */
    List<Outstanding> takeAll() {
        List<Outstanding> all = new ArrayList<>(outstanding.values());
        outstanding.clear();
        return all;
    }

    /** Removes and returns the outstanding deliveries of one consumer, except those kept. */
    List<Outstanding> takeOfConsumerExcept(ServerConsumer consumer, java.util.Set<Long> kept) {
        List<Outstanding> taken = new ArrayList<>();
        var it = outstanding.values().iterator();
        while (it.hasNext()) {
            Outstanding o = it.next();
            if (o.consumer() == consumer && !kept.contains(o.deliveryId())) {
                it.remove();
                taken.add(o);
            }
        }
        return taken;
    }

    void addPendingSend(PendingSend send) {
        pendingSends.add(send);
    }

    List<PendingSend> takePendingSends() {
        List<PendingSend> sends = new ArrayList<>(pendingSends);
        pendingSends.clear();
        return sends;
    }

    /** A send in this transaction failed: the commit must roll back and say why. */
    void markRollbackOnly(String reason) {
        if (rollbackOnlyReason == null) {
            rollbackOnlyReason = reason;
        }
    }

    String takeRollbackOnlyReason() {
        String reason = rollbackOnlyReason;
        rollbackOnlyReason = null;
        return reason;
    }

    ServerConsumer consumer(long consumerId) {
        ServerConsumer c = consumers.get(consumerId);
        if (c == null) {
            throw new BrokerException(ErrorCode.UNKNOWN_OBJECT, "no consumer " + consumerId + " in session " + id);
        }
        return c;
    }
}
