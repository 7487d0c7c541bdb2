package io.tandemmq.client.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.ErrorReply;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameDecoder;
import io.tandemmq.protocol.FrameEncoder;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.Hello;
import io.tandemmq.protocol.NotActive;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.ProtocolVersion;
import io.tandemmq.protocol.Welcome;
import io.tandemmq.protocol.WirePayload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TCP connection to one server: the handshake, request/response correlation, pings and
 * dead-peer detection. States: {@code CONNECTING → OPEN → CLOSED}, or {@code → LOST} when the
 * channel breaks; a link is never reopened (the owner makes a new one).
 */
public final class BrokerLink implements ServerLink {
    private static final FrameEncoder ENCODER = new FrameEncoder();

    /** The states of a link; moves only forward. */
    public enum State { CONNECTING, OPEN, CLOSED, LOST }

    private final ClientOptions options;
    private final LinkListener listener;
    private final Map<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final AtomicLong correlation = new AtomicLong();
    private final EventLoopGroup group;
    private volatile State state = State.CONNECTING;
    private volatile Channel channel;
    private volatile Welcome welcome;
    private volatile ServerAddress server;
    /** Set once the owner said goodbye: the broker closing the channel after that is no loss. */
    private volatile boolean closing;
    /** Why the link was lost, for requests made after the loss and for a refused TLS client. */
    private volatile Exception lossCause;
    /** Set when this link gave its share of the event loops back; it must do so exactly once. */
    private final AtomicBoolean loopReleased = new AtomicBoolean();

    private BrokerLink(ClientOptions options, LinkListener listener) {
        this.options = options;
        this.listener = listener;
        this.group = SharedEventLoop.acquire();
    }

    /**
     * Connects to the first server of the list that accepts the handshake.
     *
     * @throws ProtocolException with the broker's code when it refused the handshake (for example
     *         INVALID_CLIENT_ID), or GENERAL when no server could be reached
     */
    public static BrokerLink open(ClientOptions options, String user, String password, String clientId,
                                  LinkListener listener) throws ProtocolException {
        Hello hello = new Hello(ProtocolVersion.CURRENT, user, password, clientId, options.pingIntervalMillis(),
                options.deadPeerMillis());
        List<String> failures = new ArrayList<>();
        SslContext tls = options.tls() == null ? null : ClientTls.context(options.tls());
        for (ServerAddress address : options.servers()) {
            // a fresh link per attempt: a refused attempt leaves its link closed for good
            BrokerLink link = new BrokerLink(options, listener);
            try {
                link.connect(address, hello, tls);
                return link;
            } catch (ProtocolException | RuntimeException e) {
                link.close();
                if (e instanceof ProtocolException pe && pe.code() != ErrorCode.NOT_ACTIVE && pe.code() != ErrorCode.GENERAL
                        && pe.code() != ErrorCode.CONNECTION_LOST) {
                    throw pe;
                }
                failures.add(address + ": " + e.getMessage());
            }
        }
        throw new ProtocolException(ErrorCode.GENERAL, "no server could be reached: " + String.join("; ", failures));
    }

