package io.tandemmq.client;

import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.IdRef;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.WirePayload;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.XaCompletion;
import io.tandemmq.protocol.XaEnd;
import io.tandemmq.protocol.XaStart;
import io.tandemmq.protocol.XidList;
import io.tandemmq.protocol.XidValue;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XA resource of one XA session. Every method is one request to the broker; every failure is
 * an {@link XAException} with a real error code: the broker's code for a refusal (XAER_NOTA,
 * XAER_PROTO, XAER_DUPID, XA_RB*...), {@code XAER_RMFAIL} when the broker cannot be reached or did
 * not answer (the branch's fate is then unknown to this resource; a transaction manager retries or
 * recovers), {@code XAER_INVAL} for a null or oversized Xid.
 *
 * <p>{@link #recover(int)} returns every prepared branch on a scan that starts with
 * {@code TMSTARTRSCAN}, and nothing on the calls that continue it.
 */
public class TandemXAResource implements XAResource {
    private final TandemSession session;
    /** Branches whose association was cut by a failover before they were prepared. */
    private final java.util.Set<XidValue> lostBranches = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile int timeoutSeconds;
    /** The session's link count when the current association started, or -1 when a failover blurred it. */
    private volatile long startedOnLink;

    TandemXAResource(TandemSession session) {
        this.session = session;
    }

    private static XidValue value(Xid xid) throws XAException {
        try {
            return XidValue.of(xid);
        } catch (IllegalArgumentException e) {
            throw error(XAException.XAER_INVAL, e.getMessage());
        }
    }

    static XAException error(int code, String message) {
        XAException e = new XAException(message + " (" + XaCodes.name(code) + ")");
        e.errorCode = code;
        return e;
    }

    private Frame call(FrameType type, WirePayload payload) throws XAException {
        return call(type, payload, () -> true);
    }

    private Frame call(FrameType type, WirePayload payload, java.util.function.BooleanSupplier forThisServer)
            throws XAException {
        TandemConnection connection = session.connection();
        if (connection.isClosed()) {
            throw error(XAException.XAER_RMFAIL, "the connection is closed");
        }
        try {
            return connection.link().call(type, payload, forThisServer);
        } catch (ProtocolException e) {
            if (e.code() == ErrorCode.XA) {
                throw error(e.detail(), e.getMessage());
            }
            if (e.code() == ErrorCode.CONNECTION_LOST) {
                // the branch lived in the lost server's memory: start must be retried, the rest rolls back
                throw error(type == FrameType.XA_START ? XAException.XAER_RMFAIL : XAException.XA_RBCOMMFAIL,
                        type + " was cut off by a failover: " + e.getMessage());
            }
            if (e.code() == ErrorCode.GENERAL || e.code() == ErrorCode.NOT_ACTIVE) {
                XAException x = error(XAException.XAER_RMFAIL, "the broker cannot be reached: " + e.getMessage());
                x.initCause(e);
                throw x;
            }
            throw error(XAException.XAER_RMERR, e.getMessage());
        }
    }

    /**
     * @throws XAException XAER_DUPID, XAER_NOTA, XAER_PROTO, XAER_INVAL, XA_RB*; XAER_RMFAIL when
     *         the broker cannot be reached or the start was cut off by a failover: the branch is
     *         then remembered as lost, and end, prepare and commit of it answer XA_RBCOMMFAIL
     *         (rollback succeeds) unless a later start of the same Xid succeeds
     */
    @Override
    public void start(Xid xid, int flags) throws XAException {
        XidValue x = value(xid);
        long before = session.generation();
        try {
            call(FrameType.XA_START, new XaStart(session.id(), x, flags, timeoutSeconds));
        } catch (XAException e) {
            if (e.errorCode == XAException.XAER_RMFAIL) {
                // the start may have reached a server that is gone, or none: the branch has no work
                // anywhere, so whatever the transaction manager does with it next hears "rolled back"
                lostBranches.add(x);
            }
            throw e;
        }
        lostBranches.remove(x);
        long after = session.generation();
        // a failover around the start leaves unknown which server holds the branch: end treats it as lost
        startedOnLink = before == after ? after : -1;
        session.setXaAssociated(true);
    }

    /**
     * Ends the association; messages consumed since start become part of the branch. The
     * association is over afterwards even when an XA_RB* code says the branch will roll back.
     */
    @Override
    public void end(Xid xid, int flags) throws XAException {
        XidValue x = value(xid);
        boolean wasAssociated = session.isXaAssociated();
        if (!wasAssociated && lostBranches.contains(x)) {
            throw error(XAException.XA_RBCOMMFAIL, "the start of " + x + " failed (cut off by a failover, or no"
                    + " server reached): the branch holds no work and is rolled back");
        }
        if (wasAssociated && startedOnLink != session.generation()) {
            throw lostInFailover(x, startedOnLink == -1);
        }
        DeliveryLedger.Taken consumed = wasAssociated ? session.takeSeenIds()
                : DeliveryLedger.Taken.none(session.generation());
        try {
            // the consumed ids name deliveries of one server: never sent to another
            call(FrameType.XA_END, new XaEnd(session.id(), x, flags, consumed.ids()), session.onServerOf(consumed.generation()));
            session.setXaAssociated(false);
        } catch (XAException e) {
            if (e.errorCode == XAException.XA_RBCOMMFAIL) {
                // end was cut off by a failover: the branch was never prepared, so it is gone
                throw lostInFailover(x, false);
            }
            if (e.errorCode >= XAException.XA_RBBASE && e.errorCode <= XAException.XA_RBEND) {
                session.setXaAssociated(false);
            }
            throw e;
        } finally {
            session.settledIds(consumed);
        }
    }

    /**
     * The branch lived on a server that is gone (or, when {@code maybeHere}, perhaps on this one):
     * the association ends, deliveries this server made to the session since go back to it to be
     * delivered again, and prepare/commit will report the rollback.
     */
    private XAException lostInFailover(XidValue x, boolean maybeHere) {
        lostBranches.add(x);
        session.setXaAssociated(false);
        if (maybeHere) {
            try {
                call(FrameType.XA_END, new XaEnd(session.id(), x, TMFAIL, new long[0]));
                call(FrameType.XA_ROLLBACK, new XaCompletion(x, false));
            } catch (XAException e) {
                // XAER_NOTA: the branch was on the lost server after all
            }
        }
        session.returnUnsettled();
        return error(XAException.XA_RBCOMMFAIL, "the connection failed over while " + x
                + " was active; its work was lost with the old server and it is rolled back");
    }

    /** @return XA_OK, or XA_RDONLY when the branch did nothing (it is complete then) */
    @Override
    public int prepare(Xid xid) throws XAException {
        XidValue x = value(xid);
        if (lostBranches.remove(x)) {
            throw error(XAException.XA_RBCOMMFAIL, x + " was lost in a failover before it was prepared");
        }
        long generation = session.connection().link().connectedGeneration();
        try {
            Frame reply = call(FrameType.XA_PREPARE, new XaCompletion(x, false));
            return (int) IdRef.read(new WireReader(reply.payload())).id();
        } catch (XAException e) {
            if (session.connection().link().connectedGeneration() == generation) {
                throw e;
            }
            // sent again after a failover: "already prepared" means the first one reached the
            // store; an unknown branch means it lived only in the lost server's memory
            if (e.errorCode == XAException.XAER_PROTO) {
                return XA_OK;
            }
            if (e.errorCode == XAException.XAER_NOTA) {
                throw error(XAException.XA_RBCOMMFAIL, x + " was lost in a failover before it was prepared");
            }
            throw e;
        }
    }

    /**
     * A commit of a branch that already committed succeeds.
     *
     * <p>A one-phase commit that ends in a rollback answers {@code XAER_RMERR}, which XA defines for
     * a commit as "the branch's work has been rolled back", rather than an {@code XA_RB*} code: both
     * transaction managers the adapter is deployed in read {@code XAER_RMERR} as a rollback, while
     * Payara's reads {@code XA_RBCOMMFAIL} as "try again later" (a 60 s wait, then a retry of a
     * branch that is gone) and the other {@code XA_RB*} codes as a heuristic hazard. The reason the
     * server gave is kept in the message.
     *
     * <p>A one-phase commit cut off by a failover is asked again of the new server. It knows the
     * outcome of every commit the old server stored (the outcome is stored with the work); when
     * it knows nothing of the branch, the branch lived only in the lost server's memory and was
     * never committed, so the answer is the rollback above, never XAER_NOTA, which Narayana takes
     * for a heuristic hazard.
     *
     * @throws XAException XAER_RMERR (rolled back instead: the branch was lost in a failover, timed
     *         out, was marked rollback-only, or its store write failed); for a two-phase commit
     *         XA_RB* (it was rolled back), XAER_NOTA, XAER_PROTO; XAER_RMFAIL (the outcome is
     *         unknown: no server answered; a prepared branch stays prepared)
     */
    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        XidValue x = value(xid);
        if (lostBranches.remove(x)) {
            throw rolledBack(x + " was lost in a failover before it was prepared");
        }
        long generation = session.connection().link().connectedGeneration();
        try {
            call(FrameType.XA_COMMIT, new XaCompletion(x, onePhase));
        } catch (XAException e) {
            if (!onePhase) {
                throw e;
            }
            if (e.errorCode == XAException.XAER_NOTA && session.connection().link().connectedGeneration() != generation) {
                throw rolledBack("the one-phase commit of " + x + " was cut off by a failover and the new server has"
                        + " no record of it: it was never committed");
            }
            if (e.errorCode >= XAException.XA_RBBASE && e.errorCode <= XAException.XA_RBEND) {
                throw rolledBack(e.getMessage());
            }
            throw e;
        }
    }

    private static XAException rolledBack(String why) {
        return error(XAException.XAER_RMERR, why + "; the branch's work has been rolled back");
    }

    /** A branch lost in a failover before it was prepared is already rolled back: nothing to do. */
    @Override
    public void rollback(Xid xid) throws XAException {
        XidValue x = value(xid);
        if (lostBranches.remove(x)) {
            return;
        }
        call(FrameType.XA_ROLLBACK, new XaCompletion(x, false));
    }

    @Override
    public void forget(Xid xid) throws XAException {
        call(FrameType.XA_FORGET, new XaCompletion(value(xid), false));
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        Frame reply = call(FrameType.XA_RECOVER, new IdRef(flag));
        if ((flag & TMSTARTRSCAN) == 0) {
            return new Xid[0];
        }
        return XidList.read(new WireReader(reply.payload())).xids().toArray(new Xid[0]);
    }

    /** Same resource manager: the same store behind the broker (both servers of a pair share it). */
    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        if (!(other instanceof TandemXAResource t)) {
            return false;
        }
        String mine = resourceManagerId();
        return mine != null && mine.equals(t.resourceManagerId());
    }

    private String resourceManagerId() {
        var welcome = session.connection().link().welcome();
        return welcome == null ? null : welcome.resourceManagerId();
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    /** @return true; 0 restores the broker's default */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw error(XAException.XAER_INVAL, "a transaction timeout must not be negative");
        }
        timeoutSeconds = seconds;
        return true;
    }

    @Override
    public String toString() {
        return "TandemXAResource[session " + session.id() + "]";
    }
}
