package io.tandemmq.it;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A PostgreSQL primary with a synchronous streaming standby, as production runs the pair's store:
 * two {@link PostgresServer}s on free ports and one JDBC URL naming both
 * ({@code targetServerType=primary}), so that whoever connects finds the one that accepts writes.
 *
 * <p>{@link #failOver()} is what a failover manager (Patroni, pg_auto_failover) does when the
 * primary dies: it promotes the standby. {@link #rebuildStandby()} is what an operator does next:
 * the dead server becomes a synchronous standby of the new primary on its old port, so that the
 * same URL serves round after round.
 *
 * <p>Failure contract: as {@link PostgresServer}; {@link #close()} stops both servers.
 */
public final class ReplicatedPostgres implements AutoCloseable {
    private PostgresServer primary;
    private PostgresServer standby;
    private final String url;

    private ReplicatedPostgres(PostgresServer primary, PostgresServer standby) {
        this.primary = primary;
        this.standby = standby;
        this.url = "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
                + "/tandem?targetServerType=primary";
    }

    /** A primary and a synchronous standby of it, both accepting connections. */
    public static ReplicatedPostgres start(Path parent) throws IOException, InterruptedException, SQLException {
        PostgresServer primary = PostgresServer.start(parent);
        PostgresServer standby = null;
        try {
            standby = primary.startStandby();
            // after the copy: a standby copied later would inherit the setting and, promoted, wait for itself
            primary.requireSynchronousStandby(standby);
            return new ReplicatedPostgres(primary, standby);
        } catch (IOException | InterruptedException | SQLException | RuntimeException | Error e) {
            closeQuietly(standby, e);
            closeQuietly(primary, e);
            throw e;
        }
    }

    /** Both hosts, {@code targetServerType=primary}: the URL the brokers get as {@code --store}. */
    public String jdbcUrl() {
        return url;
    }

    public PostgresServer primary() {
        return primary;
    }

    public PostgresServer standby() {
        return standby;
    }

    /** SIGKILL to every process of the primary, as a crash of its machine. */
    public void killPrimary() throws IOException, InterruptedException {
        primary.kill();
    }

    /**
     * Promotes the standby ({@code pg_ctl promote}) and swaps the roles: the promoted server is
     * the primary, the old primary (killed before) the server to rebuild.
     */
    public void failOver() throws IOException, InterruptedException {
        standby.promote();
        PostgresServer dead = primary;
        primary = standby;
        standby = dead;
    }

    /**
     * The dead server, copied afresh from the primary on its old port, becomes the primary's
     * synchronous standby again.
     */
    public void rebuildStandby() throws IOException, InterruptedException, SQLException {
        standby.rebuildAsStandbyOf(primary);
        primary.requireSynchronousStandby(standby);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            standby.close();
        } finally {
            primary.close();
        }
    }

    private static void closeQuietly(PostgresServer server, Throwable failure) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException | InterruptedException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
