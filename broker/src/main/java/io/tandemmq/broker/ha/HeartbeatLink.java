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
 */
public final class HeartbeatLink implements AutoCloseable {
    private static final Logger LOG = System.getLogger(HeartbeatLink.class.getName());
    private static final int MAX_FRAME = 64 * 1024;

    /** Receives what the link learns. Called on a Netty thread: never block. */
    public interface Listener {
        void heartbeat(Heartbeat heartbeat);

        /** The partner's incoming connection closed (its process may have died). */
        void linkLost();
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final String host;
    private final int peerPort;
    private final String partnerHost;
    private final int partnerPort;
    private final long intervalMillis;
    private final Supplier<Heartbeat> mine;
    private final Listener listener;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private volatile Heartbeat lastHeartbeat;
    private volatile Channel outgoing;
    private volatile boolean connecting;
    private Channel server;

    public HeartbeatLink(String host, int peerPort, String partnerHost, int partnerPort, long intervalMillis,
                         Supplier<Heartbeat> mine, Listener listener) {
        this.host = host;
        this.peerPort = peerPort;
        this.partnerHost = partnerHost;
        this.partnerPort = partnerPort;
        this.intervalMillis = intervalMillis;
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
                        ch.pipeline().addLast(new FrameDecoder(MAX_FRAME), new FrameEncoder(), new Incoming());
                    }
                }).bind(host, peerPort).sync().channel();
        group.scheduleAtFixedRate(this::beat, 0, intervalMillis, TimeUnit.MILLISECONDS);
        return (InetSocketAddress) server.localAddress();
    }

    private void beat() {
        Channel ch = outgoing;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Frame.oneWay(FrameType.HEARTBEAT, mine.get()), ch.voidPromise());
        } else if (!connecting) {
            connect();
        }
    }

    private void connect() {
        connecting = true;
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(100, intervalMillis * 2))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new FrameEncoder());
                    }
                }).connect(partnerHost, partnerPort).addListener(f -> {
                    connecting = false;
                    if (f.isSuccess()) {
                        outgoing = ((io.netty.channel.ChannelFuture) f).channel();
                    }
                });
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
        Channel ch = outgoing;
        if (ch != null) {
            ch.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** Receives the partner's heartbeats. */
    private final class Incoming extends SimpleChannelInboundHandler<Frame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            if (frame.type() != FrameType.HEARTBEAT) {
                return;
            }
            try {
                Heartbeat hb = Heartbeat.read(frame.reader());
                lastHeartbeat = hb;
                lastHeartbeatNanos = System.nanoTime();
                listener.heartbeat(hb);
            } catch (MalformedFrameException e) {
                LOG.log(Level.WARNING, "malformed heartbeat from {0}: {1}", ctx.channel().remoteAddress(), e.getMessage());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.linkLost();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
