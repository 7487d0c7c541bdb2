package io.tandemmq.bench;

import io.tandemmq.broker.store.StoreLocation;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL database given with {@code --postgres}, dedicated to the benchmark: the setups
 * {@code pair-postgresql} and the store ceiling run on it. Before each setup its Tandem tables
 * ({@code TQ_...}) are dropped, so every setup starts on an empty store as the Derby ones do.
 */
record PostgresStore(String url, String user, Path passwordFile, String password) {

    /** The broker options naming this store. */
    List<String> brokerArgs() {
        List<String> args = new ArrayList<>(List.of("--store", url));
        if (user != null) {
            args.addAll(List.of("--store-user", user));
        }
        if (passwordFile != null) {
            args.addAll(List.of("--store-password-file", passwordFile.toString()));
        }
        return args;
    }

    StoreLocation location() {
        return StoreLocation.of(url, user, password);
    }

    Connection connect() throws SQLException {
        return location().connect("bench");
    }

    /** The schema Artemis's JDBC store uses in this database, apart from Tandem's tables. */
    static final String ARTEMIS_SCHEMA = "artemis_bench";

    /**
     * Empties (drops and creates) the schema {@value #ARTEMIS_SCHEMA} and returns the URL an Artemis
     * broker uses for it, credentials included (Artemis's {@code artemis create} takes only a URL).
     * Tandem's store check looks at its own schema only, so the two never see each other's tables.
     */
    String freshArtemisUrl() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP SCHEMA IF EXISTS " + ARTEMIS_SCHEMA + " CASCADE");
            s.executeUpdate("CREATE SCHEMA " + ARTEMIS_SCHEMA);
        }
        StringBuilder u = new StringBuilder(url).append(url.contains("?") ? '&' : '?')
                .append("currentSchema=").append(ARTEMIS_SCHEMA);
        if (user != null) {
            u.append("&user=").append(java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (password != null) {
            u.append("&password=").append(java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8));
        }
        return u.toString();
    }

    /** Drops the Tandem tables (only those): the next broker creates an empty store. */
    void reset() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND upper(table_name) LIKE 'TQ\\_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                s.executeUpdate("DROP TABLE " + t + " CASCADE");
            }
        }
    }
}
