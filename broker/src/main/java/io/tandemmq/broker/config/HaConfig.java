package io.tandemmq.broker.config;

/**
 * How a server takes part in a pair.
 *
 * @param peerPort the port of this server's heartbeat link (0 picks a free one)
 * @param partnerHost the partner's host, or null for a server without partner
 * @param partnerPort the partner's peer port
 * @param heartbeatIntervalMillis how often each server sends a heartbeat
 * @param heartbeatMisses heartbeats that may be missed before the passive server checks the lease
 * @param leaseRenewMillis how often the active server renews its lease
 * @param leaseExpiryMillis age of the last renewal (database clock) after which the lease may be taken
 * @param peerTls whether the heartbeat link runs TLS with certificates on both ends (the
 *        broker's {@link TlsConfig} keys and trust)
 * @param peerSecret the secret the partner must prove at link setup, or null for none
 */
public record HaConfig(int peerPort, String partnerHost, int partnerPort, long heartbeatIntervalMillis,
                       int heartbeatMisses, long leaseRenewMillis, long leaseExpiryMillis, boolean peerTls,
                       PeerSecret peerSecret) {

    public boolean hasPartner() {
        return partnerHost != null;
    }
}
