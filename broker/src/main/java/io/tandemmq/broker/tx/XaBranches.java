package io.tandemmq.broker.tx;

import io.tandemmq.broker.core.Broker;
import io.tandemmq.broker.core.BrokerException;
import io.tandemmq.broker.core.MessageQueue;
import io.tandemmq.broker.core.MessageRef;
import io.tandemmq.broker.core.Outstanding;
import io.tandemmq.broker.core.PendingSend;
import io.tandemmq.broker.core.RecoveredTransactions;
import io.tandemmq.broker.core.ServerSession;
import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreOutcomeUnknownException;
import io.tandemmq.broker.store.StoreOperation;
import io.tandemmq.protocol.XidValue;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every XA branch the broker knows, and the XA operations on them. Each operation either answers
 * at once or returns a future that completes on the core thread once the store has the result.
 * Refusals are {@link BrokerException}s with an {@code XAException} error code, chosen as the XA
 * specification prescribes (XAER_NOTA for an unknown Xid, XAER_PROTO for a call in the wrong
 * state, XAER_DUPID for a used Xid, XA_RB* for a branch that was rolled back...).
 */
public final class XaBranches implements RecoveredTransactions {
    private static final Logger LOG = System.getLogger(XaBranches.class.getName());
    private static final long SCAN_MILLIS = 1000;
    private static final long OUTCOME_RETENTION_MILLIS = TimeUnit.HOURS.toMillis(24);

    private final Broker broker;
    private final long defaultTimeoutMillis;
    private final Map<XidValue, XaBranch> branches = new LinkedHashMap<>();
    private final XaOutcomes outcomes = new XaOutcomes();
    /** Message rows consumed by recovered prepared branches, until their messages are read. */
    private final Map<Long, XaBranch> recoveredConsumedRows = new HashMap<>();

    public XaBranches(Broker broker, long defaultTimeoutMillis) {
        this.broker = broker;
        this.defaultTimeoutMillis = defaultTimeoutMillis;
    }

    /** Starts the timer that rolls back expired branches; call after the broker started. */
    public void startTimers() {
        broker.core().scheduleEvery(this::expire, SCAN_MILLIS);
        broker.write(StoreBatch.of(new StoreOperation.PruneOutcomes("xa:", System.currentTimeMillis() - OUTCOME_RETENTION_MILLIS)));
    }

    private static BrokerException xa(int code, String message) {
        return BrokerException.xa(code, message);
    }

    // ---- association: start and end ----

    /**
     * @throws BrokerException XAER_PROTO (not an XA session, already associated, not suspended),
     *         XAER_DUPID (Xid in use or used), XAER_NOTA (join or resume of an unknown Xid),
     *         XAER_INVAL (bad flags), XA_RB* (joining or resuming a branch that must roll back)
     */
    public void start(ServerSession session, XidValue xid, int flags, int timeoutSeconds) {
        if (!session.isXa()) {
            throw xa(XAException.XAER_PROTO, "session " + session.id() + " is not an XA session");
        }
        if (session.xaBranch() != null) {
            throw xa(XAException.XAER_PROTO, "the session is already associated with a transaction branch");
        }
        switch (flags) {
            case XAResource.TMNOFLAGS -> begin(session, xid, timeoutSeconds);
            case XAResource.TMJOIN -> join(session, existing(xid));
            case XAResource.TMRESUME -> resume(session, existing(xid));
            default -> throw xa(XAException.XAER_INVAL, "start takes TMNOFLAGS, TMJOIN or TMRESUME, not " + flags);
        }
    }

    private void begin(ServerSession session, XidValue xid, int timeoutSeconds) {
        if (branches.containsKey(xid) || outcomes.of(xid) != null) {
            throw xa(XAException.XAER_DUPID, xid + " is already in use");
        }
        long timeout = timeoutSeconds > 0 ? TimeUnit.SECONDS.toMillis(timeoutSeconds) : defaultTimeoutMillis;
        XaBranch b = new XaBranch(xid, XaBranchState.ACTIVE, System.currentTimeMillis() + timeout, this::sessionLost);
        branches.put(xid, b);
        associate(session, b);
    }

    private void join(ServerSession session, XaBranch b) {
        checkNotRollbackOnly(b);
        if (b.state() == XaBranchState.PREPARED) {
            throw xa(XAException.XAER_PROTO, b.xid() + " is prepared; it cannot be joined");
        }
        if (b.state() == XaBranchState.IDLE) {
            b.moveTo(XaBranchState.ACTIVE);
        }
        associate(session, b);
    }

