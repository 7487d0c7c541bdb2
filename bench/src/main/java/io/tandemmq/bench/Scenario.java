package io.tandemmq.bench;

import java.util.Arrays;
import java.util.Optional;

/** The scenarios, by the names {@code --scenarios} takes. */
enum Scenario {
    SEND("send", "persistent sends, 1 KiB, synchronous, 1, 4 and 16 producers"),
    TRANSACTED("transacted", "one transacted producer committing every 100 messages"),
    NON_PERSISTENT("non-persistent", "non-persistent sends, synchronous, 1 and 4 producers"),
    DRAIN("drain", "draining a persistent backlog, AUTO_ACKNOWLEDGE, 1 and 4 consumers"),
    LATENCY("latency", "persistent round trip, one producer, one consumer: p50 and p99"),
    FAILOVER("failover", "kill -9 of the active server of a pair under load"),
    STORE_FAILOVER("store-failover", "kill -9 of the database primary under a pair, its synchronous standby promoted"
            + " (only when named: starts PostgreSQL servers of its own)"),
    STORE("store", "the store alone: JDBC batch inserts of 1 KiB message rows"),
    OFFLINE("offline", "client-side persistence: sends while no server is reachable, then forwarding to a broker"),
    CONNECT("connect", "createConnection, start, close in a loop on one broker, without security and with a user"),
    BACKLOG("backlog", "a broker with -Xmx256m holding --large-backlog waiting messages: sends into it and drains"
            + " from it against an empty queue and an in-memory drain, runs alternating (only when named)"),
    MONITORING("monitoring", "persistent sends, 4 producers, to a broker without --http-port and to one with it, scraped"
            + " (/metrics) and watched (/api/status) every second, runs alternating"),
    MDB("mdb", "an EJB sending and an MDB consuming, one container-managed XA transaction per message, in WildFly and"
            + " Payara, Tandem's adapter and Artemis's side by side, without and with an XA database row (only when named;"
            + " needs mvn -P artemis,appservers)");

    final String label;
    final String description;

    Scenario(String label, String description) {
        this.label = label;
        this.description = description;
    }

    static Optional<Scenario> named(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    /** Scenarios 1 to 5 run against a broker setup (single or pair); the others bring their own. */
    boolean needsBrokerSetup() {
        return this != FAILOVER && this != STORE_FAILOVER && this != STORE && this != OFFLINE && this != CONNECT
                && this != MONITORING && this != BACKLOG && this != MDB;
    }

    /**
     * Whether a run without --scenarios includes it: not the one that needs PostgreSQL's binaries,
     * nor the one that fills a store with millions of messages, nor the one that needs application servers.
     */
    boolean byDefault() {
        return this != STORE_FAILOVER && this != BACKLOG && this != MDB;
    }
}
