package io.tandemmq.client;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * A session's delivery bookkeeping: which deliveries the application has been given and not yet
 * acknowledged ("seen": all of them in CLIENT and transacted mode, the one in hand in AUTO and
 * DUPS_OK mode), which of those are on their way to the broker ("settling"), and which messages
 * must come again marked redelivered.
 *
 * <p>Delivery ids mean something only on the server that gave them. The ledger holds the ids of
 * one link generation ({@link io.tandemmq.client.failover.FailoverLink#generation()}) at a time,
 * and every set of ids it hands out carries that generation, so that a request naming them is
 * never sent to another server. When the generation moves (the server is lost), what was seen or
 * settling is forgotten as ids and remembered as messages that come again.
 *
 * <p>Thread-safe: the application's threads, the session's listener thread, the I/O thread that
 * answers acknowledgements and the failover's thread all use it.
 */
final class DeliveryLedger {

    /** Delivery ids taken from the ledger, and the link generation (the server) they belong to. */
    record Taken(long[] ids, long generation) {
        /** No ids: a request that names no delivery is good for whichever server is current. */
        static Taken none(long generation) {
            return new Taken(new long[0], generation);
        }
    }

    private final LongSupplier currentGeneration;
    private final Map<Long, String> seen = new LinkedHashMap<>();
    private final Map<Long, String> settling = new HashMap<>();
    private final Set<String> redeliveryExpected = new HashSet<>();
    /** The generation of the ids in {@code seen} and {@code settling}. */
    private long generation;
    /** Seen deliveries were forgotten with a lost server since {@link #serverLost} last asked. */
    private boolean lostSeen;

    /** @param currentGeneration the link's generation now */
    DeliveryLedger(LongSupplier currentGeneration) {
        this.currentGeneration = currentGeneration;
        this.generation = currentGeneration.getAsLong();
    }

    /**
     * The application is about to get a delivery (from receive or onMessage): it is now seen.
     *
     * @param arrivedAt the link generation at which the delivery arrived
     * @return false when it came from a server that is gone since: it must not be handed out (the
     *         next server delivers it again)
     */
    synchronized boolean delivered(long arrivedAt, long deliveryId, String messageId) {
        if (arrivedAt != currentGeneration.getAsLong()) {
            return false;
        }
        if (generation != arrivedAt) {
            // the generation moved and serverLost has not run yet: the older ids go now
            forgetIds(arrivedAt);
        }
        seen.put(deliveryId, messageId);
        redeliveryExpected.remove(messageId);
        return true;
    }

    /**
     * A seen delivery goes back to its consumer unread (a {@code receiveBody} that could not return
     * its body in AUTO or DUPS_OK mode): it is no longer seen, and a failover before it is handed
     * out again does not make it a redelivery.
     */
    synchronized void notDelivered(long deliveryId) {
        seen.remove(deliveryId);
    }

    /**
     * Takes the seen deliveries to settle them (acknowledge, commit, return). Until
     * {@link #settled} they count as settling: if the server is lost meanwhile, they come again
     * marked redelivered.
     */
    synchronized Taken take() {
        long[] ids = ids(seen, id -> true);
        settling.putAll(seen);
        seen.clear();
        return tagged(ids);
    }

    /** The seen delivery ids that {@code belongs} picks (a consumer's own), left in the ledger. */
    synchronized Taken peek(LongPredicate belongs) {
        return tagged(ids(seen, belongs));
    }

    /**
     * The request that carried these ids was answered, or failed.
     *
     * @param comeAgain the deliveries were given back (a commit the broker rolled back): they come
     *        again, from whichever server, marked redelivered
     */
    synchronized void settled(Taken taken, boolean comeAgain) {
        if (taken.generation() != generation) {
            // forgotten with their server already, and expected again since
            return;
        }
        for (long deliveryId : taken.ids()) {
            String messageId = settling.remove(deliveryId);
            if (comeAgain && messageId != null) {
                redeliveryExpected.add(messageId);
            }
        }
    }

    /**
     * Whether this message was seen before a failover (or given back by a rolled-back commit) and
     * not acknowledged: then it is a redelivery. Stays true until the application gets it, since a
     * delivery that is buffered and then dropped (its server went away) comes again.
     */
    synchronized boolean expectsRedelivery(String messageId) {
        return redeliveryExpected.contains(messageId);
    }

    /**
     * The server is lost (the link generation moved): what the application saw or was settling
     * comes again, marked redelivered; the ids are forgotten.
     *
     * @return whether seen and unsettled deliveries were forgotten since the last call (a
     *         transaction that consumed them can only roll back)
     */
    synchronized boolean serverLost() {
        forgetIds(currentGeneration.getAsLong());
        boolean lost = lostSeen;
        lostSeen = false;
        return lost;
    }

    private void forgetIds(long newGeneration) {
        lostSeen |= !seen.isEmpty();
        redeliveryExpected.addAll(seen.values());
        redeliveryExpected.addAll(settling.values());
        seen.clear();
        settling.clear();
        generation = newGeneration;
    }

    /** Ids name the ledger's generation; no ids are good for the current one. */
    private Taken tagged(long[] ids) {
        return new Taken(ids, ids.length == 0 ? currentGeneration.getAsLong() : generation);
    }

    private static long[] ids(Map<Long, String> deliveries, LongPredicate belongs) {
        return deliveries.keySet().stream().mapToLong(Long::longValue).filter(belongs).toArray();
    }
}