    private void resume(ServerSession session, XaBranch b) {
        if (!b.suspended().contains(session)) {
            throw xa(XAException.XAER_PROTO, "the session did not suspend " + b.xid());
        }
        // XA_RB*: not resumed; the association stays suspended, to be ended or rolled back
        checkNotRollbackOnly(b);
        b.suspended().remove(session);
        associate(session, b);
    }

    private static void associate(ServerSession session, XaBranch b) {
        b.active().add(session);
        session.associate(b);
    }

    private XaBranch existing(XidValue xid) {
        XaBranch b = branches.get(xid);
        if (b == null) {
            XaOutcomes.Outcome o = outcomes.of(xid);
            if (o != null && !o.committed() && o.rollbackCode() != 0) {
                throw xa(o.rollbackCode(), xid + " was rolled back");
            }
            throw xa(XAException.XAER_NOTA, "no transaction branch " + xid);
        }
        return b;
    }

    private static void checkNotRollbackOnly(XaBranch b) {
        if (b.state() == XaBranchState.ROLLBACK_ONLY) {
            throw xa(b.rollbackCode(), b.xid() + (b.rollbackCode() == XAException.XA_RBTIMEOUT
                    ? " timed out and was rolled back" : " is marked rollback-only"));
        }
    }

    /**
     * Ends the session's association; what it consumed joins the branch.
     *
     * @throws BrokerException XAER_NOTA, XAER_PROTO (not associated), XAER_INVAL (flags), and XA_RB*
     *         when the branch must roll back (the association is ended anyway)
     */
    public void end(ServerSession session, XidValue xid, int flags, long[] consumedDeliveryIds) {
        XaBranch b = existing(xid);
        boolean associated = b.active().contains(session);
        if (!associated && !b.suspended().contains(session)) {
            throw xa(XAException.XAER_PROTO, "the session is not associated with " + xid);
        }
        if (flags != XAResource.TMSUCCESS && flags != XAResource.TMFAIL && flags != XAResource.TMSUSPEND) {
            throw xa(XAException.XAER_INVAL, "end takes TMSUCCESS, TMFAIL or TMSUSPEND, not " + flags);
        }
        if (associated) {
            take(b, session.take(consumedDeliveryIds));
            b.active().remove(session);
            session.associate(null);
        }
        if (flags == XAResource.TMSUSPEND) {
            b.suspended().add(session);
        } else {
            b.suspended().remove(session);
        }
        if (flags == XAResource.TMFAIL) {
            rollbackOnly(b, XAException.XA_RBROLLBACK);
        }
        if (!b.hasAssociations() && b.state() == XaBranchState.ACTIVE) {
            b.moveTo(XaBranchState.IDLE);
        }
        checkNotRollbackOnly(b);
    }

    /** Deliveries consumed inside the branch; if its work was already undone, they go straight back. */
    private void take(XaBranch b, List<Outstanding> consumed) {
        if (b.state() == XaBranchState.ROLLBACK_ONLY) {
            giveBack(consumed);
        } else {
            b.addConsumed(consumed);
        }
    }

    private void sessionLost(XaBranch b) {
        rollbackOnly(b, XAException.XA_RBROLLBACK);
    }

    /** Marks a branch rollback-only and undoes its work now, so that nothing stays locked by it. */
    private void rollbackOnly(XaBranch b, int code) {
        if (b.state() == XaBranchState.PREPARED || b.state() == XaBranchState.ROLLBACK_ONLY) {
            return;
        }
        b.markRollbackOnly(code);
        undo(b);
    }

    // ---- completion ----

