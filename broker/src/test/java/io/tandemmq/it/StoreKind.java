package io.tandemmq.it;

/**
 * The database under a {@link PairProcesses} pair: a Derby network server started with the jar's
 * {@code store-server}, or a private {@link PostgresServer}. The build runs the pair tests once
 * with each ({@code -Dtandem.it.store=derby|postgresql}).
 */
public enum StoreKind {
    DERBY,
    POSTGRESQL;

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
