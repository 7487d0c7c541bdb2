package io.tandemmq.broker.core;

import io.tandemmq.broker.config.BrokerConfigParser;
import io.tandemmq.broker.security.AccessCheck;
import io.tandemmq.broker.store.MessageStore;
import io.tandemmq.broker.store.RecoveryListener;
import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoredContent;
import io.tandemmq.protocol.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broker state is touched on the core thread only: the entry points refuse any other thread. */
class CoreThreadRuleTest {
    @TempDir
    Path data;
    private Broker broker;

    @BeforeEach
    void start() throws Exception {
        broker = new Broker(BrokerConfigParser.parse(List.of("--data", data.toString())), new EmptyStore());
        broker.start();
    }

    @AfterEach
    void stop() {
        broker.stop();
    }

    @Test
    void entryPointsCalledOffTheCoreThread_throwNamingTheThread_andChangeNothing() {
        Map<String, Executable> entries = Map.of(
                "connect", () -> broker.connect(new SilentLink(), "c1", AccessCheck.ALLOW_ALL),
                "figures", broker::figures,
                "pauseDelivery", broker::pauseDelivery,
                "openLocalTransactions", broker::openLocalTransactions,
                "dispatch", () -> broker.dispatch(List.of()),
                "purgeQueue", () -> broker.purgeQueue("q"),
                "moveMessages", () -> broker.moveMessages("a", "b", null, 1));
        entries.forEach((what, call) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, call, what);
            assertTrue(e.getMessage().startsWith(what + " must run on the broker's core thread, not on "), e.getMessage());
        });
        assertEquals(0, broker.connections().size());
        assertEquals(false, broker.deliveryPaused());
    }

    @Test
    void connectionEntryPoints_refuseOtherThreadsToo() {
        ServerConnection[] c = new ServerConnection[1];
        broker.runOnCore(() -> c[0] = broker.connect(new SilentLink(), "c1", AccessCheck.ALLOW_ALL));
        assertThrows(IllegalStateException.class, () -> c[0].setClientId("x"));
        assertThrows(IllegalStateException.class, () -> c[0].close());
        assertEquals(1, broker.connections().size(), "not closed by the refused call");
        broker.runOnCore(() -> c[0].close());
        assertEquals(0, broker.connections().size());
    }

    @Test
    void onTheCoreThread_theSameCallsWork() {
        BrokerFigures[] figures = new BrokerFigures[1];
        broker.runOnCore(() -> figures[0] = broker.figures());
        assertNotNull(figures[0]);
    }

    /** A client link that drops what it is sent. */
    private static final class SilentLink implements ClientLink {
        @Override
        public void send(Frame frame) {
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:1";
        }
    }

    /** A store with nothing in it that takes every write: this test is about threads, not storage. */
    private static final class EmptyStore implements MessageStore {
        @Override
        public void recover(RecoveryListener listener) {
        }

        @Override
        public String resourceManagerId() {
            return "empty";
        }

        @Override
        public long highestMessageId() {
            return 0;
        }

        @Override
        public CompletableFuture<Void> write(StoreBatch batch) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean messageExists(String messageId) {
            return false;
        }

        @Override
        public Boolean readOutcome(String txKey) {
            return null;
        }

        @Override
        public byte[] loadBody(long id) {
            return new byte[0];
        }

        @Override
        public StoredContent loadContent(long id) {
            return null;
        }

        @Override
        public byte[] loadHeaders(long id) {
            return new byte[0];
        }

        @Override
        public java.util.List<io.tandemmq.broker.store.WaitingRow> readWaiting(String queueKey, int priority, long afterId,
                                                                            int max) {
            return java.util.List.of();
        }

        @Override
        public java.util.List<io.tandemmq.broker.store.StoredMessage> browseWaiting(String queueKey, int priority,
                                                                                 long afterId, int max) {
            return java.util.List.of();
        }

        @Override
        public long[] countWaiting(String queueKey, int priority, long afterId, long upToId, int max) {
            return new long[] {0, upToId};
        }

        @Override
        public void close() {
        }
    }
}