    /**
     * @return XA_OK, or XA_RDONLY when the branch did nothing (it is then complete)
     * @throws BrokerException XAER_NOTA, XAER_PROTO (still associated, or prepared twice), XA_RB*
     *         when the branch was rolled back (also when its state could not be stored)
     */
    public CompletableFuture<Integer> prepare(XidValue xid) {
        XaBranch b = existing(xid);
        checkIdle(b, "prepare");
        if (b.isReadOnly()) {
            branches.remove(xid);
            outcomes.committed(xid);
            return CompletableFuture.completedFuture(XAResource.XA_RDONLY);
        }
        StoreBatch.Builder batch = new StoreBatch.Builder();
        for (PendingSend p : b.sends()) {
            if (p.insert() != null) {
                batch.add(p.insert().inTransaction(b.key()));
            }
        }
        // the delivery counts too: should a restart be followed by a rollback, the messages come
        // again as redelivered (and count towards the dead-letter limit)
        for (Outstanding o : b.consumed()) {
            if (o.ref().isStored()) {
                batch.add(new StoreOperation.UpdateDeliveryCount(o.ref().id(), o.ref().deliveryCount()));
            }
        }
        batch.add(new StoreOperation.PrepareBranch(b.key(), System.currentTimeMillis(), storedRows(b.consumed())));
        b.moveTo(XaBranchState.PREPARED);
        return broker.write(batch.build().inLane(b.key().hashCode())).handle((ok, failure) -> {
            if (StoreOutcomeUnknownException.isCause(failure)) {
                // it may be prepared in the store: the transaction manager asks the next server (recover)
                throw xa(XAException.XAER_RMFAIL, "the store failed while " + xid + " was being prepared; whether it"
                        + " is prepared is unknown until the server that writes next is asked: " + failure.getMessage());
            }
            if (failure != null) {
                LOG.log(Level.ERROR, "prepare of {0} could not be stored: {1}", xid, failure.getMessage());
                finishRollback(b, XAException.XA_RBROLLBACK);
                throw xa(XAException.XA_RBROLLBACK, "the prepared state of " + xid
                        + " could not be stored, so the branch was rolled back: " + failure.getMessage());
            }
            return XAResource.XA_OK;
        });
    }

    private void checkIdle(XaBranch b, String what) {
        if (b.hasAssociations()) {
            throw xa(XAException.XAER_PROTO, what + " of " + b.xid() + " while a session is still associated; call end first");
        }
        if (b.state() == XaBranchState.ROLLBACK_ONLY) {
            int code = b.rollbackCode();
            finishRollback(b, code);
            throw xa(code, b.xid() + " was rolled back" + (code == XAException.XA_RBTIMEOUT ? " after its timeout" : ""));
        }
        if (b.state() == XaBranchState.PREPARED) {
            throw xa(XAException.XAER_PROTO, b.xid() + " is already prepared");
        }
    }

    private static List<Long> storedRows(List<Outstanding> consumed) {
        List<Long> rows = new ArrayList<>();
        for (Outstanding o : consumed) {
            if (o.ref().isStored()) {
                rows.add(o.ref().id());
            }
        }
        return rows;
    }

    /**
     * Commits a branch: one-phase from IDLE, two-phase from PREPARED. A commit of a branch that
     * already committed succeeds.
     *
     * @throws BrokerException XAER_NOTA, XAER_PROTO (wrong phase or still associated), XA_RB*
     *         (it was rolled back instead), XAER_RMFAIL (the store failed; a prepared branch stays
     *         prepared and the commit can be retried)
     */
    public CompletableFuture<Void> commit(XidValue xid, boolean onePhase) {
        XaBranch b = branches.get(xid);
        if (b == null) {
            XaOutcomes.Outcome o = outcomes.of(xid);
            if (o != null && o.committed()) {
                return CompletableFuture.completedFuture(null);
            }
            if (o != null) {
                throw xa(o.rollbackCode() != 0 ? o.rollbackCode() : XAException.XA_RBROLLBACK, xid + " was rolled back");
            }
            throw xa(XAException.XAER_NOTA, "no transaction branch " + xid);
        }
        if (b.completion() != null) {
            return sameDecision(b, true);
        }
        return inFlight(b, true, onePhase ? commitOnePhase(b) : commitTwoPhase(b));
    }

    /**
     * A commit or rollback asked again while the first one's store write is in flight (the
     * transaction manager's request timed out and it retried): the same decision gets the first
     * one's outcome, the other decision XAER_PROTO, and neither is written twice.
     */
    private CompletableFuture<Void> sameDecision(XaBranch b, boolean commit) {
        if (b.completingCommit() != commit) {
            throw xa(XAException.XAER_PROTO, (commit ? "commit" : "rollback") + " of " + b.xid() + " while its "
                    + (commit ? "rollback" : "commit") + " is in progress");
        }
        return b.completion().copy();
    }

    private static CompletableFuture<Void> inFlight(XaBranch b, boolean commit, CompletableFuture<Void> outcome) {
        if (!outcome.isDone()) {
            b.completing(outcome, commit);
            outcome.whenComplete((ok, failure) -> b.completing(null, false));
        }
        return outcome;
    }

