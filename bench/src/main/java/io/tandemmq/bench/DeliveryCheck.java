package io.tandemmq.bench;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of numbered messages: {@code sent} sends returned; {@code lost} of them never
 * arrived; {@code duplicated} extra copies arrived; {@code inDoubt} sends threw, and
 * {@code inDoubtArrived} of those arrived anyway.
 */
record DeliveryCheck(long sent, long lost, long duplicated, long inDoubt, long inDoubtArrived) {

    static DeliveryCheck of(BitSet returned, BitSet threw, Map<Integer, Integer> arrivals) {
        long lost = returned.stream().filter(seq -> !arrivals.containsKey(seq)).count();
        long duplicated = arrivals.values().stream().mapToLong(n -> n - 1L).sum();
        long inDoubtArrived = threw.stream().filter(arrivals::containsKey).count();
        return new DeliveryCheck(returned.cardinality(), lost, duplicated, threw.cardinality(), inDoubtArrived);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", sent);
        m.put("lost", lost);
        m.put("duplicated", duplicated);
        m.put("in-doubt", inDoubt);
        m.put("in-doubt arrived", inDoubtArrived);
        return m;
    }
}
