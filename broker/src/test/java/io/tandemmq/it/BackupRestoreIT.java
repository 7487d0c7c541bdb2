package io.tandemmq.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store backed up while its broker serves, then restored into a new folder and served by a new
 * broker: the messages waiting at the backup are there, those sent after it are not; a restore onto
 * an existing folder changes nothing; an offline backup of a stopped broker's store works too.
 */
class BackupRestoreIT {
    @TempDir
    static Path dir;

    @Test
    void onlineBackup_restoredIntoANewFolder_servesTheMessagesOfTheMomentOfTheBackup() throws Exception {
        BrokerProcess broker = BrokerProcess.start(dir);
        Path restored = dir.resolve("restored");
        BrokerProcess second = null;
        try {
            SecurityIT.ok(Cli.tandem(dir, "send", "--url", broker.url(), "--queue", "bk.orders", "--count", "10"));
            Cli.Result backup = Cli.tandem(dir, "backup", "backups/first", "--url", broker.url());
            SecurityIT.ok(backup);
            assertTrue(backup.out().startsWith("backed up the store to " + dir.resolve("backups/first")), backup.out());
            SecurityIT.ok(Cli.tandem(dir, "send", "--url", broker.url(), "--queue", "bk.orders", "--count", "5"));
            assertTrue(Files.readString(broker.output()).contains("admin request from a client (security off): Backup["),
                    "the backup leaves a line in the broker's log");
            broker.close();

            Cli.Result restore = Cli.tandem(dir, "restore", "--from", "backups/first/store", "--data", "restored");
            SecurityIT.ok(restore);
            assertTrue(restore.out().contains("run --data restored"), restore.out());
            Cli.Result again = Cli.tandem(dir, "restore", "--from", "backups/first/store", "--data", "restored");
            assertEquals(1, again.exitCode(), again.toString());
            assertTrue(again.err().contains("exists already"), again.err());
            Cli.Result notABackup = Cli.tandem(dir, "restore", "--from", "backups", "--data", "other");
            assertEquals(1, notABackup.exitCode(), notABackup.toString());
            assertTrue(notABackup.err().contains("not a Derby backup"), notABackup.err());

            second = BrokerProcess.startOn(restored);
            Cli.Result stat = Cli.tandem(dir, "queue", "stat", "bk.orders", "--url", second.url());
            SecurityIT.ok(stat);
            assertTrue(stat.out().lines().skip(1).findFirst().orElseThrow().matches("bk\\.orders\\s+10\\s.*"), stat.out());
            SecurityIT.ok(Cli.tandem(dir, "receive", "--url", second.url(), "--queue", "bk.orders", "--count", "10",
                    "--quiet"));
            second.close();

            // the original broker stopped: its store backed up offline has all 15
            Cli.Result offline = Cli.tandem(dir, "backup", "backups/offline", "--data", broker.dataDir().toString());
            SecurityIT.ok(offline);
            assertTrue(Files.isRegularFile(dir.resolve("backups/offline/store/service.properties")), offline.out());
            SecurityIT.ok(Cli.tandem(dir, "restore", "--from", "backups/offline/store", "--data", "restored-offline"));
            second = BrokerProcess.startOn(dir.resolve("restored-offline"));
            Cli.Result all = Cli.tandem(dir, "queue", "stat", "bk.orders", "--url", second.url());
            assertTrue(all.out().lines().skip(1).findFirst().orElseThrow().matches("bk\\.orders\\s+15\\s.*"), all.out());
        } finally {
            broker.close();
            if (second != null) {
                second.close();
            }
        }
    }
}