    private CompletableFuture<Void> commitOnePhase(XaBranch b) {
        checkIdle(b, "one-phase commit");
        StoreBatch.Builder batch = new StoreBatch.Builder();
        for (PendingSend p : b.sends()) {
            if (p.insert() != null) {
                batch.add(p.insert());
            }
        }
        for (long row : storedRows(b.consumed())) {
            batch.add(new StoreOperation.DeleteMessage(row));
        }
        batch.add(new StoreOperation.RecordOutcome(b.key(), true, System.currentTimeMillis()));
        return broker.write(batch.build().inLane(b.key().hashCode())).handle((ok, failure) -> {
            if (StoreOutcomeUnknownException.isCause(failure)) {
                throw xa(XAException.XAER_RMFAIL, "the store failed during the commit of " + b.xid() + "; its outcome"
                        + " is unknown until the server that writes next is asked: " + failure.getMessage());
            }
            if (failure != null) {
                finishRollback(b, XAException.XA_RBROLLBACK);
                throw xa(XAException.XA_RBROLLBACK, "the commit of " + b.xid() + " could not be stored and was rolled back: "
                        + failure.getMessage());
            }
            applyCommit(b);
            return null;
        });
    }

    private CompletableFuture<Void> commitTwoPhase(XaBranch b) {
        if (b.state() != XaBranchState.PREPARED) {
            throw xa(XAException.XAER_PROTO, "two-phase commit of " + b.xid() + ", which is not prepared ("
                    + b.state().name().toLowerCase() + ")");
        }
        StoreBatch batch = StoreBatch.of(new StoreOperation.CommitBranch(b.key(), storedRows(b.consumed())),
                new StoreOperation.RecordOutcome(b.key(), true, System.currentTimeMillis()));
        return broker.write(batch.inLane(b.key().hashCode())).handle((ok, failure) -> {
            if (failure != null) {
                throw xa(XAException.XAER_RMFAIL, "the commit of " + b.xid() + " could not be stored; it stays prepared: "
                        + failure.getMessage());
            }
            applyCommit(b);
            return null;
        });
    }

    private void applyCommit(XaBranch b) {
        b.moveTo(XaBranchState.COMMITTED);
        branches.remove(b.xid());
        outcomes.committed(b.xid());
        broker.settlement().acknowledge(b.consumed(), new StoreBatch.Builder());
        long now = System.currentTimeMillis();
        Set<MessageQueue> touched = new LinkedHashSet<>();
        for (PendingSend p : b.sends()) {
            if (p.arrive(broker.memory(), now)) {
                touched.add(p.queue());
            }
        }
        broker.dispatch(touched);
    }

    /**
     * Rolls a branch back. A rollback of a branch that already rolled back succeeds.
     *
     * @throws BrokerException XAER_NOTA, XAER_PROTO (a session is still associated),
     *         XAER_RMFAIL (the store failed; a prepared branch stays prepared)
     */
    public CompletableFuture<Void> rollback(XidValue xid) {
        XaBranch b = branches.get(xid);
        if (b == null) {
            XaOutcomes.Outcome o = outcomes.of(xid);
            if (o != null && !o.committed()) {
                return CompletableFuture.completedFuture(null);
            }
            throw xa(XAException.XAER_NOTA, o != null ? xid + " was committed; it cannot be rolled back"
                    : "no transaction branch " + xid);
        }
        if (b.completion() != null) {
            return sameDecision(b, false);
        }
        if (!b.active().isEmpty()) {
            throw xa(XAException.XAER_PROTO, "rollback of " + xid + " while a session is still associated; call end first");
        }
        if (b.state() != XaBranchState.PREPARED) {
            finishRollback(b, b.rollbackCode() != 0 ? b.rollbackCode() : XAException.XA_RBROLLBACK);
            return CompletableFuture.completedFuture(null);
        }
        StoreBatch batch = StoreBatch.of(new StoreOperation.RollbackBranch(b.key()),
                new StoreOperation.RecordOutcome(b.key(), false, System.currentTimeMillis()));
        return inFlight(b, false, broker.write(batch.inLane(b.key().hashCode())).handle((ok, failure) -> {
            if (failure != null) {
                throw xa(XAException.XAER_RMFAIL, "the rollback of " + xid + " could not be stored; it stays prepared: "
                        + failure.getMessage());
            }
            finishRollback(b, XAException.XA_RBROLLBACK);
            return null;
        }));
    }

    /**
     * Undoes the branch's work in memory and forgets the branch. A rollback-only branch was undone
     * when it was marked, but an associated session may have sent into it since.
     */
    private void finishRollback(XaBranch b, int code) {
        undo(b);
        b.moveTo(XaBranchState.ROLLED_BACK);
        branches.remove(b.xid());
        outcomes.rolledBack(b.xid(), code);
        for (ServerSession s : new ArrayList<>(b.suspended())) {
            s.associate(null);
        }
    }

