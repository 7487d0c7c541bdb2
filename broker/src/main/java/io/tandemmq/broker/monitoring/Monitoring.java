package io.tandemmq.broker.monitoring;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.tandemmq.broker.net.ListenFailure;
import io.tandemmq.broker.security.Authenticator;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A server's monitoring: its metrics ({@link BrokerMeters}), its MXBeans, the last minutes'
 * history, and — with {@code --http-port} — the HTTP port serving {@code /metrics},
 * {@code /health}, {@code /api/status} and the console. Figures are refreshed once a second on
 * the {@code tandem-monitor} thread (one short task on the broker's core thread), so that scrapes
 * and page loads never reach into messaging. Failures here are logged and never stop the broker.
 */
public final class Monitoring implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Monitoring.class.getName());
    /** Ten minutes of one-second samples for the console's chart. */
    private static final int HISTORY_POINTS = 600;
    private static final long REFRESH_MILLIS = 1000;
    private static final long SESSION_IDLE_MILLIS = TimeUnit.HOURS.toMillis(8);

    private final MonitoredServer source;
    private final BrokerMeters meters;
    private final JmxBeans jmx;
    private final RecentHistory history = new RecentHistory(HISTORY_POINTS);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-monitor");
        t.setDaemon(true);
        return t;
    });
    private EventLoopGroup httpLoop;
    private Channel httpChannel;

    /** Creates the meters and the MXBeans; nothing runs before {@link #start}. */
    public Monitoring(String serverName, MonitoredServer source) {
        this.source = source;
        this.meters = new BrokerMeters(serverName, source::pair, source::writerBacklog, source::loginRefusals);
        this.jmx = new JmxBeans(serverName);
    }

    /** Store commits and lease renewals are recorded here. */
    public BrokerMeters meters() {
        return meters;
    }

    /**
     * Registers the MXBeans, starts the refresh and, when {@code httpPort >= 0}, the HTTP port.
     *
     * @param httpPort -1: no HTTP port; 0: a free one
     * @return the HTTP port's address, or null without one
     * @throws IOException one line naming {@code --http-port} when the port cannot be bound
     */
    public InetSocketAddress start(String host, int httpPort, Authenticator authenticator) throws IOException {
        jmx.registerServer(source, meters);
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        if (httpPort < 0) {
            return null;
        }
        ConsoleAccess access = new ConsoleAccess(authenticator);
        ConsoleSessions sessions = new ConsoleSessions(SESSION_IDLE_MILLIS, System::currentTimeMillis);
        httpLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(httpLoop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(120))
                                .addLast(new HttpServerCodec(4096, 8192, 8192))
                                .addLast(new HttpObjectAggregator(16 * 1024))
                                .addLast(new HttpRequests(source, meters, history, access, sessions));
                    }
                });
        httpChannel = ListenFailure.await(b.bind(host, httpPort), "--http-port", host, httpPort);
        return (InetSocketAddress) httpChannel.localAddress();
    }

    /** Takes the figures now (also called by the refresh thread every second). */
    void refresh() {
        try {
            var figures = source.brokerFigures();
            meters.update(figures);
            jmx.update(figures);
            history.add(System.currentTimeMillis(), figures);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "monitoring: refreshing the figures failed: {0}", e.toString());
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        if (httpChannel != null) {
            httpChannel.close().awaitUninterruptibly();
        }
        if (httpLoop != null) {
            httpLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        jmx.close();
        meters.close();
    }
}
