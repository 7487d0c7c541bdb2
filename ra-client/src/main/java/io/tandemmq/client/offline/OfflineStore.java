package io.tandemmq.client.offline;

import java.io.Closeable;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection's client-side store: the {@link OfflineLog} plus what sending needs to keep order
 * (how many messages of each producer still wait) and what an application may watch
 * ({@link OfflineStatus}). Thread-safe.
 */
public final class OfflineStore implements OfflineStatus, Closeable {
    private static final Logger LOG = System.getLogger(OfflineStore.class.getName());
    private static final long MIN_SEGMENT = 64 * 1024;
    private static final long MAX_SEGMENT = 16L * 1024 * 1024;

    private final OfflineLog log;
    /** Guarded by itself, as is recoveredLeft. */
    private final Map<String, Integer> waitingByProducer = new HashMap<>();
    /** The newest message an earlier process left; 0 when it left none. */
    private final long lastRecovered;
    private int recoveredLeft;
    private final List<OfflineListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile Runnable onStored = () -> { };

    private OfflineStore(OfflineLog log) {
        this.log = log;
        List<OfflineEntry> left = log.waiting();
        this.lastRecovered = left.isEmpty() ? 0 : left.get(left.size() - 1).sequence();
        this.recoveredLeft = left.size();
    }

    /**
     * Opens the store in a directory, with what an earlier process left in it.
     *
     * @throws OfflineStoreException naming the path (see {@link OfflineLog#open})
     */
    public static OfflineStore open(Path directory, long maxBytes) throws OfflineStoreException {
        // segments small enough that forwarded ones free space early, large enough to be few
        long segment = Math.max(MIN_SEGMENT, Math.min(MAX_SEGMENT, maxBytes / 8));
        return new OfflineStore(OfflineLog.open(directory, maxBytes, segment));
    }

    /** Runs after every message stored (the forwarder wakes up). */
    void onStored(Runnable action) {
        onStored = action;
    }

    /**
     * Whether messages this producer must not overtake wait: its own, or any that an earlier
     * process left (a restarted application's producers are new objects, but the application
     * expects its new messages after its old ones). Its next persistent message then waits behind
     * them in the store.
     */
    public boolean hasWaiting(String producer) {
        synchronized (waitingByProducer) {
            return recoveredLeft > 0 || waitingByProducer.containsKey(producer);
        }
    }

    /**
     * Stores a message; returns once it is on disk.
     *
     * @throws OfflineStoreFullException when the store is full (nothing written)
     * @throws OfflineStoreException when the disk failed
     */
    public void store(String producer, byte[] message) throws OfflineStoreException {
        // counted before the append: a forwarder finishing in between must not let a newer send overtake
        synchronized (waitingByProducer) {
            waitingByProducer.merge(producer, 1, Integer::sum);
        }
        try {
            log.append(producer, message);
        } catch (OfflineStoreException e) {
            uncount(producer);
            throw e;
        }
        onStored.run();
    }

    List<OfflineEntry> waiting() {
        return log.waiting();
    }

    byte[] read(OfflineEntry entry) throws OfflineStoreException {
        return log.read(entry);
    }

    /** The server has these messages: remove them locally. */
    void forwarded(List<OfflineEntry> entries) throws OfflineStoreException {
        if (entries.isEmpty()) {
            return;
        }
        log.markDone(entries);
        synchronized (waitingByProducer) {
            for (OfflineEntry e : entries) {
                if (e.sequence() <= lastRecovered) {
                    recoveredLeft--;
                } else {
                    uncount(e.producer());
                }
            }
        }
        forwarded.addAndGet(entries.size());
    }

    private void uncount(String producer) {
        synchronized (waitingByProducer) {
            waitingByProducer.computeIfPresent(producer, (p, n) -> n == 1 ? null : n - 1);
        }
    }

    void emit(OfflineEvent event) {
        for (OfflineListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "client persistence listener failed: {0}", e.toString());
            }
        }
    }

    @Override
    public Path directory() {
        return log.directory();
    }

    @Override
    public int waitingMessages() {
        return log.waitingCount();
    }

    @Override
    public long storedBytes() {
        return log.storedBytes();
    }

    @Override
    public long forwardedMessages() {
        return forwarded.get();
    }

    @Override
    public void addListener(OfflineListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(OfflineListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        log.close();
    }
}
