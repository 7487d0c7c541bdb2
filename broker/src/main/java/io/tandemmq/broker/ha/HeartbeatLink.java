package io.tandemmq.broker.ha;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameDecoder;
import io.tandemmq.protocol.FrameEncoder;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.MalformedFrameException;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.WireWriter;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The TCP link between the two servers of a pair. Each server listens on its peer port for the
 * partner's heartbeats and connects to the partner's peer port to send its own, every interval;
 * a broken outgoing connection is reopened at the next beat. What arrives is handed to the
 * listener; a silent or lost partner is noticed by the {@link PairNode} from
 * {@link #millisSinceHeartbeat()} and {@link Listener#linkLost()}.
 *
 * <p>{@link LinkProtection} decides who may send heartbeats: with TLS, only a peer whose
 * certificate the trust store vouches for gets through the handshake; with a shared secret, a
 * connection counts only after the {@link PeerChallenge} exchange, and its heartbeats are sealed.
 * A connection that fails either is closed and logged, and is no news for the role decisions:
 * it neither counts as a heartbeat nor as a lost link.
 */
public final class HeartbeatLink implements AutoCloseable {
    private static final Logger LOG = System.getLogger(HeartbeatLink.class.getName());
    private static final int MAX_FRAME = 64 * 1024;
    /** A connection that has not finished the secret handshake by then is closed. */
    private static final long AUTHENTICATION_TIMEOUT_MILLIS = 5_000;

    /** Receives what the link learns. Called on a Netty thread: never block. */
    public interface Listener {
        void heartbeat(Heartbeat heartbeat);

        /** The partner's incoming connection closed (its process may have died). */
        void linkLost();
    }

    // one thread: the beats, the outgoing connection and the incoming ones never run at once
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final String host;
    private final int peerPort;
    private final String partnerHost;
    private final int partnerPort;
    private final long intervalMillis;
    private final LinkProtection protection;
    private final PeerChallenge challenge;
    private final Supplier<Heartbeat> mine;
    private final Listener listener;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private volatile Heartbeat lastHeartbeat;
    private volatile Outgoing outgoing;
    private volatile boolean connecting;
    /** The last problem of the outgoing side, logged once until it changes (a beat retries every interval). */
    private String lastOutgoingProblem;
    private Channel server;

    public HeartbeatLink(String host, int peerPort, String partnerHost, int partnerPort, long intervalMillis,
                         LinkProtection protection, Supplier<Heartbeat> mine, Listener listener) {
        this.host = host;
        this.peerPort = peerPort;
        this.partnerHost = partnerHost;
        this.partnerPort = partnerPort;
        this.intervalMillis = intervalMillis;
        this.protection = protection;
        this.challenge = protection.secret() == null ? null : new PeerChallenge(protection.secret());
        this.mine = mine;
        this.listener = listener;
    }

    /**
     * Binds the peer port and starts beating.
     *
     * @throws InterruptedException when interrupted while binding
     */
    public InetSocketAddress start() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (protection.tls()) {
                            ch.pipeline().addLast(protection.server().newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new FrameDecoder(MAX_FRAME), new FrameEncoder(), new Incoming());
                    }
                }).bind(host, peerPort).sync().channel();
        LOG.log(Level.INFO, "heartbeat link on {0} protected by {1}", server.localAddress(), protection.describe());
        group.scheduleAtFixedRate(this::beat, 0, intervalMillis, TimeUnit.MILLISECONDS);
        return (InetSocketAddress) server.localAddress();
    }

    private void beat() {
        Outgoing o = outgoing;
        if (o != null && o.isActive()) {
            o.send(mine.get());
        } else if (!connecting) {
            connect();
        }
    }

    private void connect() {
        connecting = true;
        Outgoing handler = new Outgoing();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(100, intervalMillis * 2))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (protection.tls()) {
                            ch.pipeline().addLast(protection.client().newHandler(ch.alloc(), partnerHost, partnerPort));
                        }
                        ch.pipeline().addLast(new FrameDecoder(MAX_FRAME), new FrameEncoder(), handler);
                    }
                }).connect(partnerHost, partnerPort).addListener(f -> {
                    connecting = false;
                    if (f.isSuccess()) {
                        outgoing = handler;
                    }
                });
    }

    private void outgoingProblem(String problem) {
        if (!problem.equals(lastOutgoingProblem)) {
            lastOutgoingProblem = problem;
            LOG.log(Level.WARNING, "heartbeat link to the partner {0}:{1}: {2}", partnerHost,
                    String.valueOf(partnerPort), problem);
        }
    }

    public long millisSinceHeartbeat() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeartbeatNanos);
    }

    /** The partner's last heartbeat, or null before the first. */
    public Heartbeat lastHeartbeat() {
        return lastHeartbeat;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        Outgoing o = outgoing;
        if (o != null) {
            o.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /**
     * Receives the partner's heartbeats on one accepted connection, after the connection proved
     * the shared secret (when there is one).
     */
    private final class Incoming extends SimpleChannelInboundHandler<Frame> {
        private final byte[] nonce = PeerChallenge.nonce();
        private boolean authenticated = challenge == null;
        private HeartbeatSeal seal;
        private boolean heard;
        /** Set when this connection was refused: frames decoded after that are dropped. */
        private boolean refused;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (challenge == null) {
                return;
            }
            // with TLS this waits in the TLS handler until its handshake is done
            ctx.writeAndFlush(Frame.of(FrameType.PEER_CHALLENGE, 0, new WireWriter().writeBytes(nonce).toByteArray()));
            ctx.executor().schedule(() -> {
                if (!authenticated && ctx.channel().isActive()) {
                    refuse(ctx, "it did not prove the shared secret within " + AUTHENTICATION_TIMEOUT_MILLIS + " ms");
                }
            }, AUTHENTICATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            if (refused) {
                return;
            }
            try {
                if (!authenticated) {
                    authenticate(ctx, frame);
                } else if (frame.type() == FrameType.HEARTBEAT) {
                    byte[] payload = seal == null ? frame.payload() : seal.open(frame.correlationId(), frame.payload());
                    WireReader in = new WireReader(payload);
                    Heartbeat hb = Heartbeat.read(in);
                    in.expectEnd();
                    heard = true;
                    lastHeartbeat = hb;
                    lastHeartbeatNanos = System.nanoTime();
                    listener.heartbeat(hb);
                }
            } catch (MalformedFrameException e) {
                refuse(ctx, "malformed " + frame.type() + ": " + e.getMessage());
            }
        }

        private void authenticate(ChannelHandlerContext ctx, Frame frame) {
            if (frame.type() != FrameType.PEER_PROOF) {
                refuse(ctx, "it sent " + frame.type() + " without proving the shared secret (does it have"
                        + " the same --peer-secret-file?)");
                return;
            }
            WireReader in = frame.reader();
            byte[] theirs = in.readBytes();
            byte[] proof = in.readBytes();
            in.expectEnd();
            if (theirs.length != PeerChallenge.NONCE_BYTES || !PeerChallenge.same(challenge.proof(nonce, theirs), proof)) {
                refuse(ctx, "wrong proof of the shared secret (a stranger, or a partner with another --peer-secret-file)");
                return;
            }
            authenticated = true;
            seal = challenge.seal(nonce, theirs);
            ctx.writeAndFlush(Frame.of(FrameType.PEER_ACCEPT, 0,
                    new WireWriter().writeBytes(challenge.acceptance(nonce, theirs)).toByteArray()));
            LOG.log(Level.INFO, "heartbeat link from {0}: the partner proved the shared secret", ctx.channel().remoteAddress());
        }

        private void refuse(ChannelHandlerContext ctx, String why) {
            if (refused) {
                return;
            }
            refused = true;
            LOG.log(Level.WARNING, "heartbeat link: refused {0}: {1}", ctx.channel().remoteAddress(), why);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // only a connection that brought heartbeats is the partner's: a stranger's going away is no news
            if (authenticated && heard) {
                listener.linkLost();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!authenticated || !heard) {
                refuse(ctx, describe(cause));
            } else {
                LOG.log(Level.DEBUG, "heartbeat link from {0} failed: {1}", ctx.channel().remoteAddress(), cause.toString());
                ctx.close();
            }
        }
    }

    /** Sends this server's heartbeats on one connection to the partner, once it may. */
    private final class Outgoing extends SimpleChannelInboundHandler<Frame> {
        private final byte[] nonce = PeerChallenge.nonce();
        private byte[] theirs;
        private boolean ready = challenge == null;
        private HeartbeatSeal seal;
        private Channel channel;
        /** Set when this side gave up the connection: frames decoded after that are dropped. */
        private boolean given;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            if (challenge != null) {
                ctx.executor().schedule(() -> {
                    if (!ready && ctx.channel().isActive()) {
                        give(ctx, "it did not ask for the shared secret within " + AUTHENTICATION_TIMEOUT_MILLIS
                                + " ms (give it --peer-secret-file too)");
                    }
                }, AUTHENTICATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        boolean isActive() {
            Channel ch = channel;
            return ch != null && ch.isActive();
        }

        void send(Heartbeat heartbeat) {
            if (!ready) {
                return;
            }
            if (seal == null) {
                channel.writeAndFlush(Frame.oneWay(FrameType.HEARTBEAT, heartbeat), channel.voidPromise());
            } else {
                long seq = seal.next();
                channel.writeAndFlush(Frame.of(FrameType.HEARTBEAT, seq, seal.seal(seq, heartbeat.encode())),
                        channel.voidPromise());
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            if (given) {
                return;
            }
            try {
                if (challenge == null) {
                    give(ctx, "it sent " + frame.type() + "; it asks for a shared secret this server does not have"
                            + " (give both servers the same --peer-secret-file)");
                } else if (frame.type() == FrameType.PEER_CHALLENGE && theirs == null) {
                    WireReader in = frame.reader();
                    theirs = in.readBytes();
                    in.expectEnd();
                    ctx.writeAndFlush(Frame.of(FrameType.PEER_PROOF, 0, new WireWriter().writeBytes(nonce)
                            .writeBytes(challenge.proof(theirs, nonce)).toByteArray()));
                } else if (frame.type() == FrameType.PEER_ACCEPT && theirs != null && !ready) {
                    WireReader in = frame.reader();
                    byte[] acceptance = in.readBytes();
                    in.expectEnd();
                    if (!PeerChallenge.same(challenge.acceptance(theirs, nonce), acceptance)) {
                        give(ctx, "it does not know the shared secret (a stranger on the partner's port?)");
                        return;
                    }
                    seal = challenge.seal(theirs, nonce);
                    ready = true;
                    lastOutgoingProblem = null;
                    LOG.log(Level.INFO, "heartbeat link to {0}: the partner proved the shared secret", ctx.channel().remoteAddress());
                } else {
                    give(ctx, "unexpected " + frame.type());
                }
            } catch (MalformedFrameException e) {
                give(ctx, "malformed " + frame.type() + ": " + e.getMessage());
            }
        }

        private void give(ChannelHandlerContext ctx, String why) {
            given = true;
            ready = false;
            outgoingProblem(why);
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            give(ctx, describe(cause));
        }

        void close() {
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    /** The root cause's message: for TLS, the handshake's reason (an untrusted certificate, ...). */
    private static String describe(Throwable cause) {
        Throwable c = cause;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return (cause instanceof io.netty.handler.codec.DecoderException ? "" : cause.getClass().getSimpleName() + ": ")
                + c.getMessage();
    }
}
