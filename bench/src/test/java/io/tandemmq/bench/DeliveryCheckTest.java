package io.tandemmq.bench;

import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeliveryCheckTest {

    @Test
    void countsLostDuplicatedAndInDoubtMessages() {
        BitSet returned = bits(0, 1, 2, 3);
        BitSet threw = bits(4, 5);
        // 1 never came, 2 came three times, in-doubt 4 came, in-doubt 5 did not
        Map<Integer, Integer> arrivals = Map.of(0, 1, 2, 3, 3, 1, 4, 1);

        assertEquals(new DeliveryCheck(4, 1, 2, 2, 1), DeliveryCheck.of(returned, threw, arrivals));
    }

    @Test
    void everySendArrivedOnce_countsNothingWrong() {
        assertEquals(Map.of("sent", 2L, "lost", 0L, "duplicated", 0L, "in-doubt", 0L, "in-doubt arrived", 0L),
                DeliveryCheck.of(bits(0, 1), new BitSet(), Map.of(0, 1, 1, 1)).toMap());
    }

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }
}
