package io.tandemmq.broker.store;

import java.util.Optional;

/**
 * Watches how long the oldest store commit in progress has waited, and says so in one line when
 * it passes a threshold and in one line when commits flow again. A commit can wait without any
 * error: PostgreSQL holds every commit while its synchronous standby is away, by design. Clients'
 * sends and commits wait with it; the operator must learn why from the log, not from a timeout.
 * Not thread-safe: one caller checks it periodically.
 */
public final class SlowCommitAlarm {
    private final long thresholdMillis;
    private boolean raised;
    private long longestMillis;

    public SlowCommitAlarm(long thresholdMillis) {
        this.thresholdMillis = thresholdMillis;
    }

    /**
     * @param waitingMillis how long the oldest commit in progress has waited (0: none is in progress)
     * @return the line to log, when the alarm is raised or cleared by this check
     */
    public Optional<String> check(long waitingMillis) {
        if (!raised && waitingMillis >= thresholdMillis) {
            raised = true;
            longestMillis = waitingMillis;
            return Optional.of("ALARM: a store commit has waited " + waitingMillis + " ms; sends and commits of clients"
                    + " wait with it (on PostgreSQL with synchronous_standby_names set, the primary holds every commit"
                    + " while its synchronous standby is away: check pg_stat_replication)");
        }
        if (raised) {
            longestMillis = Math.max(longestMillis, waitingMillis);
            if (waitingMillis < thresholdMillis) {
                raised = false;
                return Optional.of("store commits flow again; the longest waited " + longestMillis + " ms");
            }
        }
        return Optional.empty();
    }
}
