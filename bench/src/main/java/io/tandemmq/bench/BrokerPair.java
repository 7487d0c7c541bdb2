package io.tandemmq.bench;

/**
 * Two brokers sharing a store, and the store server process (null when the store is a PostgreSQL
 * server the benchmark did not start); clients use {@link #url()}, which names both brokers.
 */
record BrokerPair(ChildProcess store, Broker a, Broker b) {

    String url() {
        return a.url() + "," + b.url().substring("tandem://".length());
    }

    /** The broker that said it is active, or null. */
    Broker active() {
        return "active".equals(a.role()) ? a : "active".equals(b.role()) ? b : null;
    }

    Broker other(Broker x) {
        return x == a ? b : a;
    }
}
