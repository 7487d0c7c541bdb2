package io.tandemmq.it;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a load balancer, Prometheus and a script see of a real pair: /health is 200 only on the
 * active server and moves with a takeover; the role, takeover and heartbeat metrics follow;
 * {@code status --json} gives both servers as one JSON array; a client's failover events and
 * client-side store show in the application's Micrometer registry.
 */
class MonitoringPairIT {
    @TempDir
    static Path dir;

    private static double failoverEvents(SimpleMeterRegistry meters, String type) {
        var counter = meters.find("tandem.client.failover.events").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void healthAndMetricsFollowTheActiveRole_throughAKillOfTheActiveServer() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir)) {
            PairProcesses.Node active = pair.active();
            PairProcesses.Node passive = pair.passive();
            HttpProbe activeHttp = new HttpProbe(active.httpPort());
            HttpProbe passiveHttp = new HttpProbe(passive.httpPort());

            assertEquals(200, activeHttp.get("/health").statusCode());
            HttpResponse<String> passiveHealth = passiveHttp.get("/health");
            assertEquals(503, passiveHealth.statusCode());
            assertEquals("passive", passiveHealth.body().strip());
            String passiveMetrics = passiveHttp.get("/metrics").body();
            assertEquals(1, HttpProbe.sample(passiveMetrics, "tandem_server_role", "role=\"passive\""), passiveMetrics);
            assertEquals(1, HttpProbe.sample(passiveMetrics, "tandem_heartbeat_link_up"), passiveMetrics);
            assertTrue(HttpProbe.sample(passiveMetrics, "tandem_heartbeat_age_seconds") < 2, passiveMetrics);
            assertEquals(0, HttpProbe.sample(passiveMetrics, "tandem_takeovers_total"), passiveMetrics);

            Cli.Result json = Cli.tandem(dir, "status", "--url", pair.url(), "--json");
            assertEquals(0, json.exitCode(), json.toString());
            String out = json.out().strip();
            assertTrue(out.startsWith("[{") && out.endsWith("}]"), out);
            assertTrue(out.contains("\"name\":\"" + active.name() + "\",\"role\":\"active\""), out);
            assertTrue(out.contains("\"name\":\"" + passive.name() + "\",\"role\":\"passive\""), out);
            assertTrue(out.contains("\"partner\":{\"name\":\"" + active.name() + "\",\"role\":\"active\""), out);

            SimpleMeterRegistry clientMeters = new SimpleMeterRegistry();
            Metrics.addRegistry(clientMeters);
            Path clientStore = dir.resolve("client-store");
            try (Connection client = new TandemConnectionFactory(pair.url() + "?clientPersistence=" + clientStore)
                    .createConnection()) {
                Session s = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Jms.sendTexts(s, s.createQueue("mon.client"), "before the kill");
                assertEquals(0.0, clientMeters.get("tandem.client.persistence.waiting").gauge().value());

                pair.kill(active);
                pair.awaitRole(passive, "active", Duration.ofSeconds(30));
                // while no server answers, the send goes to the client-side store, and reconnecting goes on
                Jms.sendTexts(s, s.createQueue("mon.client"), "after the kill");
                // the global registry may hold these counters from other tests' connections already
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (failoverEvents(clientMeters, "reconnected") < 1 && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                assertTrue(failoverEvents(clientMeters, "disconnected") >= 1);
                assertTrue(failoverEvents(clientMeters, "reconnected") >= 1);
            } finally {
                Metrics.removeRegistry(clientMeters);
            }
            assertNull(clientMeters.find("tandem.client.persistence.waiting").gauge(), "removed when the connection closed");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (passiveHttp.get("/health").statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(200, passiveHttp.get("/health").statusCode());
            String after = passiveHttp.get("/metrics").body();
            assertEquals(1, HttpProbe.sample(after, "tandem_server_role", "role=\"active\""), after);
            assertEquals(1, HttpProbe.sample(after, "tandem_takeovers_total"), after);
            assertEquals(0, HttpProbe.sample(after, "tandem_heartbeat_link_up"), after);
            String status = passiveHttp.get("/api/status").body();
            assertTrue(status.contains("\"why\":\"the partner died"), status);

            Cli.Result half = Cli.tandem(dir, "status", "--url", pair.url(), "--json");
            assertEquals(0, half.exitCode(), half.toString());
            assertTrue(half.out().contains("\"reachable\":false,\"error\":"), half.out());
        }
    }
}
