package io.tandemmq.broker.monitoring;

/**
 * One server of the pair as JConsole and application servers' JMX tools see it:
 * {@code io.tandemmq:type=Server,server=NAME}. The same figures as {@code /metrics}.
 */
public interface ServerMXBean {
    String getName();

    /** {@code starting}, {@code passive}, {@code active} or {@code fenced}. */
    String getRole();

    long getEpoch();

    String getClientUrl();

    /** Since the lease was last renewed as this server knows it; -1 before it was first read. */
    long getLeaseAgeMillis();

    /** Since the partner's last heartbeat; -1 without a partner. */
    long getHeartbeatAgeMillis();

    /** {@code up}, {@code lost} or {@code none}. */
    String getHeartbeatLink();

    String getPartnerName();

    String getPartnerRole();

    long getTakeovers();

    long getFencings();

    /** When and why this server last took over, or empty. */
    String getLastTakeover();

    int getConnections();

    int getSessions();

    long getMemoryUsedBytes();

    long getStoreWriterQueue();

    long getStoreCommits();

    double getStoreCommitMeanMillis();

    long getAuthenticationFailures();
}
