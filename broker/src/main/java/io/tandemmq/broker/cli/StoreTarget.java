package io.tandemmq.broker.cli;

import io.tandemmq.broker.logging.DerbyLog;
import io.tandemmq.broker.EmbeddedStoreFolder;
import io.tandemmq.broker.config.PasswordFile;
import io.tandemmq.broker.security.SecurityStoreException;
import io.tandemmq.broker.store.JdbcUserStore;
import io.tandemmq.broker.store.SqlDialect;
import io.tandemmq.broker.store.StoreException;
import io.tandemmq.broker.store.StoreLocation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The store an offline command writes to: {@code --data DIR} (the embedded store a broker started
 * with the same {@code --data} uses) or {@code --store JDBC_URL} with optional
 * {@code --store-user}/{@code --store-password-file}. Exactly one of {@code --data} and {@code --store}.
 */
record StoreTarget(Path dataDir, StoreLocation location) {
    static final Set<String> OPTIONS = Set.of("data", "store", "store-user", "store-password-file");

    /** Reads the store options; a missing, doubled or bad one is added to the options' problems. */
    static StoreTarget from(CommandOptions o) {
        String data = o.get("data", null);
        String store = o.get("store", null);
        if ((data == null) == (store == null)) {
            o.problem("give exactly one of --data DIR and --store JDBC_URL");
            return null;
        }
        if (store != null) {
            try {
                SqlDialect.forUrl(store);
            } catch (StoreException e) {
                o.problem("--store: " + e.getMessage());
                return null;
            }
        }
        String password = null;
        String passwordFile = o.get("store-password-file", null);
        if (passwordFile != null) {
            try {
                password = PasswordFile.read(Path.of(passwordFile));
            } catch (IOException | IllegalArgumentException e) {
                o.problem("--store-password-file: " + e.getMessage());
                return null;
            }
        }
        Path dir = data == null ? null : Path.of(data);
        String url = store != null ? store : "jdbc:derby:" + dir.resolve("store").toAbsolutePath() + ";create=true";
        return new StoreTarget(dir, StoreLocation.of(url, o.get("store-user", null), password));
    }

    /**
     * Opens the user tables, creating or upgrading the schema when needed.
     *
     * @param mayCreate whether a data folder without a store gets a new one (the commands that add
     *        the first users and grants before any broker runs); the others refuse such a folder
     * @throws IOException when the data folder cannot be used, holds no store (and may not get
     *         one), or is in use by a running broker
     * @throws io.tandemmq.broker.security.SecurityStoreException when the store cannot be reached
     */
    JdbcUserStore open(boolean mayCreate) throws IOException {
        if (dataDir != null) {
            EmbeddedStoreFolder.requireIdle(dataDir);
            if (!mayCreate) {
                EmbeddedStoreFolder.requireStore(dataDir);
            }
            EmbeddedStoreFolder.prepare(dataDir);
            DerbyLog.inFolder(dataDir);
        }
        JdbcUserStore users = new JdbcUserStore(location);
        try {
            users.ensureSchema();
        } catch (SecurityStoreException e) {
            if (dataDir != null && EmbeddedStoreFolder.isInUse(e)) {
                throw EmbeddedStoreFolder.inUse(dataDir, "");
            }
            throw e;
        }
        return users;
    }

    /** Shuts an embedded database down, so that a broker can open it right after. */
    void close() {
        location.dialect().shutdown(location.url());
    }
}
