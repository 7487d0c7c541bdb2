package io.tandemmq.client.offline;

import io.tandemmq.client.failover.FailoverEvent;
import io.tandemmq.client.failover.FailoverLink;
import io.tandemmq.client.failover.FailoverListener;
import io.tandemmq.client.failover.Retry;
import io.tandemmq.client.transport.BrokerLink;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.Send;
import io.tandemmq.protocol.WireMessage;

import java.io.Closeable;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Forwards the messages of an {@link OfflineStore} to the server, oldest first, in windows of
 * {@value #WINDOW} sent back to back, whenever the link is connected and messages wait; removes each
 * locally only after the server's OK (one local sync per window). Every message goes out with the resend mark and its client-assigned id, so one forwarded
 * again after a crash between the server's OK and the local removal is dropped by the server's
 * duplicate detection.
 *
 * <p>States: {@code IDLE} (waiting for messages or a server; also after the connection was lost
 * while forwarding), {@code FORWARDING}, {@code BACKING_OFF} (the server refused a message or did
 * not answer: nothing is dropped, the same message is tried again after a growing pause),
 * {@code CLOSED}.
 */
public final class Forwarder implements Closeable, FailoverListener {
    private static final Logger LOG = System.getLogger(Forwarder.class.getName());
    private static final long MIN_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    /** Also checks now and then without a wake-up, so a missed signal costs at most this. */
    private static final long IDLE_CHECK_MILLIS = 1_000;
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Messages sent before waiting for answers: forwarding must outrun a producer that sends one at a time. */
    private static final int WINDOW = 64;

    /** The forwarder's states. */
    public enum State { IDLE, FORWARDING, BACKING_OFF, CLOSED }

    private final OfflineStore store;
    private final FailoverLink link;
    private final long sessionId;
    private final Thread thread;
    private final Object wake = new Object();
    private boolean signalled;
    private volatile State state = State.IDLE;

    private Forwarder(OfflineStore store, FailoverLink link, long sessionId) {
        this.store = store;
        this.link = link;
        this.sessionId = sessionId;
        this.thread = new Thread(this::run, "tandem-forwarder-" + sessionId);
        this.thread.setDaemon(true);
    }

    /**
     * Starts forwarding the store's messages through a session the connection keeps on every
     * server it reaches (non-transacted: the server's duplicate detection applies to it).
     */
    public static Forwarder start(OfflineStore store, FailoverLink link, long sessionId) {
        Forwarder f = new Forwarder(store, link, sessionId);
        store.onStored(f::wakeUp);
        link.addListener(f);
        // what an earlier process left goes out as soon as a server is there
        f.wakeUp();
        f.thread.start();
        return f;
    }

    public State state() {
        return state;
    }

    @Override
    public void onEvent(FailoverEvent event) {
        if (event.type() == FailoverEvent.Type.RECONNECTED) {
            wakeUp();
        }
    }

    private void wakeUp() {
        synchronized (wake) {
            signalled = true;
            wake.notifyAll();
        }
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        while (state != State.CLOSED) {
            pause(state == State.BACKING_OFF ? backoff : IDLE_CHECK_MILLIS, state != State.BACKING_OFF);
            if (state == State.CLOSED || !link.isConnected() || store.waitingMessages() == 0) {
                continue;
            }
            try {
                forwardAll();
                backoff = MIN_BACKOFF_MILLIS;
                moveTo(State.IDLE);
            } catch (ProtocolException | OfflineStoreException | RuntimeException e) {
                if (state == State.CLOSED) {
                    return;
                }
                store.emit(new OfflineEvent(OfflineEvent.Type.FORWARDING_FAILED, store.waitingMessages(), e));
                if (!link.isConnected()) {
                    // the reconnection wakes it up again
                    LOG.log(Level.INFO, "forwarding stored messages stopped, the connection was lost: {0}", e.getMessage());
                    moveTo(State.IDLE);
                    continue;
                }
                LOG.log(Level.WARNING, "forwarding stored messages failed, trying again in {0} ms: {1}", backoff,
                        e.getMessage());
                moveTo(State.BACKING_OFF);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** Waits for a wake-up (when {@code wakeable}) or the time. */
    private void pause(long millis, boolean wakeable) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (wake) {
            long left;
            while (state != State.CLOSED && (!wakeable || !signalled) && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    wake.wait(left);
                } catch (InterruptedException e) {
                    // nobody should: an interrupt would also close the store's files under this thread
                    state = State.CLOSED;
                    return;
                }
            }
            signalled = false;
        }
    }

    private void moveTo(State next) {
        if (state != State.CLOSED) {
            state = next;
        }
    }

    private void forwardAll() throws ProtocolException, OfflineStoreException {
        moveTo(State.FORWARDING);
        int count = 0;
        store.emit(new OfflineEvent(OfflineEvent.Type.FORWARDING_STARTED, store.waitingMessages(), null));
        LOG.log(Level.INFO, "forwarding {0} stored messages from {1}", store.waitingMessages(), store.directory());
        for (List<OfflineEntry> batch = store.waiting(); !batch.isEmpty(); batch = store.waiting()) {
            for (int from = 0; from < batch.size(); from += WINDOW) {
                List<OfflineEntry> window = batch.subList(from, Math.min(batch.size(), from + WINDOW));
                forward(window);
                count += window.size();
            }
        }
        LOG.log(Level.INFO, "forwarded {0} stored messages", count);
        store.emit(new OfflineEvent(OfflineEvent.Type.FORWARDING_FINISHED, count, null));
    }

    /**
     * Sends a window of messages without waiting between them, then removes locally those the
     * server took, up to the first failure. Requests never follow the connection to another
     * server (rule FAIL, tied to this server): after a failover the next attempt starts again at
     * the first message not removed, so none can overtake another; those the old server took are
     * dropped as duplicates.
     */
    private void forward(List<OfflineEntry> window) throws ProtocolException, OfflineStoreException {
        long generation = link.generation();
        if (state == State.CLOSED || !link.isConnected()) {
            throw new ProtocolException(ErrorCode.CONNECTION_LOST, "the connection was lost while forwarding");
        }
        BooleanSupplier sameServer = () -> link.generation() == generation;
        List<CompletableFuture<Frame>> replies = new ArrayList<>(window.size());
        for (OfflineEntry e : window) {
            Send send = new Send(sessionId, WireMessage.decode(store.read(e))).asResend();
            replies.add(link.request(FrameType.SEND, send, Retry.FAIL, sameServer));
        }
        ProtocolException failure = null;
        int taken = 0;
        for (CompletableFuture<Frame> reply : replies) {
            try {
                BrokerLink.await(reply, link.options().requestTimeoutMillis());
                if (failure == null) {
                    taken++;
                }
            } catch (ProtocolException e) {
                failure = failure == null ? e : failure;
            }
        }
        store.forwarded(window.subList(0, taken));
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops forwarding; waits a little for a message in flight to be settled. Idempotent. */
    @Override
    public void close() {
        state = State.CLOSED;
        link.removeListener(this);
        wakeUp();
        try {
            // never interrupt it: an interrupt closes the store's file channels under it
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
