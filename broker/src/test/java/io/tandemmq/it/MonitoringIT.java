package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The monitoring port of a real broker process with security on: Prometheus text at /metrics and
 * the MXBeans over a JMX connector agree with the traffic sent; /health answers load balancers;
 * without a login of a user with the monitor or admin permission nothing but /health and the
 * console's own files is served.
 */
class MonitoringIT {
    private static final String QUEUE = "mon.orders";
    @TempDir
    static Path dir;
    static BrokerProcess broker;
    static int httpPort;
    static int jmxPort;
    static HttpProbe http;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("secured");
        Files.writeString(dir.resolve("ops.pw"), "ops-secret\n");
        Files.writeString(dir.resolve("app.pw"), "app-secret\n");
        SecurityIT.ok(Cli.tandem(dir, "user", "add", "ops", "--password-file", "ops.pw", "--roles", "ops", "--data", data.toString()));
        SecurityIT.ok(Cli.tandem(dir, "grant", "ops", "monitor", "queue:#", "--data", data.toString()));
        SecurityIT.ok(Cli.tandem(dir, "user", "add", "app", "--password-file", "app.pw", "--roles", "app", "--data", data.toString()));
        SecurityIT.ok(Cli.tandem(dir, "grant", "app", "send,receive,create", "queue:mon.#", "--data", data.toString()));
        int[] ports = FreePorts.pick(2);
        httpPort = ports[0];
        jmxPort = ports[1];
        broker = BrokerProcess.startOnWithJvm(data, List.of("-Xmx256m",
                        "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"),
                "--http-port", String.valueOf(httpPort));
        http = new HttpProbe(httpPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void metricsOverHttpAndJmx_matchTheTrafficSent() throws Exception {
        TandemConnectionFactory cf = new TandemConnectionFactory(broker.url() + "?user=app&password=app-secret");
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = s.createQueue(QUEUE);
            MessageProducer p = s.createProducer(q);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < 50; i++) {
                p.send(s.createTextMessage("order " + i));
            }
            s.commit();
            c.start();
            MessageConsumer consumer = s.createConsumer(q);
            for (int i = 0; i < 20; i++) {
                assertNotNull(consumer.receive(10_000), "message " + i);
            }
            s.commit();
            // the rest were delivered ahead to the consumer's buffer: closing it gives them back
            consumer.close();

            String name = "name=\"" + QUEUE + "\"";
            String metrics = awaitMetrics(m -> HttpProbe.sample(m, "tandem_destination_depth", name) == 30
                    && HttpProbe.sample(m, "tandem_destination_dequeued_total", name) == 20
                    && HttpProbe.sample(m, "tandem_destination_consumers", name) == 0);
            assertEquals(50, HttpProbe.sample(metrics, "tandem_destination_enqueued_total", name), metrics);
            assertEquals(0, HttpProbe.sample(metrics, "tandem_destination_in_flight", name), metrics);
            assertEquals(0, HttpProbe.sample(metrics, "tandem_destination_consumers", name), metrics);
            assertEquals(1, HttpProbe.sample(metrics, "tandem_server_role", "role=\"active\""), metrics);
            assertEquals(0, HttpProbe.sample(metrics, "tandem_server_role", "role=\"passive\""), metrics);
            assertTrue(HttpProbe.sample(metrics, "tandem_connections") >= 1, metrics);
            assertTrue(HttpProbe.sample(metrics, "tandem_sessions") >= 1, metrics);
            // two commits wrote the 50 sends and the 20 acknowledgements, besides the broker's own writes
            assertTrue(HttpProbe.sample(metrics, "tandem_store_commit_seconds_count") >= 2, metrics);
            assertTrue(HttpProbe.sample(metrics, "tandem_lease_renewal_seconds_count") >= 1, metrics);
            assertTrue(metrics.contains("tandem_store_writer_queue_batches{"), metrics);
            assertTrue(metrics.contains("tandem_lease_age_seconds{"), metrics);

            try (JMXConnector jmx = JMXConnectorFactory.connect(
                    new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))) {
                MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                ObjectName queue = new ObjectName("io.tandemmq:type=Destination,server=\"it\",kind=queue,name=\""
                        + QUEUE + "\"");
                assertEquals(30L, mbeans.getAttribute(queue, "Depth"));
                assertEquals(50L, mbeans.getAttribute(queue, "Enqueued"));
                assertEquals(20L, mbeans.getAttribute(queue, "Dequeued"));
                assertEquals(0, mbeans.getAttribute(queue, "Consumers"));
                ObjectName server = new ObjectName("io.tandemmq:type=Server,server=\"it\"");
                assertEquals("active", mbeans.getAttribute(server, "Role"));
                assertTrue((Integer) mbeans.getAttribute(server, "Connections") >= 1);
                assertTrue((Long) mbeans.getAttribute(server, "StoreCommits") >= 2);
            }
        }
    }

    private static String awaitMetrics(java.util.function.Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.get("/metrics", "ops", "ops-secret");
            assertEquals(200, r.statusCode(), r.body());
            last = r.body();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        fail("the metrics did not reach the expected values within 10 s:\n" + last);
        return last;
    }

    @Test
    void withoutALoginOfAMonitor_nothingButHealthAndTheConsoleFilesIsServed() throws Exception {
        HttpResponse<String> metrics = http.get("/metrics");
        assertEquals(401, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), metrics.headers().toString());
        assertFalse(metrics.body().contains("tandem_"), metrics.body());
        HttpResponse<String> status = http.get("/api/status");
        assertEquals(401, status.statusCode());
        assertFalse(status.body().contains("\"server\""), status.body());
        assertEquals(401, http.get("/metrics", "ops", "wrong").statusCode());
        assertEquals(401, http.get("/metrics", "nobody", "ops-secret").statusCode());
        HttpResponse<String> app = http.get("/api/status", "app", "app-secret");
        assertEquals(403, app.statusCode());
        assertTrue(app.body().contains("no monitor or admin permission"), app.body());
        assertFalse(app.body().contains("\"server\""), app.body());

        assertEquals(200, http.get("/health").statusCode());
        assertEquals("active", http.get("/health").body().strip());
        HttpResponse<String> page = http.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("console.js"), page.body());
    }

    @Test
    void aConsoleLogin_givesACookieThatOpensTheStatusUntilLogout() throws Exception {
        assertEquals(401, http.post("/login", "user=ops&password=wrong").statusCode());
        HttpResponse<String> login = http.post("/login", "user=ops&password=ops-secret");
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().toLowerCase().contains("httponly"));

        HttpResponse<String> status = http.getWithCookie("/api/status", cookie);
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(status.body().contains("\"role\":\"active\""), status.body());
        assertTrue(status.body().contains("\"user\":\"ops\""), status.body());

        http.send("POST", "/logout");
        assertEquals(200, http.getWithCookie("/api/status", cookie).statusCode(), "another client's logout ends nothing");
        assertEquals(200, sendWithCookie("/logout", cookie));
        assertEquals(401, http.getWithCookie("/api/status", cookie).statusCode());
    }

    private static int sendWithCookie(String path, String cookie) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Cookie", cookie).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void badHttpRequests_getAClearErrorAndMessagingCarriesOn() throws Exception {
        assertEquals(404, http.get("/nothing-here").statusCode());
        assertEquals(405, http.send("DELETE", "/metrics").statusCode());
        assertEquals(405, http.get("/login").statusCode());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), httpPort)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("\u0000\u0001 garbage that is no HTTP at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 400", answer);
        }
        String huge = "user=" + "x".repeat(100_000);
        assertEquals(413, http.post("/login", huge).statusCode());

        TandemConnectionFactory cf = new TandemConnectionFactory(broker.url() + "?user=app&password=app-secret");
        try (Connection c = cf.createConnection()) {
            SecurityIT.roundTrip(c, "mon.after-bad-http", "still works");
        }
        assertEquals(200, http.get("/health").statusCode());
    }

    @Test
    void anHttpPortInUse_endsTheStartAtOnceNamingTheOption() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.tandem(dir, "run", "--data", dir.resolve("busy-http").toString(), "--port", "0",
                    "--peer-port", "0", "--http-port", String.valueOf(busy.getLocalPort()));
            assertEquals(1, r.exitCode(), r.toString());
            String[] lines = r.err().strip().split("\n");
            assertEquals("tandem: --http-port " + busy.getLocalPort() + ": 127.0.0.1:" + busy.getLocalPort()
                    + " is already in use (another broker or program listens there): stop it, or give another --http-port",
                    lines[lines.length - 1], r.toString());
        }
    }
}
