package io.tandemmq.broker.net;

import io.tandemmq.broker.admin.AdminAction;
import io.tandemmq.broker.admin.AdminRequests;
import io.tandemmq.broker.admin.DestinationAdmin;
import io.tandemmq.broker.core.BrokerException;
import io.tandemmq.broker.core.ServerConnection;
import io.tandemmq.broker.security.Permission;
import io.tandemmq.protocol.Ack;
import io.tandemmq.protocol.AdminRequest;
import io.tandemmq.protocol.BoundObject;
import io.tandemmq.protocol.Browse;
import io.tandemmq.protocol.Commit;
import io.tandemmq.protocol.ConsumerClose;
import io.tandemmq.protocol.ConsumerOpen;
import io.tandemmq.protocol.Credit;
import io.tandemmq.protocol.DestinationInfo;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.IdRef;
import io.tandemmq.protocol.MalformedFrameException;
import io.tandemmq.protocol.NameRef;
import io.tandemmq.protocol.Send;
import io.tandemmq.protocol.SessionOpen;
import io.tandemmq.protocol.TextLines;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.XaCompletion;
import io.tandemmq.protocol.XaEnd;
import io.tandemmq.protocol.XaStart;
import io.tandemmq.protocol.XidList;
import io.tandemmq.broker.tx.XaBranches;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Decodes one request, calls the core for it and writes exactly one response. Runs on the core
 * thread. A payload that does not decode is a protocol error: the client is told and disconnected.
 */
final class RequestDispatcher {
    private static final Logger LOG = System.getLogger(RequestDispatcher.class.getName());
    private static final CompletableFuture<byte[]> DONE = CompletableFuture.completedFuture(null);

    private final DestinationAdmin admin;
    private final XaBranches xa;
    private final AdminRequests adminRequests;

    RequestDispatcher(DestinationAdmin admin, XaBranches xa, AdminRequests adminRequests) {
        this.admin = admin;
        this.xa = xa;
        this.adminRequests = adminRequests;
    }

