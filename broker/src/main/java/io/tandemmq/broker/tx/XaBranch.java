package io.tandemmq.broker.tx;

import io.tandemmq.broker.core.Outstanding;
import io.tandemmq.broker.core.PendingSend;
import io.tandemmq.broker.core.ServerSession;
import io.tandemmq.broker.core.TransactionBranch;
import io.tandemmq.protocol.XidValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One XA branch: its state, the sessions associated with it, the messages its sessions sent
 * (enqueued at commit) and the deliveries they consumed (gone for good at commit, back in their
 * queues at rollback).
 */
public final class XaBranch implements TransactionBranch {
    private final XidValue xid;
    private final String key;
    private final long deadline;
    private final Consumer<XaBranch> onSessionLost;
    private final Set<ServerSession> active = new LinkedHashSet<>();
    private final Set<ServerSession> suspended = new LinkedHashSet<>();
    private final List<PendingSend> sends = new ArrayList<>();
    private final List<Outstanding> consumed = new ArrayList<>();
    private XaBranchState state;
    private int rollbackCode;
    private long idleSince;
    /** The store write of a commit or rollback in flight, else null. */
    private CompletableFuture<Void> completion;
    private boolean completingCommit;

    /**
     * @param deadline epoch millis after which an unprepared branch is rolled back; 0 for never
     * @param onSessionLost called when an associated session closes without ending
     */
    XaBranch(XidValue xid, XaBranchState state, long deadline, Consumer<XaBranch> onSessionLost) {
        this.xid = xid;
        this.key = "xa:" + xid.key();
        this.state = state;
        this.deadline = deadline;
        this.onSessionLost = onSessionLost;
    }

    public XidValue xid() {
        return xid;
    }

    /** The branch's key in the store. */
    public String key() {
        return key;
    }

    public XaBranchState state() {
        return state;
    }

    /**
     * @throws IllegalStateException when the move is not allowed: a bug, since every caller
     *         checks the state first and answers the client with an XA error instead
     */
    void moveTo(XaBranchState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException("XA branch " + xid + " cannot move from " + state + " to " + target);
        }
        state = target;
        if (target == XaBranchState.IDLE || target == XaBranchState.ROLLBACK_ONLY) {
            idleSince = System.currentTimeMillis();
        }
    }

    /**
     * The outcome of the commit or rollback whose store write is in flight, so that the transaction
     * manager's retry of the same decision (after its request timed out) waits for it instead of
     * writing it twice; null when none is in flight.
     */
    CompletableFuture<Void> completion() {
        return completion;
    }

    /** Whether the completion in flight is a commit. */
    boolean completingCommit() {
        return completingCommit;
    }

    /** Notes the completion in flight; null when it ended. */
    void completing(CompletableFuture<Void> outcome, boolean commit) {
        this.completion = outcome;
        this.completingCommit = commit;
    }

    /** The XA_RB* code a rollback-only branch reports. */
    int rollbackCode() {
        return rollbackCode;
    }

    void markRollbackOnly(int code) {
        if (state != XaBranchState.ROLLBACK_ONLY) {
            rollbackCode = code;
            moveTo(XaBranchState.ROLLBACK_ONLY);
        }
    }

    long deadline() {
        return deadline;
    }

    long idleSince() {
        return idleSince;
    }

    Set<ServerSession> active() {
        return active;
    }

    Set<ServerSession> suspended() {
        return suspended;
    }

    boolean hasAssociations() {
        return !active.isEmpty() || !suspended.isEmpty();
    }

    List<PendingSend> sends() {
        return sends;
    }

    List<Outstanding> consumed() {
        return consumed;
    }

    /** Whether the branch did nothing (prepare answers XA_RDONLY). */
    boolean isReadOnly() {
        return sends.isEmpty() && consumed.isEmpty();
    }

    @Override
    public void addSends(List<PendingSend> routed) {
        sends.addAll(routed);
    }

    @Override
    public void addConsumed(List<Outstanding> deliveries) {
        consumed.addAll(deliveries);
    }

    @Override
    public void sessionClosed(ServerSession session) {
        active.remove(session);
        suspended.remove(session);
        onSessionLost.accept(this);
    }

    @Override
    public String toString() {
        return "XaBranch[" + xid + " " + state + "]";
    }
}
