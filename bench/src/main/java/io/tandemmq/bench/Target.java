package io.tandemmq.bench;

import java.util.concurrent.atomic.AtomicInteger;

/** A running broker setup the JMS scenarios talk to: its name in the report and its client URL. */
record Target(String setup, String url) {
    private static final AtomicInteger QUEUES = new AtomicInteger();

    /** A queue no earlier run used, so that runs do not see each other's messages. */
    static String freshQueue(String scenario) {
        return "bench." + scenario + "." + QUEUES.incrementAndGet();
    }
}
