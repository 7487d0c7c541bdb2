package io.tandemmq.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link PostgresServer} fixture itself: a real server, killed and restarted as the crash
 * tests will do it. The folders are kept when a test fails (their logs say why).
 */
class PostgresServerIT {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private PostgresServer server;
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the server may be gone
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private Connection open() throws SQLException {
        Connection c = server.open();
        connections.add(c);
        return c;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> names(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM t ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void committedRowSurvivesKill_uncommittedRowIsGone() throws Exception {
        server = PostgresServer.start(dir);
        Connection committer = open();
        execute(committer, "CREATE TABLE t (name TEXT PRIMARY KEY)");
        execute(committer, "INSERT INTO t VALUES ('committed')");
        Connection open = open();
        open.setAutoCommit(false);
        execute(open, "INSERT INTO t VALUES ('uncommitted')");
        List<Long> before = server.processes();
        // the postmaster, its auxiliary processes and the two backends
        assertTrue(before.size() >= 3, "processes: " + before);

        server.kill();

        assertFalse(server.isRunning());
        for (long pid : before) {
            assertFalse(PostgresServer.ProcessTree.isAlive(pid), "process " + pid + " of the killed server");
        }
        server.restart();
        try (Connection c = server.open()) {
            assertEquals(List.of("committed"), names(c), server.logTail(20));
        }
    }

    @Test
    void restartAfterKill_acceptsConnectionsOnSamePort() throws Exception {
        server = PostgresServer.start(dir);
        int port = server.port();
        long firstPid = server.pid();
        open();

        server.kill();
        server.restart();

        assertEquals(port, server.port());
        assertNotEquals(firstPid, server.pid());
        assertTrue(server.logTail(200).contains("database system was interrupted"),
                "the restart ran crash recovery:\n" + server.logTail(30));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            assertTrue(rs.next());
            assertTrue(server.processes().contains((long) rs.getInt(1)), "the backend belongs to the new group");
        }
    }

    @Test
    void passwordIsRequiredOverTcp() throws Exception {
        server = PostgresServer.start(dir);

        SQLException refused = assertThrows(SQLException.class, () -> server.open("wrong-" + server.password()));

        assertEquals("28P01", refused.getSQLState(), refused.toString());
        assertEquals(server.password() + "\n", Files.readString(server.passwordFile()));
    }

    @Test
    void createDatabase_givesAnEmptyDatabase() throws Exception {
        server = PostgresServer.start(dir);
        execute(open(), "CREATE TABLE t (name TEXT)");

        String url = server.createDatabase("fresh_one");

        assertEquals(server.jdbcUrl("fresh_one"), url);
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1));
        }
        assertThrows(SQLException.class, () -> server.createDatabase("fresh_one"));
    }

    @Test
    void frozenServerAnswersOnlyAfterThaw() throws Exception {
        server = PostgresServer.start(dir);
        Connection c = open();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            server.freeze();
            Future<List<String>> answer = pool.submit(() -> {
                execute(c, "CREATE TABLE t (name TEXT)");
                return names(c);
            });
            Thread.sleep(500);
            assertFalse(answer.isDone(), "a frozen server answered");

            server.thaw();

            assertEquals(List.of(), answer.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeStopsEveryProcess() throws Exception {
        server = PostgresServer.start(dir);
        open();
        open();
        List<Long> before = server.processes();
        server.freeze();

        server.close();

        assertFalse(server.isRunning());
        for (long pid : before) {
            assertFalse(PostgresServer.ProcessTree.isAlive(pid), "process " + pid + " of the closed server");
        }
        assertTrue(server.logTail(50).contains("database system is shut down"), server.logTail(30));
        server.close();
    }
    @Test
    void promotedSynchronousStandby_hasEveryRowThePrimaryCommitted_andTheUrlFindsItAfterARebuild() throws Exception {
        try (ReplicatedPostgres db = ReplicatedPostgres.start(dir)) {
            try (Connection c = db.primary().open()) {
                execute(c, "CREATE TABLE t (name TEXT PRIMARY KEY)");
                execute(c, "INSERT INTO t VALUES ('before the crash')");
            }
            assertTrue(db.standby().isStandby());
            PostgresServer oldPrimary = db.primary();

            db.killPrimary();
            db.failOver();

            assertFalse(db.primary().isStandby(), "promoted");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "tandem", "tandem-secret")) {
                assertEquals(List.of("before the crash"), names(c), "a synchronous standby lost nothing");
                execute(c, "INSERT INTO t VALUES ('after the promotion')");
            }
            db.rebuildStandby();
            assertEquals(oldPrimary, db.standby(), "the dead server, rebuilt on its port");
            assertTrue(db.standby().isStandby());
            db.killPrimary();
            db.failOver();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "tandem", "tandem-secret")) {
                assertEquals(List.of("after the promotion", "before the crash"), names(c), "back on the first server");
            }
        }
    }
}
