package io.tandemmq.broker.monitoring;

import io.tandemmq.broker.core.BrokerFigures;
import io.tandemmq.broker.ha.PairFigures;

/** What the monitoring reads of the server it runs in. Every method is cheap and never throws. */
public interface MonitoredServer {
    /** What the pair node knows now (no store read). */
    PairFigures pair();

    /**
     * The active broker's destinations and clients, taken on its core thread (waiting at most a
     * second for it); {@link BrokerFigures#EMPTY} while not active or when the core is busy.
     */
    BrokerFigures brokerFigures();

    /** Batches waiting for the store writers; 0 while not active. */
    long writerBacklog();

    /** Logins refused since the start. */
    long loginRefusals();
}
