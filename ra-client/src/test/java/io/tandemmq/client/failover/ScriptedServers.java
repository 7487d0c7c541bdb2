package io.tandemmq.client.failover;

import io.tandemmq.client.transport.BrokerLink;
import io.tandemmq.client.transport.ClientOptions;
import io.tandemmq.client.transport.LinkListener;
import io.tandemmq.client.transport.LinkOpener;
import io.tandemmq.client.transport.ServerAddress;
import io.tandemmq.client.transport.ServerLink;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.Welcome;
import io.tandemmq.protocol.WirePayload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Servers for {@link FailoverLink} without sockets: each attempt to open a link takes the next
 * scripted answer (a link, or a refusal); with none left, no server is reachable. Requests on a
 * link wait until the test answers them, unless the link answers every request OK by itself.
 */
final class ScriptedServers implements LinkOpener {
    private final Deque<Object> answers = new ArrayDeque<>();
    private final List<Link> opened = new ArrayList<>();
    private int attempts;

    /** The next attempt gets a link to {@code name}; returns it to script its answers. */
    synchronized Link nextLink(String name) {
        Link l = new Link(name);
        answers.add(l);
        return l;
    }

    /** The next attempt is refused with {@code code}. */
    synchronized void nextRefusal(ErrorCode code) {
        answers.add(new ProtocolException(code, "refused: " + code));
    }

    synchronized int attempts() {
        return attempts;
    }

    synchronized List<Link> opened() {
        return List.copyOf(opened);
    }

    @Override
    public synchronized ServerLink open(ClientOptions options, String user, String password, String clientId,
                                        LinkListener listener) throws ProtocolException {
        attempts++;
        Object next = answers.poll();
        if (next instanceof Link l) {
            l.listener = listener;
            opened.add(l);
            return l;
        }
        if (next instanceof ProtocolException e) {
            throw e;
        }
        throw new ProtocolException(ErrorCode.GENERAL, "no server could be reached");
    }

    /** One request as a link saw it. */
    record Request(FrameType type, byte[] payload, CompletableFuture<Frame> reply) {
    }

    /** A link to one scripted server. */
    static final class Link implements ServerLink {
        final String name;
        final List<Request> requests = new ArrayList<>();
        final List<FrameType> oneWays = new ArrayList<>();
        volatile LinkListener listener;
        private volatile boolean open = true;
        private volatile boolean answerAll;
        volatile boolean saidGoodbye;
        volatile boolean closed;

        Link(String name) {
            this.name = name;
        }

        /** Answer every request OK at once (the request list still records them). */
        Link answeringOk() {
            answerAll = true;
            return this;
        }

        /** The connection breaks: pending requests fail CONNECTION_LOST, then the listener hears of it. */
        void lose() {
            open = false;
            failPending();
            listener.onLinkLost(new ProtocolException(ErrorCode.CONNECTION_LOST, name + " went away"));
        }

        private void failPending() {
            for (Request r : snapshot()) {
                r.reply().completeExceptionally(new ProtocolException(ErrorCode.CONNECTION_LOST, name + " went away"));
            }
        }

        synchronized List<Request> snapshot() {
            return List.copyOf(requests);
        }

        /** The requests of one type so far. */
        List<Request> of(FrameType type) {
            return snapshot().stream().filter(r -> r.type() == type).toList();
        }

        /** Waits until the link has seen {@code n} requests, and returns the last. */
        Request awaitRequest(int n) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                List<Request> now = snapshot();
                if (now.size() >= n) {
                    return now.get(n - 1);
                }
                Thread.onSpinWait();
            }
            throw new AssertionError(name + " saw " + snapshot().size() + " requests, expected " + n);
        }

        @Override
        public boolean isOpen() {
            return open && !closed;
        }

        @Override
        public ServerAddress server() {
            return new ServerAddress(name, 1);
        }

        @Override
        public Welcome welcome() {
            return null;
        }

        @Override
        public CompletableFuture<Frame> request(FrameType type, byte[] payload) {
            CompletableFuture<Frame> reply = new CompletableFuture<>();
            // as a real link answers: closed by its owner, or lost
            if (closed) {
                reply.completeExceptionally(new ProtocolException(ErrorCode.GENERAL, "the connection to " + name + " is closed"));
                return reply;
            }
            if (!open) {
                reply.completeExceptionally(new ProtocolException(ErrorCode.CONNECTION_LOST, "the connection to " + name + " is lost"));
                return reply;
            }
            synchronized (this) {
                requests.add(new Request(type, payload, reply));
            }
            if (answerAll) {
                reply.complete(Frame.ok(0));
            }
            return reply;
        }

        @Override
        public Frame call(FrameType type, WirePayload payload) throws ProtocolException {
            return BrokerLink.await(request(type, payload == null ? null : payload.encode()), 5_000);
        }

        @Override
        public synchronized void sendOneWay(FrameType type, WirePayload payload) {
            if (isOpen()) {
                oneWays.add(type);
            }
        }

        @Override
        public void goodbye() {
            saidGoodbye = true;
        }

        @Override
        public void close() {
            closed = true;
            failPendingQuietly();
        }

        private void failPendingQuietly() {
            for (Request r : snapshot()) {
                r.reply().completeExceptionally(new ProtocolException(ErrorCode.GENERAL, "the connection was closed"));
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
