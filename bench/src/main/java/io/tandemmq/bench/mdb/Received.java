package io.tandemmq.bench.mdb;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the MDB consumed in committed transactions since the last {@link #reset}: distinct texts and
 * all deliveries, so that a duplicate shows as the difference. One per deployed application (each
 * war has its own class loader).
 */
final class Received {
    private static final ConcurrentHashMap<String, Boolean> TEXTS = new ConcurrentHashMap<>();
    private static final AtomicLong DELIVERIES = new AtomicLong();
    private static volatile boolean row;

    private Received() {
    }

    static void reset(boolean withRow) {
        TEXTS.clear();
        DELIVERIES.set(0);
        row = withRow;
    }

    /** Whether the MDB writes a database row per message in this run. */
    static boolean withRow() {
        return row;
    }

    static void committed(String text) {
        TEXTS.put(text, Boolean.TRUE);
        DELIVERIES.incrementAndGet();
    }

    /** "distinct deliveries", as the servlet answers. */
    static String counts() {
        return TEXTS.size() + " " + DELIVERIES.get();
    }
}
