package io.tandemmq.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * One direction of the heartbeat link between two brokers, through the test: a broker's
 * {@code --partner} points here and every connection is forwarded to the partner's peer port.
 * {@link #cut()} closes every forwarded connection and closes new ones at once, so the link is
 * down while both brokers still reach everything else; {@link #restore()} lets connections through
 * again.
 */
final class PeerLinkProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final OpenSockets sockets = new OpenSockets();
    private volatile boolean cut;
    private volatile boolean closed;

    /** Listens on a free port of 127.0.0.1 and forwards to {@code targetPort} there. */
    PeerLinkProxy(String name, int targetPort) throws IOException {
        InetAddress local = InetAddress.getLoopbackAddress();
        this.server = new ServerSocket(0, 50, local);
        this.target = new InetSocketAddress(local, targetPort);
        Thread acceptor = new Thread(this::accept, "peer-proxy-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void cut() {
        cut = true;
        sockets.closeAll();
    }

    void restore() {
        cut = false;
    }

    private void accept() {
        while (!closed) {
            Socket in;
            try {
                in = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                OpenSockets.closeQuietly(in);
                continue;
            }
            Socket out = new Socket();
            try {
                out.connect(target, 1000);
            } catch (IOException e) {
                OpenSockets.closeQuietly(in);
                OpenSockets.closeQuietly(out);
                continue;
            }
            sockets.add(in);
            sockets.add(out);
            if (cut) {
                // cut while connecting
                sockets.closeAll();
                continue;
            }
            pipe(in, out);
            pipe(out, in);
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                int n;
                while ((n = i.read(buf)) >= 0) {
                    o.write(buf, 0, n);
                    o.flush();
                }
            } catch (IOException e) {
                // one side closed or the link was cut
            } finally {
                sockets.close(from);
                sockets.close(to);
            }
        }, "peer-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        OpenSockets.closeQuietly(server);
        sockets.closeAll();
    }
}
