package io.tandemmq.it;

import io.tandemmq.protocol.FrameType;

import java.io.DataInputStream;
import java.io.IOException;
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
        /** The broker gets the request and does it; its answer is lost (the cut counts once it came). */
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
     * @return whether the armed request was cut within the time: it came (before the broker), or
     *         the broker's answer to it came and was dropped (after the broker); its connection is
     *         stalled then
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

    /** One client connection and its connection to the broker, relayed frame by frame both ways. */
    private final class Relay {
        private static final long NO_ANSWER = Long.MIN_VALUE;
        private final Socket client;
        private final Socket toBroker;
        /** Set once the armed request came: nothing more is relayed either way. */
        private volatile boolean stalled;
        private volatile Armed cutBy;
        /** The correlation id of a request that reached the broker, until its answer is seen. */
        private volatile long awaitedAnswer = NO_ANSWER;

        Relay(Socket client, Socket toBroker) {
            this.client = client;
            this.toBroker = toBroker;
        }

        void clientToBroker() {
            try (DataInputStream in = new DataInputStream(client.getInputStream());
                 OutputStream out = toBroker.getOutputStream()) {
                while (true) {
                    byte[] frame = readFrame(in);
                    if (stalled) {
                        continue;
                    }
                    Armed a = armed;
                    if (a == null || !a.claims(frame)) {
                        writeFrame(out, frame);
                    } else if (a.cut() == Cut.BEFORE_THE_BROKER) {
                        stall(a);
                        a.reached().countDown();
                    } else {
                        // stalled before the request goes, so that its answer cannot slip through
                        awaitedAnswer = ByteBuffer.wrap(frame, 1, 8).getLong();
                        stall(a);
                        writeFrame(out, frame);
                    }
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                closeBoth();
            }
        }

        void brokerToClient() {
            try (DataInputStream in = new DataInputStream(toBroker.getInputStream());
                 OutputStream out = client.getOutputStream()) {
                while (true) {
                    byte[] frame = readFrame(in);
                    if (!stalled) {
                        writeFrame(out, frame);
                    } else if (awaitedAnswer != NO_ANSWER && ByteBuffer.wrap(frame, 1, 8).getLong() == awaitedAnswer) {
                        // the broker did the request and answered: the answer is what is lost
                        awaitedAnswer = NO_ANSWER;
                        cutBy.reached().countDown();
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
            cutBy = a;
            stalled = true;
        }

        private void closeBoth() {
            sockets.close(client);
            sockets.close(toBroker);
        }
    }

    /** A frame after its length prefix: the type byte, the correlation id (8 bytes), the payload. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return frame;
    }

    private static void writeFrame(OutputStream out, byte[] frame) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(frame.length).array());
        out.write(frame);
        out.flush();
    }

    @Override
    public void close() {
        closed = true;
        OpenSockets.closeQuietly(server);
        sockets.closeAll();
    }
}
