package io.tandemmq.client.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops every client connection of this class loader shares. Counted: the threads
 * start with the first connection and stop when the last one closes, so that an application
 * server can unload the client without threads left behind.
 */
final class SharedEventLoop {
    private static EventLoopGroup group;
    private static int users;

    private SharedEventLoop() {
    }

    static synchronized EventLoopGroup acquire() {
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                    new DefaultThreadFactory("tandem-client", true), NioIoHandler.newFactory());
        }
        users++;
        return group;
    }

    static synchronized void release() {
        users--;
        if (users == 0 && group != null) {
            EventLoopGroup g = group;
            group = null;
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
