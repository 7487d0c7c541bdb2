package io.tandemmq.broker.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL ({@code jdbc:postgresql://host:port/db}, several hosts allowed as the driver
 * documents). Bodies and headers are {@code BYTEA}, always inline: the large columns exist so that
 * the statements are the same as on Derby, and stay null.
 *
 * <p>Fencing: every session of a broker names itself in {@code application_name}; a server that
 * takes the lease ends the other server's sessions with {@code pg_terminate_backend}, which rolls
 * back a frozen server's open transaction and frees its locks. That needs both servers to log in
 * as the same database user (or a user with {@code pg_signal_backend}).
 */
public final class PostgresDialect implements SqlDialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    private PostgresDialect() {
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public List<String> createSchema() {
        return StoreTables.all("BYTEA", "BYTEA");
    }

    /** Stores on PostgreSQL began at schema version 4: nothing older was ever written there. */
    @Override
    public List<String> upgradeSchema(String fromVersion) {
        if (fromVersion.equals("4")) {
            return StoreTables.waitingIndex();
        }
        throw new StoreException("the store has schema version " + fromVersion
                + ", which was never written on PostgreSQL by Tandem");
    }

    /**
     * A URL naming several hosts must make the driver pick the writable one: without
     * {@code targetServerType=primary} it connects to the first host that answers, which after a
     * promotion may be a standby (every write refused) or the old primary back from the dead.
     *
     * @throws StoreException naming the option to add
     */
    static void checkUrl(String url) {
        String rest = url.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//")) {
            return;
        }
        int end = rest.indexOf('/', 2);
        String hosts = rest.substring(2, end < 0 ? rest.length() : end);
        if (hosts.contains(",") && !hasPrimaryTarget(url)) {
            throw new StoreException("'" + url + "' names several PostgreSQL hosts: add targetServerType=primary"
                    + " (for example ...?targetServerType=primary) so that the broker always writes to the primary");
        }
    }

    private static boolean hasPrimaryTarget(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return false;
        }
        for (String option : url.substring(q + 1).split("&")) {
            if (option.equals("targetServerType=primary") || option.equals("targetServerType=master")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A standby (in recovery) is refused. Warned about: no synchronous standby named
     * ({@code synchronous_standby_names} empty) or commits that do not wait for it
     * ({@code synchronous_commit} off or local): a standby promoted after the primary's death may
     * then lack work the brokers acknowledged.
     */
    @Override
    public List<String> checkServer(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), current_setting('synchronous_standby_names'),"
                     + " current_setting('synchronous_commit')")) {
            rs.next();
            if (rs.getBoolean(1)) {
                throw new StoreException("the PostgreSQL server is a standby (read-only): give the primary, or every"
                        + " host of the cluster with targetServerType=primary");
            }
            String standbys = rs.getString(2).trim();
            String commit = rs.getString(3).trim();
            List<String> warnings = new ArrayList<>();
            if (standbys.isEmpty()) {
                warnings.add("the store's PostgreSQL has no synchronous standby (synchronous_standby_names is empty):"
                        + " if its primary dies, a promoted standby may lack work acknowledged just before; see"
                        + " docs/postgresql.md");
            } else if (commit.equals("off") || commit.equals("local")) {
                warnings.add("the store's PostgreSQL commits without waiting for its standby (synchronous_commit = "
                        + commit + "): if its primary dies, a promoted standby may lack acknowledged work; set"
                        + " synchronous_commit = on");
            }
            return warnings;
        }
    }

    /**
     * Lease updates commit without waiting for a synchronous standby. While the standby is away
     * the primary holds every commit that waits for it; if renewals waited too, the active server
     * would fence itself and the servers would take the lease from each other every few seconds,
     * each takeover ending the other's sessions. Safe, because the lease is not data: message
     * writes still wait for the standby, every one of them checks the epoch on the database it
     * commits to, and a lease change that a promoted standby lacks only makes a server there fence
     * itself (its epoch check fails) or take the lease a little sooner.
     */
    @Override
    public void prepareLeaseConnection(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit TO local");
        }
    }

    /** The driver's words for "no host of a multi-host URL is a primary" say nothing of what to do. */
    @Override
    public String describe(SQLException e) {
        String message = e.getMessage();
        if (message != null && message.contains("targetServerType")) {
            return "no host of --store is a primary now (a standby not yet promoted, or every host down): " + message;
        }
        return message;
    }

    @Override
    public boolean isMissingTable(SQLException e) {
        return "42P01".equals(e.getSQLState());
    }

    @Override
    public boolean isAuthenticationFailure(SQLException e) {
        return "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState());
    }

    @Override
    public List<String> tableNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1).toUpperCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    /** Data-modifying WITH clauses and array parameters: see {@link OneTripGroup}. */
    @Override
    public boolean writesGroupsInOneTrip() {
        return true;
    }

    @Override
    public int inlineLimit() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int largeBinaryType() {
        return Types.BINARY;
    }

    /**
     * The session name, and TCP keepalive so that a connection whose peer vanished is noticed by
     * the operating system. Options given in the URL win over these.
     */
    @Override
    public Map<String, String> connectionProperties(String sessionName) {
        return Map.of("ApplicationName", sessionName, "tcpKeepAlive", "true", "connectTimeout", "5");
    }

    @Override
    public int endOtherServersSessions(Connection c, StoreLocation own) throws SQLException {
        // in the select list, so that only the rows the WHERE clause kept are ended. Not waiting for
        // them to be gone: a transaction of theirs still running holds its row of the mark table,
        // and the new owner's recovery waits for that lock anyway
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name LIKE ? AND application_name NOT LIKE ? AND pid <> pg_backend_pid()"
                + " AND datname = current_database()")) {
            ps.setString(1, StoreLocation.SERVER_SESSION_PREFIX + "%");
            ps.setString(2, own.sessionName("%"));
            int ended = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ended++;
                }
            }
            return ended;
        }
    }
}
