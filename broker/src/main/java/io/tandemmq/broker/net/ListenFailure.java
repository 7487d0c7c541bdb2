package io.tandemmq.broker.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import java.io.IOException;
import java.net.BindException;

/**
 * Binding a listening port, with a failure that names the option to change. Netty's
 * {@code bind().sync()} rethrows the JDK's checked {@link BindException} undeclared, which reached
 * the operator as "tandem: Address already in use" without the port or the option.
 */
public final class ListenFailure {
    private ListenFailure() {
    }

    /**
     * Waits for the bind and returns the bound channel.
     *
     * @param option the option that gave the port, such as {@code --port}
     * @throws IOException one line: the option, the address, what is wrong and what to do
     */
    public static Channel await(ChannelFuture bind, String option, String host, int port) throws IOException {
        bind.awaitUninterruptibly();
        if (bind.isSuccess()) {
            return bind.channel();
        }
        throw new IOException(describe(option, host, port, bind.cause()), bind.cause());
    }

    static String describe(String option, String host, int port, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof BindException && message.contains("in use")) {
            return option + " " + port + ": " + host + ":" + port + " is already in use (another broker or program"
                    + " listens there): stop it, or give another " + option;
        }
        if (cause instanceof BindException && message.contains("assign")) {
            return "--host " + host + ": not an address of this machine (" + message + "): give one of its"
                    + " addresses, or 0.0.0.0 for all";
        }
        if (cause instanceof BindException && message.contains("ermission")) {
            return option + " " + port + ": not allowed to listen on port " + port + " (" + message
                    + "): ports below 1024 need privileges; give a higher " + option;
        }
        return option + " " + port + ": cannot listen on " + host + ":" + port + ": " + message;
    }
}
