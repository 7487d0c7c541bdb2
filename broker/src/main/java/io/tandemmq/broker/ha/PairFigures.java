package io.tandemmq.broker.ha;

/**
 * What this server knows of the pair at one moment, for the metrics, {@code /health} and the
 * console. Cheap to take: nothing is read from the store.
 *
 * @param leaseAgeMillis active: since this server last renewed the lease; otherwise the age the
 *        lease had when last read plus the time since; -1 before the first read
 * @param heartbeatAgeMillis since the partner's last heartbeat; -1 without a partner or before the first
 * @param link {@code up}, {@code lost} (closed by the partner's host or silent) or {@code none} (a single server)
 * @param partnerName the partner's name from its heartbeats, null before the first
 * @param partnerRole what its last heartbeat said; {@code unreachable (was ...)} once they stopped
 * @param takeovers how often this server took the lease since it started
 * @param fencings how often it fenced itself
 * @param lastTakeover the latest takeover by this server, or null
 * @param lastFencing why this server last fenced itself, or null
 */
public record PairFigures(String name, ServerRole role, long epoch, String clientUrl, long leaseAgeMillis,
                          boolean leaseFresh, long heartbeatAgeMillis, String link, String partnerName,
                          String partnerRole, String partnerClientUrl, boolean storeHealthy, long takeovers,
                          long fencings, Takeover lastTakeover, String lastFencing) {

    /**
     * @param atMillis wall-clock time the server became active
     * @param millis from the decision to take the lease to serving clients
     * @param why what made this server take over
     */
    public record Takeover(long atMillis, long epoch, long millis, String why) {
    }
}
