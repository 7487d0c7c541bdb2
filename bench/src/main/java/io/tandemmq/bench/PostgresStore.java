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
