package io.tandemmq.broker.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Copies of a Derby store: Derby's online backup (the broker keeps running; transactions that
 * are open when it starts are waited for, and the copy is consistent), and a restore into a new
 * folder. A PostgreSQL store is backed up with PostgreSQL's own tools.
 */
public final class StoreBackup {
    private final StoreLocation location;

    public StoreBackup(StoreLocation location) {
        this.location = location;
    }

    /**
     * Backs the store up into {@code folder} (on the machine of the Derby engine: this process for
     * an embedded store, the store server's for a network one), which gets a subfolder named after
     * the database ({@code store} for a broker's {@code --data}, {@code tandem} for a store server).
     *
     * @return one line for the operator
     * @throws StoreException for a PostgreSQL store, a folder that cannot be written, or a store
     *         that cannot be reached; nothing is changed in the store then
     */
    public String backUpTo(String folder) {
        if (!(location.dialect() instanceof DerbyDialect)) {
            throw new StoreException("the store is " + location.dialect().name() + ": back it up with its own tools"
                    + " (pg_basebackup or pg_dump, see docs/postgresql.md)");
        }
        try (Connection c = location.connect("backup");
             CallableStatement call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
            call.setString(1, folder);
            call.execute();
            return "backed up the store to " + folder + " (restore it with: java -jar tandem-broker.jar restore --from "
                    + folder + "/DATABASE --data NEW_FOLDER)";
        } catch (SQLException e) {
            throw new StoreException("backup to " + folder + " failed: " + location.dialect().describe(e), e);
        }
    }

    /**
     * Checks that a folder is a Derby database backup, before anything is created for its restore.
     *
     * @throws IOException saying what to give instead
     */
    public static void checkBackup(Path backup) throws IOException {
        if (!Files.isRegularFile(backup.resolve("service.properties"))) {
            throw new IOException("--from " + backup + ": not a Derby backup (no service.properties in it); give the"
                    + " database folder inside the backup folder, such as BACKUP/store");
        }
    }

    /**
     * Creates a Derby database at {@code target} from a backup made by {@link #backUpTo}; an
     * existing {@code target} is refused and left alone.
     *
     * @param backup the backup's database folder (holding {@code service.properties})
     * @throws IOException naming what is wrong: no backup there, the target exists, Derby refused
     */
    public static void restore(Path backup, Path target) throws IOException {
        checkBackup(backup);
        if (Files.exists(target)) {
            throw new IOException(target + " exists already; restore into a new folder (nothing was changed)");
        }
        String url = "jdbc:derby:" + target.toAbsolutePath() + ";createFrom=" + backup.toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(1);
        } catch (SQLException e) {
            throw new IOException("Derby could not restore " + backup + ": " + e.getMessage(), e);
        } finally {
            DerbyDialect.INSTANCE.shutdown("jdbc:derby:" + target.toAbsolutePath());
        }
    }
}
