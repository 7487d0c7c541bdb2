package io.tandemmq.client;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session's delivery bookkeeping across acknowledgements and lost servers. */
class DeliveryLedgerTest {
    private final AtomicLong generation = new AtomicLong(5);
    private final DeliveryLedger ledger = new DeliveryLedger(generation::get);

    @Test
    void deliveriesOfTheCurrentServer_areTakenWithItsGeneration() {
        assertTrue(ledger.delivered(5, 1, "m1"));
        assertTrue(ledger.delivered(5, 2, "m2"));
        DeliveryLedger.Taken taken = ledger.take();
        assertArrayEquals(new long[] {1, 2}, taken.ids());
        assertEquals(5, taken.generation());
        assertArrayEquals(new long[0], ledger.take().ids(), "taken once");
    }

    @Test
    void deliveryThatArrivedFromAServerGoneSince_isNotHandedOut() {
        generation.set(6);
        assertFalse(ledger.delivered(5, 1, "m1"));
        assertArrayEquals(new long[0], ledger.take().ids());
    }

    @Test
    void noIds_areGoodForTheCurrentServer() {
        assertTrue(ledger.delivered(5, 1, "m1"));
        generation.set(6);
        ledger.serverLost();
        DeliveryLedger.Taken none = ledger.take();
        assertEquals(0, none.ids().length);
        assertEquals(6, none.generation());
    }

    @Test
    void deliveryGivenBackUnread_isNeitherTakenNorExpectedAgainAfterALostServer() {
        ledger.delivered(5, 1, "read");
        ledger.delivered(5, 2, "given back");
        ledger.notDelivered(2);
        assertArrayEquals(new long[] {1}, ledger.take().ids());
        ledger.delivered(5, 3, "given back too");
        ledger.notDelivered(3);
        generation.set(6);
        assertFalse(ledger.serverLost(), "nothing seen was lost");
        assertFalse(ledger.expectsRedelivery("given back too"));
    }

    @Test
    void serverLost_seenAndSettlingComeAgainMarkedRedelivered_andTheIdsAreForgotten() {
        ledger.delivered(5, 1, "seen");
        ledger.delivered(5, 2, "settling");
        ledger.take();
        ledger.delivered(5, 3, "seen-later");
        generation.set(6);
        assertTrue(ledger.serverLost(), "a transaction that consumed them can only roll back");
        assertTrue(ledger.expectsRedelivery("seen"));
        assertTrue(ledger.expectsRedelivery("settling"));
        assertTrue(ledger.expectsRedelivery("seen-later"));
        assertArrayEquals(new long[0], ledger.take().ids());
        assertFalse(ledger.serverLost(), "told once");
    }

    @Test
    void serverLost_withOnlySettlingDeliveries_reportsNothingSeenLost() {
        ledger.delivered(5, 1, "m1");
        ledger.take();
        generation.set(6);
        assertFalse(ledger.serverLost());
        assertTrue(ledger.expectsRedelivery("m1"));
    }

    @Test
    void settled_forgetsTheIds_orExpectsThemAgainWhenGivenBack() {
        ledger.delivered(5, 1, "acked");
        DeliveryLedger.Taken acked = ledger.take();
        ledger.settled(acked, false);
        ledger.delivered(5, 2, "rolled-back");
        DeliveryLedger.Taken rolledBack = ledger.take();
        ledger.settled(rolledBack, true);
        generation.set(6);
        ledger.serverLost();
        assertFalse(ledger.expectsRedelivery("acked"));
        assertTrue(ledger.expectsRedelivery("rolled-back"));
    }

    @Test
    void lateAnswerForAServerGoneSince_leavesTheNextServersDeliveriesAlone() {
        ledger.delivered(5, 1, "old");
        DeliveryLedger.Taken old = ledger.take();
        generation.set(6);
        ledger.serverLost();
        // the next server numbers its deliveries from 1 again
        ledger.delivered(6, 1, "new");
        ledger.take();
        ledger.settled(old, false);
        generation.set(7);
        ledger.serverLost();
        assertTrue(ledger.expectsRedelivery("new"), "still settling when its server was lost");
    }

    @Test
    void deliveryOfTheNextGeneration_beforeTheLossWasReported_forgetsTheOlderIdsFirst() {
        ledger.delivered(5, 1, "old");
        generation.set(6);
        assertTrue(ledger.delivered(6, 1, "new"));
        DeliveryLedger.Taken taken = ledger.take();
        assertArrayEquals(new long[] {1}, taken.ids());
        assertEquals(6, taken.generation());
        assertTrue(ledger.expectsRedelivery("old"));
        assertTrue(ledger.serverLost(), "the older seen ids were lost");
    }

    @Test
    void redeliveryExpected_untilTheApplicationGetsTheMessageAgain() {
        ledger.delivered(5, 1, "m1");
        generation.set(6);
        ledger.serverLost();
        assertTrue(ledger.expectsRedelivery("m1"));
        ledger.delivered(6, 4, "m1");
        assertFalse(ledger.expectsRedelivery("m1"));
    }

    @Test
    void peek_picksOneConsumersIdsAndLeavesThem() {
        ledger.delivered(5, 1, "a");
        ledger.delivered(5, 2, "b");
        ledger.delivered(5, 3, "c");
        assertArrayEquals(new long[] {1, 3}, ledger.peek(id -> id != 2).ids());
        assertArrayEquals(new long[] {1, 2, 3}, ledger.take().ids());
    }
}
