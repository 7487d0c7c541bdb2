package io.tandemmq.broker.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandemmq.protocol.DestinationKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The message store on embedded Derby: what recovery reads, what is read later, and purging. */
class JdbcMessageStoreTest {
    @TempDir
    Path dir;
    private JdbcMessageStore store;

    @BeforeEach
    void open() {
        store = new JdbcMessageStore(StoreLocation.of("jdbc:derby:" + dir.resolve("store").toAbsolutePath() + ";create=true",
                null, null));
        store.recover(new Collecting());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void write(StoreOperation... operations) throws Exception {
        store.write(StoreBatch.of(operations)).get(10, TimeUnit.SECONDS);
    }

    private static StoreOperation.InsertMessage message(long id, byte[] headers, byte[] body) {
        return new StoreOperation.InsertMessage(id, "queue:q", "ID:test:" + id, 7, 1234L, 5678L, 2, headers, body, null);
    }

    private List<StoredMessage> recovered() {
        Collecting c = new Collecting();
        store.recover(c);
        return c.messages;
    }

    @Test
    void recovery_givesTheNarrowColumns_andHeadersAndBodyAreReadOnDemand() throws Exception {
        byte[] headers = {1, 2, 3};
        byte[] body = {9, 8, 7, 6};
        write(message(1, headers, body), message(2, headers, null));

        assertEquals(List.of(new StoredMessage(1, "queue:q", 2, 7, 1234L, 5678L, 4, null),
                new StoredMessage(2, "queue:q", 2, 7, 1234L, 5678L, -1, null)), recovered());
        StoredContent one = store.loadContent(1);
        assertArrayEquals(headers, one.headers());
        assertArrayEquals(body, one.body());
        assertNull(store.loadContent(2).body());
        assertArrayEquals(headers, store.loadHeaders(2));
        assertArrayEquals(body, store.loadBody(1));
        assertThrows(StoreException.class, () -> store.loadContent(3));
    }

    @Test
    void purge_removesAtMostItsLimit_ofConsumedRowsOnly() throws Exception {
        for (long id = 1; id <= 5; id++) {
            write(message(id, new byte[] {1}, new byte[] {2}));
        }
        write(new StoreOperation.DeleteMessage(1), new StoreOperation.DeleteMessage(2), new StoreOperation.DeleteMessage(3));
        long later = System.currentTimeMillis() + 60_000;

        java.util.List<Integer> removed = new java.util.ArrayList<>();
        write(new StoreOperation.PurgeConsumed(later, 2, removed::add));
        assertEquals(1, countConsumedLeft());
        write(new StoreOperation.PurgeConsumed(later, 2, removed::add));
        assertEquals(0, countConsumedLeft());
        assertEquals(List.of(2, 1), removed);

        assertEquals(List.of(4L, 5L), recovered().stream().map(StoredMessage::id).toList());
        assertThrows(StoreException.class, () -> store.loadBody(1));
    }

    /** Consumed rows left: loadBody still finds a consumed row until it is purged. */
    private int countConsumedLeft() {
        int left = 0;
        for (long id = 1; id <= 3; id++) {
            try {
                store.loadBody(id);
                left++;
            } catch (StoreException gone) {
                // purged
            }
        }
        return left;
    }

    private static final class Collecting implements RecoveryListener {
        final List<StoredMessage> messages = new ArrayList<>();

        @Override
        public void destination(DestinationKind kind, String name) {
        }

        @Override
        public void subscription(SubscriptionRecord subscription) {
        }

        @Override
        public void message(StoredMessage message) {
            messages.add(message);
        }
    }
}
