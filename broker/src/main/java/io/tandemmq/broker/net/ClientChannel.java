package io.tandemmq.broker.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.tandemmq.broker.core.Broker;
import io.tandemmq.broker.core.BrokerException;
import io.tandemmq.broker.core.ClientLink;
import io.tandemmq.broker.fatal.ProcessHalt;
import io.tandemmq.broker.core.ServerConnection;
import io.tandemmq.broker.security.AccessCheck;
import io.tandemmq.broker.security.LoginRefusedException;
import io.tandemmq.broker.security.Permission;
import io.tandemmq.protocol.Credentials;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.Hello;
import io.tandemmq.protocol.MalformedFrameException;
import io.tandemmq.protocol.NotActive;
import io.tandemmq.protocol.ProtocolVersion;
import io.tandemmq.protocol.Welcome;
import io.tandemmq.protocol.WireReader;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One client's channel: the handshake, pings, and handing requests to the core thread. Its state
 * moves {@code AWAITING_HELLO → AUTHENTICATING → OPEN → CLOSED} and never back; requests before
 * {@code OPEN} are protocol errors (a client waits for WELCOME).
 */
final class ClientChannel extends SimpleChannelInboundHandler<Frame> implements ClientLink {
    private static final Logger LOG = System.getLogger(ClientChannel.class.getName());
    /** How long a server about to take over holds a client's handshake. */
    private static final long HANDSHAKE_HOLD_MILLIS = 1_500;
    private static final long HANDSHAKE_RECHECK_MILLIS = 10;

    private enum State { AWAITING_HELLO, AUTHENTICATING, OPEN, CLOSED }

    private final ServiceState service;
    private final int maxFrameSize;
    private final long pingIntervalMillis;
    private volatile State state = State.AWAITING_HELLO;
    private volatile Broker broker;
    private volatile RequestDispatcher dispatcher;
    private Channel channel;
    private ServerConnection connection;

