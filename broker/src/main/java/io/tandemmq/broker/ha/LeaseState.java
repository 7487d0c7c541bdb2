package io.tandemmq.broker.ha;

import java.sql.Timestamp;

/**
 * The lease row as read at one moment: who owns it, the epoch, whether it was released, and how
 * old the last renewal is by the database's clock.
 */
public record LeaseState(String owner, long epoch, boolean released, Timestamp renewedAt, long ageMillis) {

    public boolean isExpired(long expiryMillis) {
        return released || owner == null || ageMillis > expiryMillis;
    }
}
