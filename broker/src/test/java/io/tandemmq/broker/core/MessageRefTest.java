package io.tandemmq.broker.core;

import io.tandemmq.protocol.BodyType;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.WireMessage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a ref keeps in memory of a stored message that did not fit the memory budget. */
class MessageRefTest {
    private static final WireMessage HEADERS = WireMessage.builder().messageId("ID:1").destination(DestinationRef.queue("q"))
            .deliveryMode(WireMessage.PERSISTENT).priority(7).expiration(5_000).deliveryTime(2_000)
            .properties(Map.of("colour", "red")).body(BodyType.BYTES, null).build();

    /** Counts reads of the store and answers the budget as the test says. */
    private static final class CountingSource implements MessageRef.HeaderSource {
        int reads;
        boolean room;
        long reserved;

        @Override
        public WireMessage headers(long id) {
            reads++;
            return HEADERS;
        }

        @Override
        public boolean reserve(long bytes) {
            if (room) {
                reserved += bytes;
            }
            return room;
        }
    }

    @Test
    void pagedOnArrival_keepsOnlyWhatOrderingExpiryAndNoLocalNeed() {
        CountingSource source = new CountingSource();
        MessageRef ref = MessageRef.pagedOnArrival(42, HEADERS, true, "conn-1", source);
        assertFalse(ref.hasHeadersInMemory());
        assertFalse(ref.isBodyInMemory());
        assertEquals(7, ref.priority());
        assertEquals(2_000, ref.deliveryTime());
        assertTrue(ref.isExpired(5_000));
        assertEquals("conn-1", ref.originConnectionId());
        assertTrue(ref.isStored());
        assertEquals(0, ref.reservedBytes());
        assertEquals(0, source.reads, "nothing read from the store for all that");
    }

    @Test
    void headersReadBack_areKept_andCountedWhenTheBudgetHasRoom() {
        CountingSource source = new CountingSource();
        source.room = true;
        MessageRef ref = MessageRef.pagedOnArrival(42, HEADERS, true, "conn-1", source);
        assertEquals("red", ref.valueOf("colour"));
        assertEquals("ID:1", ref.headers().messageId());
        assertEquals(1, source.reads);
        assertEquals(HEADERS.estimatedSize(), ref.reservedBytes());
        assertEquals(source.reserved, ref.reservedBytes(), "released with the ref when it is consumed");
    }

    @Test
    void headersReadBackWithoutRoom_areKeptUncounted() {
        CountingSource source = new CountingSource();
        MessageRef ref = MessageRef.recovered(42, 4, 0, 0, true, 0, source);
        ref.headers();
        ref.headers();
        assertEquals(1, source.reads);
        assertEquals(0, ref.reservedBytes());
    }
}
