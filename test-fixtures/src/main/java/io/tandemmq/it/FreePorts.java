package io.tandemmq.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes a test starts, free when picked. They come from below Linux's ephemeral
 * range (32768 and up): a port the kernel hands out with {@code bind(0)} is also what it gives
 * outgoing connections, so a broker's connection to its store could take a port picked that way
 * before the other broker binds it ("--port ... is already in use").
 */
final class FreePorts {
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private FreePorts() {
    }

    /** @return {@code n} different ports that were free on 127.0.0.1 a moment ago */
    static int[] pick(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = bindSomewhere();
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    private static ServerSocket bindSomewhere() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(false);
                try {
                    s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                    return s;
                } catch (IOException e) {
                    s.close();
                }
            } catch (IOException e) {
                // try another
            }
        }
        throw new IOException("no free port between " + LOW + " and " + HIGH + " after 200 tries");
    }
}
