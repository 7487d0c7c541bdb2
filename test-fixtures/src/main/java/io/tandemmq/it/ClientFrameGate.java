package io.tandemmq.it;

import io.tandemmq.protocol.FrameType;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay in front of one broker's client port that reads the frames clients send and can
 * stop at a chosen request: the one place a test can make a failover cut exactly the call it
 * means (an XA {@code start}, {@code end}, {@code prepare} or {@code commit} of an application
 * server's transaction), where freezing the broker would catch whichever call came first.
 *
 * <p>After {@link #cutAt} the next client frame of that type, on any connection, either never
 * reaches the broker ({@link Cut#BEFORE_THE_BROKER}) or reaches it and its answer never comes back
 * ({@link Cut#AFTER_THE_BROKER}); from then on that connection is stalled both ways until the
 * broker dies (the test kills it), when the relay closes the client's side too, as a broker's
 * death would. Other connections carry on. Plain TCP only (no TLS).
 */
public final class ClientFrameGate implements AutoCloseable {
    /** Where the cut request stops. */
    public enum Cut {
        /** The broker never sees the request. */
        BEFORE_THE_BROKER,
        /** The broker gets the request and does it; its answer is lost. */
        AFTER_THE_BROKER
    }

    private record Armed(FrameType type, Cut cut, AtomicBoolean taken, CountDownLatch reached) {
        boolean claims(byte[] frame) {
            return frame.length > 0 && (frame[0] & 0xff) == type.code() && taken.compareAndSet(false, true);
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress broker;
    private final OpenSockets sockets = new OpenSockets();
    private volatile Armed armed;
    private volatile boolean closed;

    private ClientFrameGate(String name, int brokerPort) throws IOException {
        InetAddress local = InetAddress.getLoopbackAddress();
        this.server = new ServerSocket(0, 50, local);
        this.broker = new InetSocketAddress(local, brokerPort);
        Thread acceptor = new Thread(this::accept, "frame-gate-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free port of 127.0.0.1 and relays to {@code brokerPort} there. */
    public static ClientFrameGate inFrontOf(String name, int brokerPort) throws IOException {
        return new ClientFrameGate(name, brokerPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next client frame of {@code type} is cut as {@code cut} says (one frame; arming again replaces it). */
    public void cutAt(FrameType type, Cut cut) {
        armed = new Armed(type, cut, new AtomicBoolean(), new CountDownLatch(1));
    }

    /**
     * @return whether the armed frame came within the time (its connection is stalled then)
     * @throws IllegalStateException when nothing is armed
     */
    public boolean awaitCut(Duration timeout) throws InterruptedException {
        Armed a = armed;
        if (a == null) {
            throw new IllegalStateException("no frame is armed: call cutAt first");
        }
        return a.reached().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Socket toBroker = new Socket();
            try {
                toBroker.connect(broker, 1000);
            } catch (IOException e) {
                // the broker is down: the client sees a refused connection's equivalent
                OpenSockets.closeQuietly(client);
                OpenSockets.closeQuietly(toBroker);
                continue;
            }
            sockets.add(client);
            sockets.add(toBroker);
            Relay relay = new Relay(client, toBroker);
            start(relay::clientToBroker, "frame-gate-up");
            start(relay::brokerToClient, "frame-gate-down");
        }
    }

    private static void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** One client connection and its connection to the broker. */
    private final class Relay {
        private final Socket client;
        private final Socket toBroker;
        private volatile boolean stalled;

        Relay(Socket client, Socket toBroker) {
            this.client = client;
            this.toBroker = toBroker;
        }

        /** Frame by frame: a length prefix, then the type byte and the rest. */
        void clientToBroker() {
            try (DataInputStream in = new DataInputStream(client.getInputStream());
                 OutputStream out = toBroker.getOutputStream()) {
                while (true) {
                    int length = in.readInt();
                    byte[] rest = new byte[length];
                    in.readFully(rest);
                    if (stalled) {
                        continue;
                    }
                    Armed a = armed;
                    boolean cutHere = a != null && a.claims(rest);
                    if (cutHere && a.cut() == Cut.BEFORE_THE_BROKER) {
                        stall(a);
                        continue;
                    }
                    out.write(ByteBuffer.allocate(4).putInt(length).array());
                    out.write(rest);
                    out.flush();
                    if (cutHere) {
                        stall(a);
                    }
                }
            } catch (EOFException e) {
                // the client closed
            } catch (IOException e) {
                // either side closed
            } finally {
                closeBoth();
            }
        }

        void brokerToClient() {
            byte[] buf = new byte[8192];
            try (InputStream in = toBroker.getInputStream(); OutputStream out = client.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!stalled) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                // the broker's end closed (it died): the client's connection ends with it
                closeBoth();
            }
        }

        private void stall(Armed a) {
            stalled = true;
            a.reached().countDown();
        }

        private void closeBoth() {
            sockets.close(client);
            sockets.close(toBroker);
        }
    }

    @Override
    public void close() {
        closed = true;
        OpenSockets.closeQuietly(server);
        sockets.closeAll();
    }
}