    /** Consumed messages go back to their queues; sent ones are dropped. */
    private void undo(XaBranch b) {
        giveBack(new ArrayList<>(b.consumed()));
        b.consumed().clear();
        for (PendingSend p : b.sends()) {
            p.drop(broker.memory());
        }
        b.sends().clear();
    }

    private void giveBack(List<Outstanding> consumed) {
        if (consumed.isEmpty()) {
            return;
        }
        StoreBatch.Builder batch = new StoreBatch.Builder();
        Set<MessageQueue> touched = broker.settlement().giveBack(consumed, null, batch);
        broker.dispatch(touched);
        broker.write(batch.build());
    }

    /** @return the Xids of every prepared branch */
    public List<XidValue> recover(int flags) {
        int allowed = XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN;
        if ((flags & ~allowed) != 0) {
            throw xa(XAException.XAER_INVAL, "recover takes TMSTARTRSCAN, TMENDRSCAN or TMNOFLAGS, not " + flags);
        }
        List<XidValue> prepared = new ArrayList<>();
        for (XaBranch b : branches.values()) {
            if (b.state() == XaBranchState.PREPARED) {
                prepared.add(b.xid());
            }
        }
        return prepared;
    }

    /** Tandem never completes a branch heuristically, so there is never anything to forget. */
    public void forget(XidValue xid) {
        XaBranch b = existing(xid);
        throw xa(XAException.XAER_PROTO, b.xid() + " was not completed heuristically; nothing to forget");
    }

    /** Branches still open (associated or ended, not prepared): a switchover waits for them. */
    public int unprepared() {
        int n = 0;
        for (XaBranch b : branches.values()) {
            if (b.state() == XaBranchState.ACTIVE || b.state() == XaBranchState.IDLE) {
                n++;
            }
        }
        return n;
    }

    // ---- timeouts ----

    private void expire() {
        long now = System.currentTimeMillis();
        for (XaBranch b : new ArrayList<>(branches.values())) {
            XaBranchState s = b.state();
            // a branch whose one-phase commit is being stored is past its timeout's reach
            if ((s == XaBranchState.ACTIVE || s == XaBranchState.IDLE) && b.completion() == null && b.deadline() > 0
                    && now > b.deadline()) {
                LOG.log(Level.INFO, "transaction branch {0} timed out; rolled back", b.xid());
                rollbackOnly(b, XAException.XA_RBTIMEOUT);
            } else if (s == XaBranchState.ROLLBACK_ONLY && !b.hasAssociations()
                    && now - b.idleSince() > defaultTimeoutMillis) {
                finishRollback(b, b.rollbackCode());
            }
        }
    }

    // ---- recovery at start-up ----

    @Override
    public void outcome(String txKey, boolean committed, long completedAt) {
        XidValue xid = xidOf(txKey);
        if (xid == null) {
            return;
        }
        if (committed) {
            outcomes.committed(xid);
        } else {
            outcomes.rolledBack(xid, XAException.XA_RBROLLBACK);
        }
    }

    @Override
    public void preparedBranch(String txKey, long preparedAt, List<Long> consumedRowIds) {
        XidValue xid = xidOf(txKey);
        if (xid == null) {
            LOG.log(Level.WARNING, "prepared branch {0} has a key this broker cannot read; ignored", txKey);
            return;
        }
        XaBranch b = new XaBranch(xid, XaBranchState.PREPARED, 0, this::sessionLost);
        branches.put(xid, b);
        consumedRowIds.forEach(row -> recoveredConsumedRows.put(row, b));
    }

    @Override
    public boolean adopt(MessageRef ref, MessageQueue queue, String txKey) {
        if (txKey != null) {
            XidValue xid = xidOf(txKey);
            XaBranch b = xid == null ? null : branches.get(xid);
            if (b == null) {
                return false;
            }
            queue.expectArrival(ref);
            b.addSends(List.of(new PendingSend(queue, ref, null)));
            return true;
        }
        XaBranch holder = recoveredConsumedRows.remove(ref.id());
        if (holder == null) {
            return false;
        }
        queue.holdInDelivery();
        holder.addConsumed(List.of(new Outstanding(0, ref, queue, null)));
        return true;
    }

    private static XidValue xidOf(String txKey) {
        if (!txKey.startsWith("xa:")) {
            return null;
        }
        try {
            return XidValue.fromKey(txKey.substring(3));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
