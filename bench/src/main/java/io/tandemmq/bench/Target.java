package io.tandemmq.bench;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.ConnectionFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running broker setup the JMS scenarios talk to: its name in the report and its connection
 * factories. The scenarios see nothing else of it, so that Tandem and Artemis run the same code.
 *
 * @param factory each connection it creates is a connection of its own to the broker
 * @param blockingNonPersistent the same, except that a non-persistent send waits for the broker's
 *        answer as a persistent one does (each client names that option differently)
 */
record Target(String setup, ConnectionFactory factory, ConnectionFactory blockingNonPersistent) {
    private static final AtomicInteger QUEUES = new AtomicInteger();

    /** A Tandem setup reached with this client URL. */
    static Target tandem(String setup, String url) {
        return new Target(setup, new TandemConnectionFactory(url),
                new TandemConnectionFactory(withOption(url, "blockOnNonPersistentSend=true")));
    }

    /** The URL with one more query option. */
    static String withOption(String url, String option) {
        return url + (url.contains("?") ? "&" : "?") + option;
    }

    /** A queue no earlier run used, so that runs do not see each other's messages. */
    static String freshQueue(String scenario) {
        return "bench." + scenario + "." + QUEUES.incrementAndGet();
    }
}
