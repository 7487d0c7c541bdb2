package io.tandemmq.broker.monitoring;

import io.tandemmq.broker.core.BrokerFigures;
import io.tandemmq.broker.core.QueueCounts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last minutes of the broker's totals (messages waiting, in and out per second) for the
 * console's chart, and each destination's rates between the last two samples. Thread-safe.
 */
final class RecentHistory {
    /** One point of the chart. */
    record Point(long atMillis, long waiting, double inPerSecond, double outPerSecond) {
    }

    /** A destination's rates over the last interval. */
    record Rates(double inPerSecond, double outPerSecond) {
        static final Rates NONE = new Rates(0, 0);
    }

    private final int capacity;
    private final ArrayDeque<Point> points = new ArrayDeque<>();
    private BrokerFigures previous = BrokerFigures.EMPTY;
    private long previousAt;
    private Map<String, Rates> rates = Map.of();

    /** @param capacity how many samples are kept (one per refresh) */
    RecentHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(long atMillis, BrokerFigures now) {
        double seconds = previousAt == 0 ? 0 : (atMillis - previousAt) / 1000.0;
        Map<String, QueueCounts> before = previous.countsByKey();
        Map<String, Rates> newRates = new HashMap<>();
        long waiting = 0;
        double in = 0;
        double out = 0;
        for (BrokerFigures.Destination d : now.destinations()) {
            String key = d.key();
            QueueCounts c = d.counts();
            QueueCounts b = before.get(key);
            Rates r = b == null || seconds <= 0 ? Rates.NONE
                    : new Rates(rate(c.enqueued() - b.enqueued(), seconds), rate(c.consumed() - b.consumed(), seconds));
            newRates.put(key, r);
            waiting += c.waiting();
            in += r.inPerSecond();
            out += r.outPerSecond();
        }
        rates = newRates;
        previous = now;
        previousAt = atMillis;
        points.addLast(new Point(atMillis, waiting, in, out));
        while (points.size() > capacity) {
            points.removeFirst();
        }
    }

    /** A counter that went down (a takeover started it again) gives no rate. */
    private static double rate(long delta, double seconds) {
        return delta < 0 ? 0 : delta / seconds;
    }

    synchronized List<Point> points() {
        return new ArrayList<>(points);
    }

    synchronized Rates rates(String kind, String name) {
        return rates.getOrDefault(BrokerFigures.key(kind, name), Rates.NONE);
    }
}
