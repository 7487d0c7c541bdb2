package io.tandemmq.broker.monitoring;

import io.tandemmq.broker.core.BrokerFigures;
import io.tandemmq.broker.core.QueueCounts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentHistoryTest {
    private static BrokerFigures queue(long waiting, long enqueued, long consumed) {
        return new BrokerFigures(List.of(new BrokerFigures.Destination("queue", "orders",
                new QueueCounts(waiting, 0, 1, enqueued, consumed, 0, 0, 0))), List.of(), 1, 1, 0, 100);
    }

    @Test
    void rates_comeFromTheCountsBetweenTwoSamples() {
        RecentHistory h = new RecentHistory(10);
        h.add(10_000, queue(0, 0, 0));
        h.add(12_000, queue(10, 30, 20));
        assertEquals(new RecentHistory.Rates(15, 10), h.rates("queue", "orders"));
        assertEquals(new RecentHistory.Point(12_000, 10, 15, 10), h.points().get(1));
    }

    @Test
    void countsStartedAgainByATakeover_giveNoNegativeRate() {
        RecentHistory h = new RecentHistory(10);
        h.add(10_000, queue(5, 500, 495));
        h.add(11_000, queue(5, 3, 0));
        assertEquals(new RecentHistory.Rates(0, 0), h.rates("queue", "orders"));
    }

    @Test
    void onlyTheLastPoints_areKept() {
        RecentHistory h = new RecentHistory(3);
        for (int i = 0; i < 5; i++) {
            h.add(1_000L * (i + 1), BrokerFigures.EMPTY);
        }
        assertEquals(List.of(3_000L, 4_000L, 5_000L), h.points().stream().map(RecentHistory.Point::atMillis).toList());
    }
}
