package io.tandemmq.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker started on a replicated PostgreSQL whose hosts are not what the URL needs: a standby as
 * the only host is refused at once; a URL whose hosts hold no primary is waited for with one line
 * until a standby is promoted; a primary without a synchronous standby is used with a warning.
 */
class ReplicatedStoreStartIT {
    private static final String NO_SYNCHRONOUS_STANDBY = "has no synchronous standby";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private static List<String> storeArgs(ReplicatedPostgres db, String url) {
        return List.of("--store", url, "--store-user", db.primary().user(),
                "--store-password-file", db.primary().passwordFile().toString());
    }

    private static String[] run(Path data, List<String> store) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--name", "x", "--host", "127.0.0.1", "--port", "0",
                "--data", data.toString()));
        args.addAll(store);
        return args.toArray(String[]::new);
    }

    @Test
    void standbyAsTheOnlyHost_isRefusedWithOneLineNamingTheOption() throws Exception {
        try (ReplicatedPostgres db = ReplicatedPostgres.start(dir)) {
            Cli.Result r = Cli.tandem(dir, run(dir.resolve("x"), storeArgs(db, db.standby().jdbcUrl())));

            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("--store: ") && r.err().contains("is a standby (read-only)"), r.toString());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r);
        }
    }

    @Test
    void noHostIsAPrimary_theBrokerWaitsSayingWhy_andStartsOnceTheStandbyIsPromoted() throws Exception {
        try (ReplicatedPostgres db = ReplicatedPostgres.start(dir)) {
            db.killPrimary();
            Path data = Files.createDirectories(dir.resolve("waiting"));
            CompletableFuture<BrokerProcess> started = CompletableFuture.supplyAsync(() -> {
                try {
                    return BrokerProcess.startOn(data, storeArgs(db, db.jdbcUrl()).toArray(String[]::new));
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Path out = data.resolve("broker.out");
            long deadline = System.currentTimeMillis() + 30_000;
            while (!(Files.exists(out) && Files.readString(out, StandardCharsets.UTF_8).contains("targetServerType"))) {
                assertTrue(System.currentTimeMillis() < deadline, "no line about the missing primary");
                Thread.sleep(50);
            }
            assertFalse(started.isDone(), "not started without a primary");

            db.failOver();

            try (BrokerProcess broker = started.get(60, TimeUnit.SECONDS)) {
                String log = Files.readString(out, StandardCharsets.UTF_8);
                assertEquals(1, log.lines().filter(l -> l.contains("waiting for the store")).count(), log);
                assertTrue(log.contains(NO_SYNCHRONOUS_STANDBY), "the promoted server has no standby yet: " + log);
                PairJms.sendPersistent(broker.url(), "after-promotion", List.of("one"));
                assertEquals(List.of("one"), PairJms.receiveAll(broker.url(), "after-promotion", 1));
            }
        }
    }
}
