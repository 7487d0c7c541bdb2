package io.tandemmq.broker.ha;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tandemmq.protocol.FrameDecoder;
import io.tandemmq.protocol.FrameEncoder;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.io.IOException;
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
public final class HeartbeatLink implements AutoCloseable, PartnerLink {
    private static final Logger LOG = System.getLogger(HeartbeatLink.class.getName());
    private static final int MAX_FRAME = 64 * 1024;
    /** A connection that has not finished the secret handshake by then is closed. */
    static final long AUTHENTICATION_TIMEOUT_MILLIS = 5_000;

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
    /** What the receivers of accepted connections report: remembered here, then told to the listener. */
    private final Listener received;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private volatile Heartbeat lastHeartbeat;
    private volatile HeartbeatSender outgoing;
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
        this.received = new Listener() {
            @Override
            public void heartbeat(Heartbeat heartbeat) {
                lastHeartbeat = heartbeat;
                lastHeartbeatNanos = System.nanoTime();
                listener.heartbeat(heartbeat);
            }

            @Override
            public void linkLost() {
                listener.linkLost();
            }
        };
    }

    /**
     * Binds the peer port and starts beating.
     *
     * @throws IOException one line naming {@code --peer-port} when the port cannot be bound
     */
    public InetSocketAddress start() throws IOException {
        io.netty.channel.ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (protection.tls()) {
                            ch.pipeline().addLast(protection.server().newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new FrameDecoder(MAX_FRAME), new FrameEncoder(),
                                new HeartbeatReceiver(challenge, received));
                    }
                }).bind(host, peerPort);
        server = io.tandemmq.broker.net.ListenFailure.await(bound, "--peer-port", host, peerPort);
        LOG.log(Level.INFO, "heartbeat link on {0} protected by {1}", server.localAddress(), protection.describe());
        group.scheduleAtFixedRate(this::beat, 0, intervalMillis, TimeUnit.MILLISECONDS);
        return (InetSocketAddress) server.localAddress();
    }

    private void beat() {
        HeartbeatSender o = outgoing;
        if (o != null && o.isActive()) {
            o.send(mine.get());
        } else if (!connecting) {
            connect();
        }
    }

    private void connect() {
        connecting = true;
        HeartbeatSender handler = new HeartbeatSender(challenge, this::outgoingProblem);
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

    /** @param problem what went wrong on the outgoing connection; null: it works now */
    private void outgoingProblem(String problem) {
        if (problem != null && !problem.equals(lastOutgoingProblem)) {
            LOG.log(Level.WARNING, "heartbeat link to the partner {0}:{1}: {2}", partnerHost,
                    String.valueOf(partnerPort), problem);
        }
        lastOutgoingProblem = problem;
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
        HeartbeatSender o = outgoing;
        if (o != null) {
            o.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** The root cause's message: for TLS, the handshake's reason (an untrusted certificate, ...). */
    static String describe(Throwable cause) {
        Throwable c = cause;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return (cause instanceof io.netty.handler.codec.DecoderException ? "" : cause.getClass().getSimpleName() + ": ")
                + c.getMessage();
    }
}
