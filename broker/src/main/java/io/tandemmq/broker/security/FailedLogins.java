package io.tandemmq.broker.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Failed logins per client address, to slow down password guessing: each failure in a row makes
 * the refusal wait longer, doubling from {@code firstDelayMillis} up to {@code maxDelayMillis}. A
 * success from the address, or {@code forgetMillis} without a failure, starts the count again.
 * Thread-safe.
 */
final class FailedLogins {
    /** Beyond this many addresses the oldest knowledge is dropped rather than memory exhausted. */
    private static final int MAX_ADDRESSES = 10_000;

    private record Record(int failures, long lastNanos) { }

    private final ConcurrentMap<String, Record> byAddress = new ConcurrentHashMap<>();
    private final long firstDelayMillis;
    private final long maxDelayMillis;
    private final long forgetNanos;

    FailedLogins(long firstDelayMillis, long maxDelayMillis, long forgetMillis) {
        this.firstDelayMillis = firstDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        this.forgetNanos = forgetMillis * 1_000_000L;
    }

    /** Counts a failure from the address; returns how long to wait before refusing it. */
    long failed(String address) {
        long now = System.nanoTime();
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.clear();
        }
        Record r = byAddress.compute(address, (a, old) -> old == null || now - old.lastNanos > forgetNanos
                ? new Record(1, now) : new Record(old.failures + 1, now));
        return delayFor(r.failures);
    }

    long delayFor(int failures) {
        int doublings = Math.min(failures - 1, 30);
        return Math.min(maxDelayMillis, firstDelayMillis << doublings);
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }
}
