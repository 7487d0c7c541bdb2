package io.tandemmq.broker.core;

import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreOperation;
import io.tandemmq.broker.store.WaitingRow;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.WireMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window rules of one queue against a store of committed rows kept in a map: which arrivals go
 * to the store only, and how reading back meets rows whose arrival has not come yet, rows already in
 * memory, and a store that fails.
 */
class QueueWindowTest {
    private static final int WINDOW = 4;
    private final RowStore store = new RowStore();
    private final MessageQueue queue = new MessageQueue("queue:q", "q", true, store);

    @Test
    void rowCommittedButNotYetArrived_isPassedOver_andArrivesIntoMemoryLater() {
        List<MessageRef> refs = expect(1, 10);
        for (int i = 0; i < 10; i++) {
            store.commit(refs.get(i));
        }
        arrive(refs, 1, 4);
        arrive(refs, 6, 10);
        assertEquals(WINDOW, queue.inMemory());
        assertEquals(5, queue.storeOnly());

        assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L, 10L), ids(queue.takeWaiting(null, 100, 0)));
        assertEquals(0, queue.storeOnly());
        assertTrue(queue.arrive(refs.get(4), 0), "row 5 lies below the cursor now: it waits in memory");
        assertEquals(List.of(5L), ids(queue.takeWaiting(null, 100, 0)));
    }

    @Test
    void messageMovedInAboveTheCursor_isReadBackOnlyOnce() {
        List<MessageRef> refs = expect(1, 8);
        refs.forEach(store::commit);
        arrive(refs, 1, 8);
        assertEquals(4, queue.storeOnly());
        MessageRef moved = ref(20);
        store.commit(moved);
        queue.add(moved, 0);

        List<Long> taken = new ArrayList<>(ids(queue.takeWaiting(null, 100, 0)));
        taken.sort(null);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 20L), taken);
        assertEquals(0, queue.size());
    }

    @Test
    void storeThatCannotBeRead_leavesTheBacklogCounted_andTheNextReadTakesIt() {
        List<MessageRef> refs = expect(1, 8);
        refs.forEach(store::commit);
        arrive(refs, 1, 8);
        store.failNext = true;
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(queue.takeWaiting(null, 100, 0)));
        assertEquals(4, queue.size());
        assertEquals(List.of(5L, 6L, 7L, 8L), ids(queue.takeWaiting(null, 100, 0)));
    }

    @Test
    void rolledBackSend_isForgotten_andItsRowNeverSkipsAnother() {
        List<MessageRef> refs = expect(1, 6);
        refs.forEach(store::commit);
        arrive(refs, 1, 5);
        queue.forgetArrival(refs.get(5));
        assertEquals(1, queue.storeOnly());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ids(queue.takeWaiting(null, 100, 0)),
                "row 6, committed but forgotten, is read as a waiting row");
    }

    @Test
    void purge_marksTheStoreOnlyRowsConsumed_keepingThoseNotArrivedYet() {
        List<MessageRef> refs = expect(1, 9);
        refs.forEach(store::commit);
        arrive(refs, 1, 8);
        assertEquals(WINDOW, queue.drain().size());
        StoreBatch.Builder batch = new StoreBatch.Builder();
        assertEquals(4, queue.dropStoreOnly(batch));
        assertEquals(0, queue.size());
        StoreOperation.ConsumeWaiting op = (StoreOperation.ConsumeWaiting) batch.build().operations().get(0);
        assertEquals(4, op.priority());
        assertEquals(4, op.afterId());
        assertEquals(List.of(9L), op.keep());
        assertTrue(queue.arrive(refs.get(8), 0), "after the purge the queue no longer pages");
    }

    @Test
    void messageThatDidNotFitTheMemoryBudget_startsPagingAtOnce() {
        MessageRef small = ref(1);
        queue.expectArrival(small);
        assertTrue(queue.arrive(small, 0));
        MessageRef narrow = MessageRef.pagedOnArrival(2, headers(), true, "c1", null);
        queue.expectArrival(narrow);
        assertFalse(queue.arrive(narrow, 0));
        assertEquals(1, queue.storeOnly());
    }

    @Test
    void backlogFoundAtStartUp_readBackBeforeItIsCounted_isCountedOnceAndDeliveredOnce() {
        for (long id = 1; id <= 20; id++) {
            store.commit(ref(id));
        }
        for (long id = 1; id <= 4; id++) {
            queue.add(store.readBack(store.rows.get(id)), 0);
        }
        queue.recoveredBeyond(4, 4, 20);
        assertEquals(0, queue.storeOnly(), "not counted yet");
        List<Long> first = ids(queue.takeWaiting(null, 6, 0));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), first);
        while (queue.countRecovered(5)) {
            assertTrue(queue.storeOnly() <= 14);
        }
        assertEquals(14, queue.size(), "rows 7 to 20, each counted once");
        assertEquals(14, queue.takeWaiting(null, 100, 0).size());
        assertEquals(0, queue.size());
    }

    @Test
    void arrivalsWhileAReadIsInFlight_behindItsNewCursorComeIntoMemory_beyondItStayInTheStore() {
        List<MessageRef> refs = expect(1, 10);
        refs.subList(0, 6).forEach(store::commit);
        arrive(refs, 1, 6);
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(queue.takeWaiting(null, 4, 0)));
        store.later = true;
        queue.fillWindow(0);
        assertTrue(store.pending != null, "a read is in flight");
        refs.subList(6, 10).forEach(store::commit);
        arrive(refs, 7, 10);
        assertEquals(6, queue.storeOnly());

        // the read looked before 7 was committed, and after 8 was
        store.pending.complete(List.of(store.rows.get(5L), store.rows.get(6L), store.rows.get(8L)));
        assertEquals(4, queue.inMemory(), "5, 6 and 8 read back, 7 behind the new cursor");
        assertEquals(2, queue.storeOnly(), "9 and 10");
        store.later = false;
        assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), ids(queue.takeWaiting(null, 100, 0)));
        assertEquals(0, queue.size());
    }

    private List<MessageRef> expect(int from, int to) {
        List<MessageRef> refs = new ArrayList<>();
        for (int id = from; id <= to; id++) {
            MessageRef ref = ref(id);
            queue.expectArrival(ref);
            refs.add(ref);
        }
        return refs;
    }

    private void arrive(List<MessageRef> refs, int fromId, int toId) {
        for (MessageRef ref : refs) {
            if (ref.id() >= fromId && ref.id() <= toId) {
                queue.arrive(ref, 0);
            }
        }
    }

    private static MessageRef ref(long id) {
        return new MessageRef(id, headers(), new byte[1], true, true, "c1", 0);
    }

    private static WireMessage headers() {
        return WireMessage.builder().messageId("ID:w").destination(DestinationRef.queue("q")).priority(4).build();
    }

    private static List<Long> ids(List<MessageRef> refs) {
        return refs.stream().map(MessageRef::id).toList();
    }

    /** Committed rows by id; reads fail once when told to. */
    private static final class RowStore implements DeliveryPolicy {
        private final TreeMap<Long, WaitingRow> rows = new TreeMap<>();
        boolean failNext;
        /** Reads off the core thread wait for the test to complete them. */
        boolean later;
        java.util.concurrent.CompletableFuture<List<WaitingRow>> pending;

        @Override
        public java.util.concurrent.CompletableFuture<List<WaitingRow>> readWaitingLater(MessageQueue queue, int priority,
                                                                                      long afterId, int max) {
            if (!later) {
                return DeliveryPolicy.super.readWaitingLater(queue, priority, afterId, max);
            }
            pending = new java.util.concurrent.CompletableFuture<>();
            return pending;
        }

        void commit(MessageRef ref) {
            rows.put(ref.id(), new WaitingRow(ref.id(), ref.priority(), 0, 0, 0, 1, new byte[0], new byte[1]));
        }

        @Override
        public void expire(MessageQueue queue, MessageRef ref) {
        }

        @Override
        public void scheduleWakeUp(MessageQueue queue, long delayMillis) {
        }

        @Override
        public int queueWindow() {
            return WINDOW;
        }

        @Override
        public List<WaitingRow> readWaiting(MessageQueue queue, int priority, long afterId, int max) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("the store is down");
            }
            return rows.tailMap(afterId, false).values().stream().filter(r -> r.priority() == priority).limit(max).toList();
        }

        @Override
        public long[] countWaiting(MessageQueue queue, int priority, long afterId, long upToId, int max) {
            List<Long> ids = rows.subMap(afterId, false, upToId, true).values().stream()
                    .filter(r -> r.priority() == priority).map(WaitingRow::id).limit(max).toList();
            return new long[] {ids.size(), ids.size() < max ? upToId : ids.get(ids.size() - 1)};
        }

        @Override
        public MessageRef readBack(WaitingRow row) {
            rows.remove(row.id());
            return MessageRef.recovered(row.id(), row.priority(), 0, 0, true, 0, null);
        }
    }
}
