package io.tandemmq.broker.ha;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of a server of the pair and the moves allowed between them:
 *
 * <pre>
 * STARTING -> PASSIVE (the lease is held by the partner), ACTIVE (it took the lease), STOPPED
 * PASSIVE  -> ACTIVE (took the lease), STOPPED
 * ACTIVE   -> FENCED (lost the lease), PASSIVE (switchover: gave it up), STOPPED
 * FENCED   -> PASSIVE (at once, after stopping), STOPPED
 * STOPPED  -> nothing
 * </pre>
 */
public enum ServerRole {
    /** Connecting to the store, not yet knowing its role. */
    STARTING,
    /** Watching the active server; answers clients with NOT_ACTIVE. */
    PASSIVE,
    /** Holds the lease, serves clients, writes to the store. */
    ACTIVE,
    /**
     * Lost the lease (or found a newer epoch): it has stopped serving and can never write again at
     * its epoch. A moment, announced: it then watches as a passive server, and serves again only
     * after taking the lease at a newer epoch.
     */
    FENCED,
    STOPPED;

    private Set<ServerRole> next() {
        return switch (this) {
            case STARTING -> EnumSet.of(PASSIVE, ACTIVE, STOPPED);
            case PASSIVE -> EnumSet.of(ACTIVE, STOPPED);
            case ACTIVE -> EnumSet.of(FENCED, PASSIVE, STOPPED);
            case FENCED -> EnumSet.of(PASSIVE, STOPPED);
            case STOPPED -> EnumSet.noneOf(ServerRole.class);
        };
    }

    public boolean canMoveTo(ServerRole target) {
        return next().contains(target);
    }

    /** Lower-case name, as printed in the start-up line and by {@code status}. */
    public String label() {
        return name().toLowerCase();
    }
}
