package io.tandemmq.broker.cli;

import io.tandemmq.broker.store.DerbyDialect;
import io.tandemmq.broker.store.JdbcUserStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The store an offline command writes to: {@code --data DIR} (the embedded store a broker started
 * with the same {@code --data} uses) or {@code --store JDBC_URL} with optional
 * {@code --store-user}/{@code --store-password}. Exactly one of {@code --data} and {@code --store}.
 */
record StoreTarget(Path dataDir, String url, String user, String password) {
    static final Set<String> OPTIONS = Set.of("data", "store", "store-user", "store-password");

    /** Reads the store options; a missing, doubled or bad one is added to the options' problems. */
    static StoreTarget from(CommandOptions o) {
        String data = o.get("data", null);
        String store = o.get("store", null);
        if ((data == null) == (store == null)) {
            o.problem("give exactly one of --data DIR and --store JDBC_URL");
            return null;
        }
        if (store != null && !store.startsWith("jdbc:")) {
            o.problem("--store: '" + store + "' is not a JDBC URL (it must start with jdbc:)");
            return null;
        }
        Path dir = data == null ? null : Path.of(data);
        String url = store != null ? store : "jdbc:derby:" + dir.resolve("store").toAbsolutePath() + ";create=true";
        return new StoreTarget(dir, url, o.get("store-user", null), o.get("store-password", null));
    }

    /**
     * Opens the user tables, creating or upgrading the schema when needed.
     *
     * @throws IOException when the data folder cannot be created
     * @throws io.tandemmq.broker.security.SecurityStoreException when the store cannot be reached
     */
    JdbcUserStore open() throws IOException {
        if (dataDir != null) {
            Files.createDirectories(dataDir);
            System.setProperty("derby.stream.error.file", dataDir.resolve("derby.log").toString());
        }
        JdbcUserStore users = new JdbcUserStore(url, user, password);
        users.ensureSchema(new DerbyDialect());
        return users;
    }

    /** Shuts an embedded database down, so that a broker can open it right after. */
    void close() {
        new DerbyDialect().shutdown(url);
    }
}
