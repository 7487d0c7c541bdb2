package io.tandemmq.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.Xid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transaction manager's JVM dies after prepare, in the commit phase; a new transaction manager
 * on the same object store (this JVM, as the same node) finishes the in-doubt branches by recovery.
 */
class XaTmCrashIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;
    static NarayanaTm narayana;

    @TempDir
    Path testDir;

    @BeforeAll
    static void start() throws Exception {
        narayana = NarayanaTm.get();
        broker = BrokerProcess.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void cleanUp() {
        narayana.recoverWith();
    }

    @Test
    void tmKilledInCommitPhase_newTmRecoveryFinishesInDoubtBranches_andNothingIsDeliveredTwice() throws Exception {
        String queue = "xa-tm-crash";
        XaJms.send(broker.url(), queue, "invoice-1");
        Path db = testDir.resolve("db");
        Path out = testDir.resolve("child.out");
        List<String> cmd = ChildJvm.java("-Xmx256m", "-Dderby.stream.error.file=" + testDir.resolve("child-derby.log"),
                "-cp", System.getProperty("java.class.path"), XaTmCrashChild.class.getName(),
                narayana.objectStore().toString(), narayana.nodeId(), broker.url(), db.toString(), queue);
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child TM did not end");
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(XaTmCrashChild.HALTED_IN_COMMIT, child.exitValue(), () -> "the child TM did not halt in commit: " + read(out));
        assertTrue(read(out).contains("two-phase commit"), () -> read(out));

        // the child is dead, so this JVM may open its Derby database
        try (DerbyXa derby = new DerbyXa(db)) {
            List<Xid> tandemInDoubt = XaJms.inDoubt(broker.url());
            assertEquals(1, tandemInDoubt.size(), "the Tandem branch should be prepared: " + tandemInDoubt);
            List<Xid> derbyInDoubt = derby.inDoubt();
            assertEquals(1, derbyInDoubt.size(), "the Derby branch should be prepared: " + derbyInDoubt);
            assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS),
                    "a message consumed by a prepared branch went to another consumer");

            narayana.recoverWith(() -> XaJms.openForRecovery(broker.url()), derby::openForRecovery);
            boolean finished = narayana.recover(() -> {
                try {
                    return XaJms.inDoubt(broker.url()).isEmpty() && derby.inDoubt().isEmpty();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 5);
            assertTrue(finished, "recovery left in-doubt branches: " + XaJms.inDoubt(broker.url()) + " " + derby.inDoubt());

            assertEquals(List.of("invoice-1"), derby.rows());
            assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS), "the consumed message came again");
            broker.restart();
            assertNull(XaJms.receive(broker.url(), queue, XaJms.NOTHING_MILLIS), "the consumed message came again after a restart");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }
}
