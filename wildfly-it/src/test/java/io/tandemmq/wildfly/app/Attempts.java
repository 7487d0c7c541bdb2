package io.tandemmq.wildfly.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How often {@link FailingMdb} saw each text (outside any transaction, so rollbacks keep the count). */
public final class Attempts {
    private static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    private Attempts() {
    }

    static void count(String text) {
        SEEN.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
    }

    static int of(String text) {
        AtomicInteger n = SEEN.get(text);
        return n == null ? 0 : n.get();
    }
}
