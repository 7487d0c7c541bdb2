package io.tandemmq.broker.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an active broker holds at one moment: its destinations with their counts, its clients and
 * its message memory. Taken on the core thread ({@link Broker#figures()}), read anywhere.
 *
 * @param memoryUsed bytes of message bodies held in memory
 * @param memoryLimit {@code --max-memory}
 */
public record BrokerFigures(List<Destination> destinations, List<Client> clients, int connections, int sessions,
                           long memoryUsed, long memoryLimit) {
    /** At most this many connections are listed (the counts cover all). */
    public static final int LISTED_CLIENTS = 200;

    public BrokerFigures {
        destinations = List.copyOf(destinations);
        clients = List.copyOf(clients);
    }

    /** A passive server's: nothing is loaded. */
    public static final BrokerFigures EMPTY = new BrokerFigures(List.of(), List.of(), 0, 0, 0, 0);

    /**
     * One client connection.
     *
     * @param user null with security off, {@code anonymous} for a guest
     * @param clientId null when the connection has none
     */
    public record Client(String address, String user, String clientId, int sessions, int consumers) {
    }

    /**
     * One queue or topic (a topic's counts add up its subscriptions; its consumers are its subscribers).
     *
     * @param kind {@code queue} or {@code topic}
     */
    public record Destination(String kind, String name, QueueCounts counts) {
        /** {@code kind:name}, which names a destination across figures taken at different moments. */
        public String key() {
            return BrokerFigures.key(kind, name);
        }
    }

    public static String key(String kind, String name) {
        return kind + ":" + name;
    }

    /** Each destination's counts by {@link Destination#key()}. */
    public Map<String, QueueCounts> countsByKey() {
        Map<String, QueueCounts> byKey = new HashMap<>();
        destinations.forEach(d -> byKey.put(d.key(), d.counts()));
        return byKey;
    }
}
