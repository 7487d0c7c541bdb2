package io.tandemmq.broker.config;

import java.nio.file.Path;

/**
 * Everything a broker is started with. Immutable; built and validated by {@link BrokerConfigParser}.
 *
 * @param name server name shown in logs and the start-up line
 * @param host address to listen on
 * @param port client port (0 picks a free one)
 * @param dataDir folder for the embedded store and other files
 * @param storeUrl JDBC URL of the store; null means embedded Derby under {@code dataDir}
 * @param storeWriters how many store connections write (commit) at once
 * @param maxFrameSize largest frame accepted from a client, in bytes
 * @param pingIntervalMillis how often the broker pings an idle client
 * @param deadPeerMillis silence after which a client is considered dead
 * @param maxMemoryBytes bytes of message bodies held in memory before bodies are paged out
 * @param queueWindow waiting messages per durable queue or subscription held in memory; stored
 *        messages beyond it wait in the store only and are read back as the window empties
 * @param maxDeliveryAttempts deliveries after which a returned message goes to the dead-letter queue
 * @param deadLetterQueue name of the dead-letter queue
 * @param expiryQueue name of the queue expired messages go to, or null to drop them
 * @param transactionTimeoutMillis how long an XA branch may stay unprepared when its transaction
 *        manager gives no timeout; then it is rolled back
 * @param authCacheMillis how long a password that passed the slow check is accepted again without
 *        it (against the same stored hash; 0: never)
 * @param ha the pair settings
 * @param tls TLS on the client port, or null for clear text
 * @param log where and how much the broker logs
 * @param httpPort the monitoring port ({@code /metrics}, {@code /health}, the console) on {@code host};
 *        -1: none, 0: a free one
 */
public record BrokerConfig(String name, String host, int port, Path dataDir, String storeUrl, String storeUser,
                           String storePassword, int storeWriters, int maxFrameSize, long pingIntervalMillis, long deadPeerMillis,
                           long maxMemoryBytes, int queueWindow, int maxDeliveryAttempts, String deadLetterQueue,
                           String expiryQueue, long transactionTimeoutMillis, long authCacheMillis, HaConfig ha,
                           TlsConfig tls, LogConfig log, int httpPort) {

    /** The scheme of this broker's client URL: {@code tandems://} with TLS, else {@code tandem://}. */
    public String clientScheme() {
        return tls == null ? "tandem://" : "tandems://";
    }

    /** The store with its credentials (no server id yet). */
    public io.tandemmq.broker.store.StoreLocation storeLocation() {
        return io.tandemmq.broker.store.StoreLocation.of(effectiveStoreUrl(), storeUser, storePassword);
    }

    /** The JDBC URL actually used: the configured one or embedded Derby in the data folder. */
    public String effectiveStoreUrl() {
        if (storeUrl != null) {
            return storeUrl;
        }
        return "jdbc:derby:" + dataDir.resolve("store").toAbsolutePath() + ";create=true";
    }
}