    /** @throws MalformedFrameException when the payload does not decode; nothing was changed then */
    void dispatch(ServerConnection c, Frame frame, ClientChannel channel) {
        CompletableFuture<byte[]> reply;
        try {
            reply = handle(c, frame);
        } catch (BrokerException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        if (!frame.type().isRequest()) {
            return;
        }
        reply.whenComplete((payload, failure) -> {
            if (failure == null) {
                channel.send(Frame.of(io.tandemmq.protocol.FrameType.OK, frame.correlationId(), payload));
            } else {
                channel.send(errorFrame(frame, failure));
            }
        });
    }

    private CompletableFuture<byte[]> handle(ServerConnection c, Frame frame) {
        WireReader in = frame.reader();
        switch (frame.type()) {
            case SET_CLIENT_ID: {
                NameRef name = NameRef.read(in);
                in.expectEnd();
                c.setClientId(name.name());
                return DONE;
            }
            case CREATE_SESSION: {
                SessionOpen open = SessionOpen.read(in);
                in.expectEnd();
                c.createSession(open);
                return DONE;
            }
            case CLOSE_SESSION:
                return c.closeSession(ack(in));
            case CREATE_CONSUMER: {
                ConsumerOpen open = ConsumerOpen.read(in);
                in.expectEnd();
                return c.createConsumer(open);
            }
            case CLOSE_CONSUMER: {
                ConsumerClose close = ConsumerClose.read(in);
                in.expectEnd();
                return c.closeConsumer(close);
            }
            case CREDIT: {
                Credit credit = Credit.read(in);
                in.expectEnd();
                c.credit(credit);
                return DONE;
            }
            case PULL: {
                IdRef consumer = IdRef.read(in);
                in.expectEnd();
                c.pull(consumer);
                return DONE;
            }
            case SEND: {
                Send send = Send.read(in);
                in.expectEnd();
                return c.send(send.sessionId(), send.message(), frame.encodedSize(), send.resend());
            }
            case ACK:
                return c.acknowledge(ack(in));
            case RECOVER:
                return c.recover(ack(in));
            case EXPIRED:
                c.expired(ack(in));
                return DONE;
            case RELEASE:
                c.release(ack(in));
                return DONE;
            case COMMIT: {
                Commit commit = Commit.read(in);
                in.expectEnd();
                return c.commit(commit);
            }
            case TX_OUTCOME: {
                NameRef tx = NameRef.read(in);
                in.expectEnd();
                return CompletableFuture.completedFuture(c.transactionOutcome(tx.name()));
            }
            case ROLLBACK:
                return c.rollback(ack(in));
            case CREATE_TEMP_DESTINATION:
                return CompletableFuture.completedFuture(c.createTemporary(destination(in)));
            case DELETE_TEMP_DESTINATION:
                c.deleteTemporary(destination(in));
                return DONE;
            case UNSUBSCRIBE: {
                NameRef name = NameRef.read(in);
                in.expectEnd();
                return c.unsubscribe(name.name());
            }
            case BROWSE: {
                Browse browse = Browse.read(in);
                in.expectEnd();
                return CompletableFuture.completedFuture(c.browse(browse));
            }
            case CHECK_DESTINATION:
                c.checkDestination(destination(in));
                return DONE;
            case CREATE_DESTINATION: {
                DestinationRef d = destination(in);
                c.authorize(Permission.ADMIN, d);
                admin.create(d);
                return DONE;
            }
            case DELETE_DESTINATION: {
                DestinationRef d = destination(in);
                c.authorize(Permission.ADMIN, d);
                return admin.delete(d).thenApply(ok -> null);
            }
            case LIST_DESTINATIONS:
                in.expectEnd();
                c.authorizeAnywhere(Permission.ADMIN);
                return CompletableFuture.completedFuture(DestinationInfo.encodeList(admin.list()));
            case ADMIN: {
                AdminRequest request = AdminRequest.read(in);
                in.expectEnd();
                AdminAction action = adminAction(c, request);
                if (action.changesSomething()) {
                    // an operator's change is worth a line: who did what (records hide passwords)
                    LOG.log(Level.INFO, "admin request from {0}: {1}", c.principal() == null ? "a client (security off)"
                            : "user '" + c.principal() + "'", action);
                }
                return adminRequests.run(action).thenApply(lines -> new TextLines(lines).encode());
            }
            case LOOKUP: {
                NameRef name = NameRef.read(in);
                in.expectEnd();
                // any authenticated connection may look names up, as it may read the JNDI properties
                return adminRequests.lookup(name.name()).thenApply(found -> found
                        .map(b -> new BoundObject(b.kind(), b.target()).encode())
                        .orElseThrow(() -> new BrokerException(ErrorCode.NOT_FOUND,
                                "the JNDI name '" + name.name() + "' is not bound")));
            }
            case XA_START: {
                XaStart start = XaStart.read(in);
                in.expectEnd();
                xa.start(c.sessionById(start.sessionId()), start.xid(), start.flags(), start.timeoutSeconds());
                return DONE;
            }
            case XA_END: {
                XaEnd end = XaEnd.read(in);
                in.expectEnd();
                xa.end(c.sessionById(end.sessionId()), end.xid(), end.flags(), end.consumedDeliveryIds());
                return DONE;
            }
            case XA_PREPARE:
                c.authorizeBranchCompletion();
                return xa.prepare(completion(in).xid()).thenApply(vote -> new IdRef(vote).encode());
            case XA_COMMIT: {
                c.authorizeBranchCompletion();
                XaCompletion commit = completion(in);
                return xa.commit(commit.xid(), commit.onePhase()).thenApply(ok -> null);
            }
            case XA_ROLLBACK:
                c.authorizeBranchCompletion();
                return xa.rollback(completion(in).xid()).thenApply(ok -> null);
            case XA_FORGET:
                c.authorizeBranchCompletion();
                xa.forget(completion(in).xid());
                return DONE;
            case XA_RECOVER: {
                c.authorizeBranchCompletion();
                IdRef flags = IdRef.read(in);
                in.expectEnd();
                return CompletableFuture.completedFuture(new XidList(xa.recover((int) flags.id())).encode());
            }
            default:
                throw new MalformedFrameException("frame type " + frame.type() + " is not a request a client may send");
        }
    }

    /**
     * Parses and authorizes an admin request: a destination action (create, delete, purge, move)
     * needs {@code admin} on the destinations it touches, {@code queue stat} and {@code connections}
     * {@code monitor} or {@code admin} anywhere, every other action {@code admin} on any
     * destination (an administrator).
     *
     * @throws BrokerException GENERAL for words that do not parse, SECURITY when not allowed
     */
    private static AdminAction adminAction(ServerConnection c, AdminRequest request) {
        AdminAction action;
        try {
            action = AdminAction.parse(request.words());
        } catch (IllegalArgumentException e) {
            throw new BrokerException(ErrorCode.GENERAL, e.getMessage());
        }
        if (action instanceof AdminAction.CreateDestination create) {
            c.authorize(Permission.ADMIN, create.destination());
        } else if (action instanceof AdminAction.DeleteDestination delete) {
            c.authorize(Permission.ADMIN, delete.destination());
        } else if (action instanceof AdminAction.PurgeQueue purge) {
            c.authorize(Permission.ADMIN, DestinationRef.queue(purge.name()));
        } else if (action instanceof AdminAction.MoveMessages move) {
            c.authorize(Permission.ADMIN, DestinationRef.queue(move.from()));
            c.authorize(Permission.ADMIN, DestinationRef.queue(move.to()));
        } else if (action instanceof AdminAction.QueueStat || action instanceof AdminAction.ListConnections) {
            // reading figures: what the monitor permission is for
            if (!c.mayAnywhere(Permission.MONITOR)) {
                c.authorizeAnywhere(Permission.ADMIN);
            }
        } else {
            c.authorizeAnywhere(Permission.ADMIN);
        }
        return action;
    }

    private static XaCompletion completion(WireReader in) {
        XaCompletion c = XaCompletion.read(in);
        in.expectEnd();
        return c;
    }

    private static Ack ack(WireReader in) {
        Ack ack = Ack.read(in);
        in.expectEnd();
        return ack;
    }

    private static DestinationRef destination(WireReader in) {
        DestinationRef d = DestinationRef.read(in);
        in.expectEnd();
        return d;
    }

    private static boolean isXa(Frame request) {
        return request.type().name().startsWith("XA_");
    }

    private static Frame errorFrame(Frame request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof BrokerException be) {
            if (be.code() == ErrorCode.XA) {
                return Frame.xaError(request.correlationId(), be.detail(), be.getMessage());
            }
            if (isXa(request) && be.code() == ErrorCode.SECURITY) {
                // not permitted: an error of the resource manager, which a transaction manager reports and retries
                return Frame.xaError(request.correlationId(), javax.transaction.xa.XAException.XAER_RMERR, be.getMessage());
            }
            if (isXa(request)) {
                // a refusal such as an unknown session becomes a protocol error of the XA call
                return Frame.xaError(request.correlationId(), javax.transaction.xa.XAException.XAER_PROTO, be.getMessage());
            }
            return Frame.error(request.correlationId(), be.code(), be.getMessage());
        }
        if (cause instanceof java.util.concurrent.RejectedExecutionException) {
            // the core thread is gone: this server stopped serving (fenced or stopping) while the request was open
            String why = "the server stopped serving while " + request.type() + " was in progress";
            return isXa(request) ? Frame.xaError(request.correlationId(), javax.transaction.xa.XAException.XAER_RMFAIL, why)
                    : Frame.error(request.correlationId(), ErrorCode.NOT_ACTIVE, why);
        }
        if (isXa(request)) {
            LOG.log(Level.ERROR, "request " + request.type() + " failed", cause);
            return Frame.xaError(request.correlationId(), javax.transaction.xa.XAException.XAER_RMERR,
                    "the broker failed: " + cause.getMessage());
        }
        LOG.log(Level.ERROR, "request " + request.type() + " failed", cause);
        return Frame.error(request.correlationId(), ErrorCode.GENERAL, "the broker failed: " + cause.getMessage());
    }
}
