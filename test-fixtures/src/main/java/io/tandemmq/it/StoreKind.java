package io.tandemmq.it;

/**
 * The database under a {@link PairProcesses} pair: a Derby network server started with the jar's
 * {@code store-server}, a private {@link PostgresServer}, or a {@link ReplicatedPostgres} pair of them. The build runs the pair tests once
 * with each ({@code -Dtandem.it.store=derby|postgresql}).
 */
public enum StoreKind {
    DERBY,
    POSTGRESQL,
    /** A {@link ReplicatedPostgres} primary with a synchronous standby; only tests of the store's own failover ask for it. */
    POSTGRESQL_REPLICATED;

    /** From the system property {@code tandem.it.store}; Derby when it is not set. */
    public static StoreKind configured() {
        String value = System.getProperty("tandem.it.store", "derby");
        return switch (value) {
            case "derby" -> DERBY;
            case "postgresql" -> POSTGRESQL;
            default -> throw new IllegalArgumentException("tandem.it.store: '" + value + "' is neither derby nor postgresql");
        };
    }
}
