package io.tandemmq.broker.core;

/**
 * Bytes of message bodies the broker may hold in memory. Persistent messages over the budget keep
 * only their headers in memory and read the body from the store at delivery; non-persistent
 * messages over the budget are refused, since they have nowhere else to live.
 */
public final class MemoryBudget {
    private final long limit;
    private long used;

    public MemoryBudget(long limit) {
        this.limit = limit;
    }

    public synchronized boolean tryReserve(long bytes) {
        if (used + bytes > limit) {
            return false;
        }
        used += bytes;
        return true;
    }

    public synchronized void release(long bytes) {
        used = Math.max(0, used - bytes);
    }

    public synchronized long used() {
        return used;
    }

    public long limit() {
        return limit;
    }
}
