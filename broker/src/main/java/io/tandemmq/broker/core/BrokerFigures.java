package io.tandemmq.broker.core;

import java.util.List;

/**
 * What an active broker holds at one moment: its destinations with their counts, its clients and
 * its message memory. Taken on the core thread ({@link Broker#figures()}), read anywhere.
 *
 * @param memoryUsed bytes of message bodies held in memory
 * @param memoryLimit {@code --max-memory}
 */
public record BrokerFigures(List<Destination> destinations, int connections, int sessions, long memoryUsed,
                           long memoryLimit) {
    public BrokerFigures {
        destinations = List.copyOf(destinations);
    }

    /** A passive server's: nothing is loaded. */
    public static final BrokerFigures EMPTY = new BrokerFigures(List.of(), 0, 0, 0, 0);

    /**
     * One queue or topic (a topic's counts add up its subscriptions; its consumers are its subscribers).
     *
     * @param kind {@code queue} or {@code topic}
     */
    public record Destination(String kind, String name, QueueCounts counts) {
    }
}