    /** @param tls the TLS context, or null for clear text */
    private void connect(ServerAddress address, Hello hello, SslContext tls) throws ProtocolException {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), address.host(), address.port()));
                        }
                        ch.pipeline()
                                .addLast(new IdleStateHandler(options.deadPeerMillis(), options.pingIntervalMillis(), 0,
                                        TimeUnit.MILLISECONDS))
                                .addLast(new FrameDecoder(options.maxFrameSize()))
                                .addLast(ENCODER)
                                .addLast(new Inbound());
                    }
                });
        ChannelFuture cf = b.connect(address.host(), address.port()).awaitUninterruptibly();
        if (!cf.isSuccess()) {
            throw new ProtocolException(ErrorCode.GENERAL, String.valueOf(cf.cause().getMessage()), cf.cause());
        }
        channel = cf.channel();
        if (tls != null) {
            awaitTlsHandshake(address);
        }
        Frame reply;
        try {
            reply = await(request(FrameType.HELLO, hello), options.connectTimeoutMillis());
        } catch (ProtocolException e) {
            channel.close();
            throw tls != null && lossCause instanceof javax.net.ssl.SSLException refused
                    // TLS 1.3: the server checks the client's certificate after the client's handshake is done
                    ? ClientTls.handshakeFailure(address, refused) : e;
        }
        if (reply.type() == FrameType.NOT_ACTIVE) {
            channel.close();
            NotActive na = NotActive.read(reply.reader());
            throw new ProtocolException(ErrorCode.NOT_ACTIVE, na.serverName() + " is passive"
                    + (na.activeHint() == null ? "" : "; the active server is " + na.activeHint()));
        }
        welcome = Welcome.read(reply.reader());
        server = address;
        state = State.OPEN;
    }

    private void awaitTlsHandshake(ServerAddress address) throws ProtocolException {
        io.netty.util.concurrent.Future<Channel> handshake = channel.pipeline().get(SslHandler.class).handshakeFuture();
        if (!handshake.awaitUninterruptibly(options.connectTimeoutMillis())) {
            channel.close();
            throw new ProtocolException(ErrorCode.GENERAL, "TLS handshake with " + address + " took longer than "
                    + options.connectTimeoutMillis() + " ms");
        }
        if (!handshake.isSuccess()) {
            channel.close();
            throw ClientTls.handshakeFailure(address, handshake.cause());
        }
    }

    /** The largest frame both sides accept: the server's limit from its WELCOME, and ours. */
    private int maxFrameSize() {
        Welcome w = welcome;
        return w == null || w.maxFrameSize() <= 0 ? options.maxFrameSize() : Math.min(w.maxFrameSize(), options.maxFrameSize());
    }

    public State state() {
        return state;
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public Welcome welcome() {
        return welcome;
    }

    @Override
    public ServerAddress server() {
        return server;
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * Sends a request; the future completes with the OK (or WELCOME/NOT_ACTIVE) frame, or
     * exceptionally with {@link ProtocolException} carrying the broker's error code, or with
     * GENERAL when the link is lost or the answer does not come within the request timeout.
     */
    public CompletableFuture<Frame> request(FrameType type, WirePayload payload) {
        return request(type, payload == null ? null : payload.encode());
    }

    @Override
    public CompletableFuture<Frame> request(FrameType type, byte[] payload) {
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        Channel ch = channel;
        if (ch == null || !ch.isActive() || state == State.CLOSED || state == State.LOST) {
            reply.completeExceptionally(state == State.CLOSED
                    ? new ProtocolException(ErrorCode.GENERAL, "the connection to the server is closed")
                    : new ProtocolException(ErrorCode.CONNECTION_LOST, "the connection to the server is lost"
                            + (lossCause == null ? "" : ": " + lossCause.getMessage())));
            return reply;
        }
        int size = Frame.HEADER_SIZE + (payload == null ? 0 : payload.length);
        int max = maxFrameSize();
        if (size > max) {
            // the broker would close the whole connection for it: refuse this one request instead
            reply.completeExceptionally(new ProtocolException(ErrorCode.RESOURCE_ALLOCATION, type + " of " + size
                    + " bytes is larger than the largest frame the server accepts (" + max + " bytes)"));
            return reply;
        }
        long id = correlation.incrementAndGet();
        pending.put(id, reply);
        ch.eventLoop().schedule(() -> {
            CompletableFuture<Frame> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(new ProtocolException(ErrorCode.GENERAL, type + " got no answer within "
                        + options.requestTimeoutMillis() + " ms"));
            }
        }, options.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
        ch.writeAndFlush(Frame.of(type, id, payload)).addListener(f -> {
            if (!f.isSuccess()) {
                CompletableFuture<Frame> p = pending.remove(id);
                if (p != null) {
                    p.completeExceptionally(new ProtocolException(ErrorCode.CONNECTION_LOST, "could not send " + type + ": "
                            + f.cause().getMessage()));
                }
            }
        });
        return reply;
    }

    /** Sends a request and waits for its answer (at most the request timeout). */
    @Override
    public Frame call(FrameType type, WirePayload payload) throws ProtocolException {
        return await(request(type, payload), options.requestTimeoutMillis() + 1000);
    }

    /**
     * Sends CLOSE and waits for its answer. The broker closes the channel after answering; that
     * is the end of the link, not a loss, so the listener is not told. Call {@link #close()} next.
     */
    @Override
    public void goodbye() throws ProtocolException {
        closing = true;
        call(FrameType.CLOSE, null);
    }

    /** Sends a one-way frame (credit). Lost silently if the link is down: the link's loss is reported anyway. */
    @Override
    public void sendOneWay(FrameType type, WirePayload payload) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Frame.oneWay(type, payload), ch.voidPromise());
        }
    }

    /**
     * Waits for a reply.
     *
     * @throws ProtocolException the broker's error, or GENERAL on timeout, interrupt or lost link
     */
    public static Frame await(CompletableFuture<Frame> reply, long timeoutMillis) throws ProtocolException {
        try {
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProtocolException pe) {
                throw pe;
            }
            throw new ProtocolException(ErrorCode.GENERAL, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new ProtocolException(ErrorCode.GENERAL, "no answer from the server within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.GENERAL, "interrupted while waiting for the server");
        }
    }

    /** Closes the channel without telling the broker anything more; pending requests fail. */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        closing = true;
        state = State.CLOSED;
        Channel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        failPending(new ProtocolException(ErrorCode.GENERAL, "the connection was closed"));
        releaseLoop();
    }

    /**
     * Gives this link's share of the shared event loops back, once: {@link #close()} on the
     * caller's thread and {@link #lost} on the event loop can both get here for one link (the
     * broker closes the socket right after answering CLOSE), and a second release would stop the
     * event loops under every other open connection.
     */
    private void releaseLoop() {
        if (loopReleased.compareAndSet(false, true)) {
            SharedEventLoop.release();
        }
    }

    private void failPending(ProtocolException cause) {
        for (Long id : new ArrayList<>(pending.keySet())) {
            CompletableFuture<Frame> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(cause);
            }
        }
    }

    private void lost(Exception cause) {
        if (state == State.CLOSED || state == State.LOST) {
            return;
        }
        boolean wasOpen = state == State.OPEN;
        lossCause = cause;
        state = State.LOST;
        // during the handshake a broker's PROTOCOL error (for example: this port needs TLS) is the answer to HELLO
        boolean refusal = !wasOpen && cause instanceof ProtocolException pe && pe.code() == ErrorCode.PROTOCOL;
        failPending(refusal ? (ProtocolException) cause
                : new ProtocolException(ErrorCode.CONNECTION_LOST, "connection" + (server == null ? "" : " to " + server)
                        + " lost: " + cause.getMessage()));
        if (closing) {
            // the owner is closing this link and releases the event loops in close()
            return;
        }
        releaseLoop();
        if (wasOpen) {
            listener.onLinkLost(cause);
        }
    }

    /** The channel's last handler: answers, one-way frames, pings, failures. */
    private final class Inbound extends SimpleChannelInboundHandler<Frame> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            switch (frame.type()) {
                case PING -> ctx.writeAndFlush(Frame.of(FrameType.PONG, frame.correlationId(), (byte[]) null), ctx.voidPromise());
                case PONG -> { }
                case OK, WELCOME, NOT_ACTIVE -> complete(frame);
                case ERROR -> error(frame);
                default -> {
                    // frames read in the same batch after the link was declared lost belong to a dead server
                    if (state == State.OPEN) {
                        listener.onFrame(frame);
                    }
                }
            }
        }

        private void complete(Frame frame) {
            CompletableFuture<Frame> f = pending.remove(frame.correlationId());
            if (f != null) {
                f.complete(frame);
            }
        }

        private void error(Frame frame) {
            ErrorReply e = ErrorReply.read(frame.reader());
            ProtocolException pe = new ProtocolException(e.code(), e.message(), e.detail());
            CompletableFuture<Frame> f = pending.remove(frame.correlationId());
            if (f != null) {
                f.completeExceptionally(pe);
            } else if (frame.correlationId() == 0) {
                lost(pe);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.READER_IDLE) {
                    lost(new ProtocolException(ErrorCode.GENERAL, "the server was silent for " + options.deadPeerMillis() + " ms"));
                    ctx.close();
                } else if (idle.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(Frame.of(FrameType.PING, 0L, (byte[]) null), ctx.voidPromise());
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            lost(c instanceof Exception e ? e : new RuntimeException(c));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            lost(new ProtocolException(ErrorCode.GENERAL, "the server closed the connection"));
        }
    }
}
