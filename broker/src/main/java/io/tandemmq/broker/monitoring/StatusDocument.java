package io.tandemmq.broker.monitoring;

import io.tandemmq.broker.core.BrokerFigures;
import io.tandemmq.broker.core.QueueCounts;
import io.tandemmq.broker.ha.PairFigures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON behind the console ({@code GET /api/status}): this server, its partner as the
 * heartbeats tell, and (on the active server) the destinations with their rates and the last
 * minutes' totals. Field names are documented in docs/monitoring.md.
 */
final class StatusDocument {
    private StatusDocument() {
    }

    static String of(PairFigures pair, BrokerFigures figures, RecentHistory history, String user, long nowMillis) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", nowMillis);
        doc.put("user", user);
        doc.put("server", server(pair));
        doc.put("partner", partner(pair));
        doc.put("connections", figures.connections());
        doc.put("sessions", figures.sessions());
        doc.put("memoryUsed", figures.memoryUsed());
        doc.put("memoryLimit", figures.memoryLimit());
        doc.put("destinations", destinations(figures, history));
        List<Object> clients = new ArrayList<>();
        for (BrokerFigures.Client c : figures.clients()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", c.address());
            m.put("user", c.user());
            m.put("clientId", c.clientId());
            m.put("sessions", c.sessions());
            m.put("consumers", c.consumers());
            clients.add(m);
        }
        doc.put("clients", clients);
        List<Object> points = new ArrayList<>();
        for (RecentHistory.Point p : history.points()) {
            points.add(List.of(p.atMillis(), p.waiting(), round(p.inPerSecond()), round(p.outPerSecond())));
        }
        doc.put("history", points);
        return JsonText.of(doc);
    }

    private static Map<String, Object> server(PairFigures p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", p.name());
        s.put("role", p.role().label());
        s.put("epoch", p.epoch());
        s.put("clientUrl", p.clientUrl());
        s.put("leaseAgeMillis", p.leaseAgeMillis());
        s.put("leaseFresh", p.leaseFresh());
        s.put("storeHealthy", p.storeHealthy());
        s.put("takeovers", p.takeovers());
        s.put("fencings", p.fencings());
        PairFigures.Takeover t = p.lastTakeover();
        if (t == null) {
            s.put("lastTakeover", null);
        } else {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", t.atMillis());
            m.put("epoch", t.epoch());
            m.put("millis", t.millis());
            m.put("why", t.why());
            s.put("lastTakeover", m);
        }
        s.put("lastFencing", p.lastFencing());
        return s;
    }

    private static Map<String, Object> partner(PairFigures p) {
        if ("none".equals(p.link())) {
            return null;
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", p.partnerName());
        s.put("role", p.partnerRole());
        s.put("clientUrl", p.partnerClientUrl());
        s.put("heartbeatAgeMillis", p.heartbeatAgeMillis());
        s.put("link", p.link());
        return s;
    }

    private static List<Object> destinations(BrokerFigures figures, RecentHistory history) {
        List<Object> list = new ArrayList<>();
        for (BrokerFigures.Destination d : figures.destinations()) {
            QueueCounts c = d.counts();
            RecentHistory.Rates r = history.rates(d.kind(), d.name());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", d.kind());
            m.put("name", d.name());
            m.put("depth", c.waiting());
            m.put("inFlight", c.inDelivery());
            m.put("paged", c.paged());
            m.put("consumers", c.consumers());
            m.put("enqueued", c.enqueued());
            m.put("dequeued", c.consumed());
            m.put("expired", c.expired());
            m.put("deadLettered", c.deadLettered());
            m.put("inPerSecond", round(r.inPerSecond()));
            m.put("outPerSecond", round(r.outPerSecond()));
            list.add(m);
        }
        return list;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
