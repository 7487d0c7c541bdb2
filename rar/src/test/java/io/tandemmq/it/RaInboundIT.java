package io.tandemmq.it;

import io.tandemmq.ra.TandemResourceAdapter;
import io.tandemmq.ra.inbound.TandemActivationSpec;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAResource;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resource adapter's inbound side outside an application server: a bootstrap context whose
 * work manager runs threads, a message endpoint factory that delivers each message in a Narayana
 * transaction with a Derby insert, and a real broker process (three delivery attempts, then DLQ).
 */
class RaInboundIT {
    @TempDir
    static Path dir;
    static BrokerProcess broker;
    static NarayanaTm narayana;

    @TempDir
    Path testDir;
    DerbyXa derby;
    ThreadBootstrapContext context;
    TandemResourceAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        narayana = NarayanaTm.get();
        broker = BrokerProcess.start(dir, "--max-delivery-attempts", "3");
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        derby = new DerbyXa(testDir.resolve("db")).createTable();
        context = new ThreadBootstrapContext();
        adapter = new TandemResourceAdapter();
        adapter.setServerUrl(broker.url());
        adapter.start(context);
    }

    @AfterEach
    void cleanUp() throws Exception {
        adapter.stop();
        context.close();
        derby.close();
    }

    private static TandemActivationSpec spec(String queue, int maxSession) {
        TandemActivationSpec spec = new TandemActivationSpec();
        spec.setDestination(queue);
        spec.setMaxSession(maxSession);
        return spec;
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void everyMessageIsDeliveredOnceInAnXaTransactionWithTheDatabase() throws Exception {
        List<String> texts = IntStream.range(0, 20).mapToObj(i -> String.format("m%02d", i)).toList();
        XaJms.send(broker.url(), "ra.in.all", texts.toArray(new String[0]));
        XaEndpointFactory endpoints = new XaEndpointFactory(narayana.tm(), derby, 0);
        TandemActivationSpec spec = spec("ra.in.all", 3);
        adapter.endpointActivation(endpoints, spec);
        await(() -> endpoints.delivered.size() >= texts.size(), "20 deliveries");
        adapter.endpointDeactivation(endpoints, spec);
        assertEquals(texts, endpoints.delivered.stream().sorted().toList());
        assertEquals(texts, derby.rows());
        assertEquals(List.of(), XaJms.drain(broker.url(), "ra.in.all"), "everything was consumed");
    }

    @Test
    void onMessageThatThrowsRollsBackAndTheMessageComesAgain() throws Exception {
        XaJms.send(broker.url(), "ra.in.retry", "fail-once");
        XaEndpointFactory endpoints = new XaEndpointFactory(narayana.tm(), derby, 1);
        TandemActivationSpec spec = spec("ra.in.retry", 1);
        adapter.endpointActivation(endpoints, spec);
        await(() -> !endpoints.delivered.isEmpty(), "the redelivery");
        adapter.endpointDeactivation(endpoints, spec);
        assertEquals(List.of("fail-once"), endpoints.delivered);
        assertEquals(List.of("fail-once"), endpoints.redelivered, "the second delivery is marked redelivered");
        assertEquals(List.of("fail-once"), derby.rows());
    }

    @Test
    void aMessageThatAlwaysFailsEndsInTheDeadLetterQueue() throws Exception {
        XaJms.send(broker.url(), "ra.in.dlq", "fail-always");
        XaEndpointFactory endpoints = new XaEndpointFactory(narayana.tm(), derby, Integer.MAX_VALUE);
        TandemActivationSpec spec = spec("ra.in.dlq", 1);
        adapter.endpointActivation(endpoints, spec);
        XaJms.Received dead = XaJms.receive(broker.url(), "DLQ", XaJms.RECEIVE_MILLIS * 2);
        adapter.endpointDeactivation(endpoints, spec);
        assertNotNull(dead, "nothing in the dead-letter queue");
        assertEquals("fail-always", dead.text());
        assertEquals(List.of(), endpoints.delivered);
        assertEquals(List.of(), derby.rows());
    }

    @Test
    void maxDeliveryAttemptsOnTheSpec_movesAMessageThatKeepsFailingToItsDeadLetterQueue() throws Exception {
        XaJms.send(broker.url(), "ra.in.spec.dlq", "fail-twice-then-dead");
        XaEndpointFactory endpoints = new XaEndpointFactory(narayana.tm(), derby, Integer.MAX_VALUE);
        TandemActivationSpec spec = spec("ra.in.spec.dlq", 1);
        spec.setMaxDeliveryAttempts(2);
        spec.setDeadLetterQueue("ra.in.spec.dead");
        spec.setRedeliveryDelay(200L);
        adapter.endpointActivation(endpoints, spec);
        XaJms.Received dead = XaJms.receive(broker.url(), "ra.in.spec.dead", XaJms.RECEIVE_MILLIS * 2);
        adapter.endpointDeactivation(endpoints, spec);
        assertNotNull(dead, "nothing in the spec's dead-letter queue");
        assertEquals("fail-twice-then-dead", dead.text());
        assertEquals(2, endpoints.thrown.get("fail-twice-then-dead").get(), "the bean saw it maxDeliveryAttempts times");
        assertEquals(List.of(), XaJms.drain(broker.url(), "ra.in.spec.dlq"), "consumed from its queue");
        assertEquals(List.of(), XaJms.drain(broker.url(), "DLQ"), "not in the broker's dead-letter queue too");
    }

    @Test
    void destinationAndConnectionFactoryLookups_areResolvedInTheServersNaming() throws Exception {
        XaJms.send(broker.url(), "ra.in.looked.up", "found");
        try (AutoCloseable naming = MapNaming.install()) {
            MapNaming.BOUND.put("java:/jms/in", new io.tandemmq.client.TandemQueue("ra.in.looked.up"));
            MapNaming.BOUND.put("java:/jms/cf", new io.tandemmq.client.TandemConnectionFactory(broker.url()));
            TandemResourceAdapter elsewhere = new TandemResourceAdapter();
            elsewhere.setServerUrl("tandem://127.0.0.1:1?reconnectTotalTime=0");
            elsewhere.start(context);
            try {
                XaEndpointFactory endpoints = new XaEndpointFactory(narayana.tm(), derby, 0);
                TandemActivationSpec spec = new TandemActivationSpec();
                spec.setDestinationLookup("java:/jms/in");
                spec.setConnectionFactoryLookup("java:/jms/cf");
                elsewhere.endpointActivation(endpoints, spec);
                await(() -> !endpoints.delivered.isEmpty(), "the delivery through the looked-up factory");
                elsewhere.endpointDeactivation(endpoints, spec);
                assertEquals(List.of("found"), derby.rows());

                TandemActivationSpec unbound = new TandemActivationSpec();
                unbound.setDestinationLookup("java:/jms/nothing");
                Exception e = assertThrows(InvalidPropertyException.class, () -> elsewhere.endpointActivation(endpoints, unbound));
                assertTrue(e.getMessage().contains("destinationLookup 'java:/jms/nothing'"), e.getMessage());
                TandemActivationSpec wrongKind = new TandemActivationSpec();
                wrongKind.setDestinationLookup("java:/jms/cf");
                e = assertThrows(InvalidPropertyException.class, () -> elsewhere.endpointActivation(endpoints, wrongKind));
                assertTrue(e.getMessage().contains("not to a queue or topic"), e.getMessage());
            } finally {
                elsewhere.stop();
            }
        }
    }

    @Test
    void recoveryScans_getOneXaResourcePerServer_keptFromScanToScan_withoutTheConsumersClientId() throws Exception {
        XaEndpointFactory endpoints = new XaEndpointFactory(narayana.tm(), derby, 0);
        TandemActivationSpec first = spec("ra.in.recovery.a", 1);
        first.setClientId("ra-recovery-consumer");
        TandemActivationSpec second = spec("ra.in.recovery.b", 1);
        adapter.endpointActivation(endpoints, first);
        try {
            XAResource[] scan = adapter.getXAResources(new ActivationSpec[] {first, second});
            assertEquals(1, scan.length, "both specs reach the same server");
            assertEquals(0, scan[0].recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length, "nothing in doubt");
            XAResource[] next = adapter.getXAResources(new ActivationSpec[] {first});
            assertSame(scan[0], next[0], "the next scan reuses the resource instead of opening a connection");
            XaJms.send(broker.url(), "ra.in.recovery.a", "still-delivered");
            await(() -> endpoints.delivered.contains("still-delivered"),
                    "the consumer, whose client id the recovery connection must not take");
        } finally {
            adapter.endpointDeactivation(endpoints, first);
        }
    }

    @Test
    void nonTransactedDeliveryAcknowledgesAfterOnMessageAndRedeliversAfterAnException() throws Exception {
        XaJms.send(broker.url(), "ra.in.plain", "fail-plain", "ok-plain");
        PlainEndpointFactory endpoints = new PlainEndpointFactory();
        TandemActivationSpec spec = spec("ra.in.plain", 1);
        adapter.endpointActivation(endpoints, spec);
        await(() -> endpoints.seen.size() >= 3, "three deliveries");
        adapter.endpointDeactivation(endpoints, spec);
        assertEquals(List.of("fail-plain", "fail-plain", "ok-plain"), endpoints.seen);
        assertEquals(List.of(false, true, false), endpoints.redelivered);
        assertEquals(List.of(), XaJms.drain(broker.url(), "ra.in.plain"), "both acknowledged");
    }

    @Test
    void afterDeactivationMessagesStayOnTheQueue() throws Exception {
        XaEndpointFactory endpoints = new XaEndpointFactory(narayana.tm(), derby, 0);
        TandemActivationSpec spec = spec("ra.in.stop", 2);
        adapter.endpointActivation(endpoints, spec);
        adapter.endpointDeactivation(endpoints, spec);
        XaJms.send(broker.url(), "ra.in.stop", "kept");
        assertEquals(List.of("kept"), XaJms.drain(broker.url(), "ra.in.stop"));
        assertEquals(List.of(), endpoints.delivered);
    }

    @Test
    void badActivationSpecNamesEveryProperty() {
        TandemActivationSpec spec = new TandemActivationSpec();
        spec.setDestinationType("jakarta.jms.Nothing");
        spec.setMaxSession(-1);
        spec.setShareSubscriptions(true);
        spec.setRedeliveryDelay(-5L);
        spec.setMaxDeliveryAttempts(-1);
        Exception e = assertThrows(InvalidPropertyException.class, spec::validate);
        for (String property : List.of("destinationLookup", "destinationType", "maxSession", "redeliveryDelay",
                "maxDeliveryAttempts")) {
            assertTrue(e.getMessage().contains(property), property + " not named in: " + e.getMessage());
        }
        TandemActivationSpec shared = spec("t", 1);
        shared.setDestinationType(TandemActivationSpec.TOPIC);
        shared.setShareSubscriptions(true);
        Exception e2 = assertThrows(InvalidPropertyException.class, shared::validate);
        assertTrue(e2.getMessage().contains("subscriptionName"), e2.getMessage());
        XaEndpointFactory endpoints = new XaEndpointFactory(narayana.tm(), derby, 0);
        assertThrows(InvalidPropertyException.class, () -> adapter.endpointActivation(endpoints, spec));
    }
}
