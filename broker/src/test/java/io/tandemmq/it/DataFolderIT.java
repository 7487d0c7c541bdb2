package io.tandemmq.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run} on a data folder it cannot use ends at once with one line that names the folder,
 * the cause and what to do (it used to wait a minute, or for ever, with a Derby warning), and
 * changes nothing in the folder.
 */
class DataFolderIT {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aFolderInUseByARunningBroker_isRefusedAtOnce_namingTheBrokersPid() throws Exception {
        try (BrokerProcess first = BrokerProcess.start(dir)) {
            PairJms.sendPersistent(first.url(), "kept", List.of("one"));
            long started = System.nanoTime();
            Cli.Result second = Cli.tandem(dir, "run", "--name", "second", "--port", "0", "--data",
                    first.dataDir().toString());
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(1, second.exitCode(), second.toString());
            String line = lastLine(second.err());
            assertTrue(line.startsWith("tandem: --data " + first.dataDir()) && line.contains("in use by another broker")
                    && line.contains("(pid " + first.pid() + ")"), line);
            assertTrue(millis < 15_000, "refused after " + millis + " ms");
            assertEquals(List.of("one"), PairJms.receiveAll(first.url(), "kept", 1), "the first broker carries on");
        }
    }

    @Test
    void aDamagedStore_isRefusedAtOnce_sayingWhatIsWrong_andLeftAsItWas() throws Exception {
        Path data;
        try (BrokerProcess broker = BrokerProcess.start(dir)) {
            PairJms.sendPersistent(broker.url(), "kept", List.of("one"));
            data = broker.dataDir();
        }
        Files.delete(data.resolve("store").resolve("service.properties"));
        List<Path> before = files(data.resolve("store").resolve("seg0"));

        Cli.Result run = Cli.tandem(dir, "run", "--name", "damaged", "--port", "0", "--data", data.toString());

        assertEquals(1, run.exitCode(), run.toString());
        String line = lastLine(run.err());
        assertTrue(line.startsWith("tandem: --data " + data + ": the store in this folder cannot be opened:")
                && line.contains("service.properties"), line);
        assertEquals(before, files(data.resolve("store").resolve("seg0")), "the store's files are left as they were");
    }

    @Test
    void anOfflineCommand_onTheFolderOfARunningBroker_isRefusedBeforeDerbyBoots_andLeavesTheBrokersDerbyLog() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dir)) {
            Path derbyLog = broker.dataDir().resolve("derby.log");
            String logBefore = Files.readString(derbyLog);

            Cli.Result list = Cli.tandem(dir, "user", "list", "--data", broker.dataDir().toString());

            assertEquals(1, list.exitCode(), list.toString());
            assertEquals("tandem user list: --data " + broker.dataDir() + " is in use by a running broker (pid "
                    + broker.pid() + "): stop it first, or use the online tool with --url", list.err().strip());
            assertEquals(logBefore, Files.readString(derbyLog), "the running broker's derby.log is left alone");
        }
    }

    @Test
    void backup_ofAFolderWithoutAStore_isRefused_andCreatesNothing() throws Exception {
        Path missing = dir.resolve("does-not-exist");
        Cli.Result backup = Cli.tandem(dir, "backup", dir.resolve("bk").toString(), "--data", missing.toString());
        assertEquals(1, backup.exitCode(), backup.toString());
        assertTrue(backup.err().strip().startsWith("tandem backup: --data " + missing + " holds no store"), backup.toString());
        assertTrue(!Files.exists(missing) && !Files.exists(dir.resolve("bk")), "nothing is created");
    }

    @Test
    void run_onAFile_saysItIsAFileNotAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "hi");
        Cli.Result run = Cli.tandem(dir, "run", "--port", "0", "--data", file.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("tandem: --data " + file + " is a file, not a folder: name a folder", lastLine(run.err()));
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static List<Path> files(Path folder) throws Exception {
        try (var s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
