package io.tandemmq.broker.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.tandemmq.broker.config.BrokerConfig;
import io.tandemmq.protocol.FrameDecoder;
import io.tandemmq.protocol.FrameEncoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Listens on the client port and gives every accepted channel its pipeline: TLS first when the
 * port runs TLS, then frames.
 */
public final class BrokerAcceptor implements AutoCloseable {
    private static final FrameEncoder ENCODER = new FrameEncoder();

    private final ServiceState service;
    private final BrokerConfig config;
    private final SslContext tls;
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private Channel serverChannel;

    /** @param tls the client port's TLS context, or null for clear text */
    public BrokerAcceptor(ServiceState service, BrokerConfig config, SslContext tls) {
        this.service = service;
        this.config = config;
        this.tls = tls;
    }

    /**
     * Binds the client port.
     *
     * @return the address actually bound (the port is chosen when configured as 0)
     * @throws InterruptedException when interrupted while binding
     */
    /**
     * @throws IOException one line naming {@code --port} or {@code --host} when the port cannot be bound
     */
    public InetSocketAddress bind(String host, int port) throws IOException {
        int maxFrame = config.maxFrameSize();
        long ping = config.pingIntervalMillis();
        long dead = config.deadPeerMillis();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls-required", new TlsRequired(tls));
                        }
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(dead, ping, 0, TimeUnit.MILLISECONDS))
                                .addLast("decoder", new FrameDecoder(maxFrame))
                                .addLast("encoder", ENCODER)
                                .addLast("client", new ClientChannel(service, maxFrame, ping));
                    }
                });
        serverChannel = ListenFailure.await(b.bind(host, port), "--port", host, port);
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