    ClientChannel(ServiceState service, int maxFrameSize, long pingIntervalMillis) {
        this.service = service;
        this.maxFrameSize = maxFrameSize;
        this.pingIntervalMillis = pingIntervalMillis;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void send(Frame frame) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(frame, ch.voidPromise());
        }
    }

    @Override
    public String remoteAddress() {
        Channel ch = channel;
        return ch == null ? "?" : String.valueOf(ch.remoteAddress());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.type()) {
            case PING -> send(Frame.of(FrameType.PONG, frame.correlationId(), (byte[]) null));
            case PONG -> { }
            case HELLO -> hello(frame);
            case STATUS -> status(frame);
            case SWITCHOVER -> switchover(frame);
            case CLOSE -> close(frame);
            default -> request(frame);
        }
    }

    private void hello(Frame frame) {
        if (state != State.AWAITING_HELLO) {
            protocolError("HELLO sent twice");
            return;
        }
        Hello hello;
        try {
            WireReader in = frame.reader();
            hello = Hello.read(in);
            in.expectEnd();
        } catch (MalformedFrameException e) {
            protocolError(e.getMessage());
            return;
        }
        if (!ProtocolVersion.isSupported(hello.version())) {
            closeWith(Frame.error(frame.correlationId(), ErrorCode.UNSUPPORTED_VERSION, "protocol version "
                    + hello.version() + " is not supported; this broker speaks " + ProtocolVersion.CURRENT));
            return;
        }
        // a client from now on: deactivating closes it. Registered before reading the state, so a
        // deactivation that starts after this read also closes it. Channels that only ask STATUS or
        // SWITCHOVER are not clients: the answer to a switchover must survive the deactivation.
        service.register(channel);
        awaitActive(frame, hello, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_HOLD_MILLIS));
    }

    /**
     * A server about to take over holds the handshake until it is active (up to
     * {@value #HANDSHAKE_HOLD_MILLIS} ms) instead of sending the client into its reconnect back-off
     * with NOT_ACTIVE a moment before it could serve it.
     */
    private void awaitActive(Frame frame, Hello hello, long deadlineNanos) {
        ServiceState.Active active = service.active();
        if (active == null) {
            if (System.nanoTime() < deadlineNanos && service.mayBecomeActive() && channel.isActive()) {
                channel.eventLoop().schedule(() -> awaitActive(frame, hello, deadlineNanos), HANDSHAKE_RECHECK_MILLIS,
                        TimeUnit.MILLISECONDS);
                return;
            }
            closeWith(Frame.of(FrameType.NOT_ACTIVE, frame.correlationId(),
                    new NotActive(service.serverName(), service.activeHint())));
            return;
        }
        broker = active.broker();
        dispatcher = active.dispatcher();
        state = State.AUTHENTICATING;
        // hashing and the store's reads run on the authenticator's threads, not on this event loop
        service.authenticator().authenticate(hello.user(), hello.password(), remoteHost())
                .whenComplete((access, refused) -> {
                    if (refused != null) {
                        closeWith(loginRefusal(frame, refused));
                    } else {
                        broker.core().execute(() -> open(frame, hello, access));
                    }
                });
    }

    private String remoteHost() {
        Channel ch = channel;
        return ch != null && ch.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : remoteAddress();
    }

    /** STATUS works before a handshake and on a passive server: it is how operators find the active one. */
    private void status(Frame frame) {
        ServiceState.RoleOperations roles = service.roles();
        if (roles == null) {
            send(Frame.error(frame.correlationId(), ErrorCode.ILLEGAL_STATE, "this server has no role information"));
            return;
        }
        service.roleExecutor().execute(() -> send(Frame.of(FrameType.OK, frame.correlationId(), roles.status())));
    }

    /**
     * SWITCHOVER changes what every client sees: once the store holds users it needs the
     * credentials of an administrator (a user with {@code admin} on some destination), checked by
     * the authenticator like a handshake's. STATUS stays open: it only reads.
     */
    private void switchover(Frame frame) {
        ServiceState.RoleOperations roles = service.roles();
        if (roles == null) {
            send(Frame.error(frame.correlationId(), ErrorCode.ILLEGAL_STATE, "this server has no partner to switch to"));
            return;
        }
        Credentials credentials;
        try {
            WireReader in = frame.reader();
            credentials = in.remaining() == 0 ? new Credentials(null, null) : Credentials.read(in);
            in.expectEnd();
        } catch (MalformedFrameException e) {
            protocolError("malformed SWITCHOVER: " + e.getMessage());
            return;
        }
        service.authenticator().authenticate(credentials.user(), credentials.password(), remoteHost())
                .whenComplete((access, refused) -> {
                    if (refused != null) {
                        send(loginRefusal(frame, refused));
                    } else if (!access.allowsAnywhere(Permission.ADMIN)) {
                        send(Frame.error(frame.correlationId(), ErrorCode.SECURITY, "user '" + access.principal()
                                + "' has no 'admin' permission; a switchover needs an administrator"));
                    } else {
                        roles.switchover().whenComplete((ok, failure) -> send(failure == null ? Frame.ok(frame.correlationId())
                                : Frame.error(frame.correlationId(), ErrorCode.ILLEGAL_STATE, failure.getMessage())));
                    }
                });
    }

    /** A store that cannot be read is no verdict on the credentials: GENERAL lets the client retry. */
    private static Frame loginRefusal(Frame request, Throwable refused) {
        Throwable cause = refused instanceof CompletionException && refused.getCause() != null ? refused.getCause() : refused;
        ErrorCode code = cause instanceof LoginRefusedException r && !r.isTransient() ? ErrorCode.SECURITY : ErrorCode.GENERAL;
        return Frame.error(request.correlationId(), code, cause.getMessage());
    }

    private void open(Frame frame, Hello hello, AccessCheck access) {
        if (state != State.AUTHENTICATING) {
            return; // closed while authenticating
        }
        String id = UUID.randomUUID().toString();
        ServerConnection c = broker.connect(this, id, access);
        if (hello.clientId() != null) {
            try {
                c.setClientId(hello.clientId());
            } catch (BrokerException e) {
                c.close();
                closeWith(Frame.error(frame.correlationId(), e.code(), e.getMessage()));
                return;
            }
        }
        connection = c;
        state = State.OPEN;
        send(Frame.of(FrameType.WELCOME, frame.correlationId(), new Welcome(ProtocolVersion.CURRENT,
                broker.serverName(), id, pingIntervalMillis, maxFrameSize, broker.resourceManagerId())));
    }

    private void request(Frame frame) {
        if (state != State.OPEN) {
            protocolError(frame.type() + " before the handshake");
            return;
        }
        broker.core().execute(() -> {
            if (connection == null || state != State.OPEN) {
                return;
            }
            try {
                dispatcher.dispatch(connection, frame, this);
            } catch (MalformedFrameException e) {
                protocolError("malformed " + frame.type() + ": " + e.getMessage());
            }
        });
    }

    private void close(Frame frame) {
        Broker b = broker;
        if (b == null) {
            closeWith(Frame.ok(frame.correlationId()));
            return;
        }
        b.core().execute(() -> {
            if (connection != null) {
                connection.close();
            }
            closeWith(Frame.ok(frame.correlationId()));
        });
    }

    private void protocolError(String message) {
        LOG.log(Level.WARNING, "closing {0}: {1}", remoteAddress(), message);
        closeWith(Frame.error(0, ErrorCode.PROTOCOL, message));
    }

    private void closeWith(Frame last) {
        state = State.CLOSED;
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                LOG.log(Level.INFO, "client {0} silent for too long; closing its connection", remoteAddress());
                ctx.close();
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                send(Frame.of(FrameType.PING, 0L, (byte[]) null));
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProcessHalt.haltIfFatal(cause, "the connection of " + remoteAddress());
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof MalformedFrameException) {
            protocolError(c.getMessage());
        } else {
            LOG.log(Level.DEBUG, "connection {0} failed: {1}", remoteAddress(), c.toString());
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        Broker b = broker;
        if (b == null) {
            return;
        }
        b.core().execute(() -> {
            if (connection != null) {
                connection.close();
            }
        });
    }
}
