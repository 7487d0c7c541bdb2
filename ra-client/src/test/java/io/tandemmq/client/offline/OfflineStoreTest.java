package io.tandemmq.client.offline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfflineStoreTest {
    private static final long MAX = 1 << 20;

    @TempDir
    Path dir;
    private final List<OfflineStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(OfflineStore::close);
    }

    private OfflineStore open() throws OfflineStoreException {
        OfflineStore store = OfflineStore.open(dir, MAX);
        opened.add(store);
        return store;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void producerWithStoredMessages_mustWaitBehindThem_untilAllAreForwarded() throws Exception {
        OfflineStore store = open();
        store.store("p1", bytes("a"));
        store.store("p1", bytes("b"));
        assertTrue(store.hasWaiting("p1"));
        assertFalse(store.hasWaiting("p2"), "another producer of this process has nothing to wait for");

        store.forwarded(store.waiting().subList(0, 1));
        assertTrue(store.hasWaiting("p1"), "one message of p1 still waits");
        store.forwarded(store.waiting());
        assertFalse(store.hasWaiting("p1"));
    }

    @Test
    void newProducer_waitsBehindWhatAnEarlierProcessLeft_untilItIsForwarded() throws Exception {
        OfflineStore earlier = open();
        earlier.store("old", bytes("a"));
        earlier.store("old", bytes("b"));
        earlier.close();

        OfflineStore store = open();
        assertTrue(store.hasWaiting("new"), "a restarted application's messages come after its old ones");
        store.store("new", bytes("c"));
        store.forwarded(store.waiting().subList(0, 2));
        assertTrue(store.hasWaiting("new"), "its own message still waits");
        assertFalse(store.hasWaiting("other"), "what the earlier process left is all forwarded");
    }

    @Test
    void metrics_countWaitingAndForwardedMessages_andStoredBytes() throws Exception {
        OfflineStore store = open();
        for (int i = 0; i < 10; i++) {
            store.store("p", bytes("message " + i));
        }
        assertEquals(10, store.waitingMessages());
        assertTrue(store.storedBytes() > 10 * "message 0".length());
        assertEquals(dir.toAbsolutePath(), store.directory());

        store.forwarded(store.waiting().subList(0, 4));
        assertEquals(6, store.waitingMessages());
        assertEquals(4, store.forwardedMessages());
        store.forwarded(store.waiting());
        assertEquals(0, store.waitingMessages());
        assertEquals(0, store.storedBytes(), "nothing waits: the store's files shrink to nothing");
    }
}
