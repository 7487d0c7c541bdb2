package io.tandemmq.it;

import io.tandemmq.client.TandemConnection;
import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.offline.OfflineEvent;
import io.tandemmq.client.offline.OfflineStatus;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client-side persistence with real processes: producers that run while no server can be reached,
 * are killed with SIGKILL, and leave their directory to the next process; a pair whose active
 * server dies while stored messages are forwarded; a torn tail; a full store.
 */
class OfflineProducerIT {
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final Duration LONG = Duration.ofSeconds(180);
    private static final long RECEIVE_MILLIS = 30_000;
    private static final long QUIET_MILLIS = 1_000;

    @TempDir
    Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    @Test
    void producerKilledWhileOffline_everyReturnedSendArrivesOnceInOrder() throws Exception {
        int port = freePort();
        Path store = dir.resolve("store");
        String url = "tandem://127.0.0.1:" + port + "?clientPersistence=" + store;

        ChildProcess first = closeLater(ChildProcess.start(dir.resolve("first.out"), OfflineProducerChild.class,
                url, "orders", "m", "1000", "exit"));
        first.awaitLines(l -> l.startsWith("sent "), 500, SHORT);
        first.kill();
        int returned = (int) first.lines().stream().filter(l -> l.startsWith("sent ")).count();
        assertTrue(returned < 1000, "the producer was to be killed midway, but all its sends returned");

        BrokerProcess broker = closeLater(BrokerProcess.start(dir, "--port", String.valueOf(port)));
        ChildProcess second = closeLater(ChildProcess.start(dir.resolve("second.out"), OfflineProducerChild.class,
                url, "orders", "n", "100", "await"));
        assertEquals(0, second.awaitExit(LONG), second::tail);

        List<String> received = receiveAll(broker.url(), "orders", returned + 100);
        // the killed producer's messages whose send returned, perhaps one more whose write was complete
        int stored = withPrefix(received, "m-").size();
        assertTrue(stored >= returned, "sends that returned were lost: " + stored + " < " + returned);
        // ... then the next process's, which come after what the earlier one left
        List<String> expected = new ArrayList<>(numbered("m", stored));
        expected.addAll(numbered("n", 100));
        assertEquals(expected, received);
    }

    @Test
    void activeServerKilledDuringForwarding_everyMessageArrivesOnceInOrder() throws Exception {
        PairProcesses pair = closeLater(PairProcesses.start(dir));
        pair.kill(pair.a());
        pair.kill(pair.b());
        Path store = dir.resolve("store");
        String url = pair.url() + "?clientPersistence=" + store;
        ChildProcess producer = closeLater(ChildProcess.start(dir.resolve("producer.out"), OfflineProducerChild.class,
                url, "payments", "m", "1000", "exit"));
        assertEquals(0, producer.awaitExit(LONG), producer::tail);

        pair.restart(pair.a());
        pair.restart(pair.b());
        pair.awaitActive(SHORT);
        List<OfflineEvent> events = new CopyOnWriteArrayList<>();
        try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
            OfflineStatus status = c.clientPersistence().orElseThrow();
            status.addListener(events::add);
            awaitUntil(() -> status.forwardedMessages() >= 200, SHORT, "200 messages forwarded");
            pair.kill(pair.active());
            awaitUntil(() -> status.waitingMessages() == 0, LONG, "every stored message forwarded");
        }
        List<String> received = receiveAll(pair.url(), "payments", 1000);
        assertEquals(numbered("m", 1000), received);
        assertTrue(events.stream().anyMatch(e -> e.type() == OfflineEvent.Type.FORWARDING_STARTED), events::toString);
        assertTrue(events.stream().anyMatch(e -> e.type() == OfflineEvent.Type.FORWARDING_FINISHED), events::toString);
    }

    @Test
    void producerKeepsRunningThroughAFullOutageOfBothServers_noMessageLostOrDuplicated() throws Exception {
        PairProcesses pair = closeLater(PairProcesses.start(dir));
        String url = pair.url() + "?clientPersistence=" + dir.resolve("store");
        int total = 1500;
        AtomicInteger sent = new AtomicInteger();
        try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("outage"));
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        p.send(s.createTextMessage("m-" + i));
                        sent.incrementAndGet();
                        Thread.sleep(2);
                    }
                } catch (JMSException | InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            awaitUntil(() -> sent.get() >= 300, SHORT, "300 messages sent to the pair");
            pair.kill(pair.a());
            pair.kill(pair.b());
            OfflineStatus status = c.clientPersistence().orElseThrow();
            // the producer goes on: its sends return once stored locally
            awaitUntil(() -> status.waitingMessages() >= 200, SHORT, "200 messages stored while both servers are down");
            assertFalse(producing.isCompletedExceptionally(), "the producer stopped with an error");
            pair.restart(pair.a());
            pair.restart(pair.b());
            pair.awaitActive(SHORT);
            producing.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            awaitUntil(() -> status.waitingMessages() == 0, LONG, "every stored message forwarded");
        }
        assertEquals(numbered("m", total), receiveAll(pair.url(), "outage", total));
    }

    @Test
    void producerThatKeepsSendingWhenTheServerComes_keepsItsOrder() throws Exception {
        int port = freePort();
        String url = "tandem://127.0.0.1:" + port + "?clientPersistence=" + dir.resolve("store");
        List<String> sent = new ArrayList<>();
        try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("sequence"));
            for (int i = 0; i < 300; i++) {
                p.send(s.createTextMessage("m-" + i));
            }
            assertEquals(300, c.clientPersistence().orElseThrow().waitingMessages());
            BrokerProcess broker = closeLater(BrokerProcess.start(dir, "--port", String.valueOf(port)));
            // sends go on while the connection comes up and the stored messages are forwarded
            for (int i = 300; i < 900; i++) {
                p.send(s.createTextMessage("m-" + i));
            }
            OfflineStatus status = c.clientPersistence().orElseThrow();
            awaitUntil(() -> status.waitingMessages() == 0, LONG, "every stored message forwarded");
            sent.addAll(receiveAll(broker.url(), "sequence", 900));
        }
        assertEquals(numbered("m", 900), sent);
    }

    @Test
    void tornTailAfterACrash_isCutOffAndLogged_andEveryEarlierMessageArrives() throws Exception {
        int port = freePort();
        Path store = dir.resolve("store");
        String url = "tandem://127.0.0.1:" + port + "?clientPersistence=" + store;
        sendOffline(url, "torn", 50);
        try (Stream<Path> files = Files.list(store)) {
            Path segment = files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
            // the start of a record whose write a crash cut short
            Files.write(segment, new byte[] {0x54, 0x44, 0x4d, 0x31, 0, 0, 1, 0, 7, 7, 7}, StandardOpenOption.APPEND);
        }
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger("io.tandemmq.client.offline.OfflineLog");
        Handler handler = collect(warnings);
        log.addHandler(handler);
        try {
            BrokerProcess broker = closeLater(BrokerProcess.start(dir, "--port", String.valueOf(port)));
            try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
                OfflineStatus status = c.clientPersistence().orElseThrow();
                awaitUntil(() -> status.waitingMessages() == 0, LONG, "every stored message forwarded");
            }
            assertEquals(numbered("m", 50), receiveAll(broker.url(), "torn", 50));
        } finally {
            log.removeHandler(handler);
        }
        assertTrue(warnings.stream().anyMatch(r -> r.getMessage().contains("torn or corrupt tail")), warnings::toString);
    }

    @Test
    void jmsContextOffline_storesItsSends_andTheNextConnectionForwardsThem() throws Exception {
        int port = freePort();
        String url = "tandem://127.0.0.1:" + port + "?clientPersistence=" + dir.resolve("store");
        long start = System.nanoTime();
        try (JMSContext context = new TandemConnectionFactory(url).createContext()) {
            Queue queue = context.createQueue("simplified");
            JMSProducer producer = context.createProducer();
            for (int i = 0; i < 20; i++) {
                producer.send(queue, "m-" + i);
            }
        }
        long offlineMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(offlineMillis < 10_000, "nothing offline waits for a server (requestTimeout is 30 s): " + offlineMillis + " ms");
        BrokerProcess broker = closeLater(BrokerProcess.start(dir, "--port", String.valueOf(port)));
        try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
            assertEquals(20, c.clientPersistence().orElseThrow().waitingMessages());
            OfflineStatus status = c.clientPersistence().orElseThrow();
            awaitUntil(() -> status.waitingMessages() == 0, LONG, "every stored message forwarded");
        }
        assertEquals(numbered("m", 20), receiveAll(broker.url(), "simplified", 20));
    }

    @Test
    void fullStore_refusesTheSendWithResourceAllocationException_andForwardsEverythingItKept() throws Exception {
        int port = freePort();
        String url = "tandem://127.0.0.1:" + port + "?clientPersistence=" + dir.resolve("store")
                + "&clientPersistenceMaxBytes=65536";
        int stored = 0;
        try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("full"));
            String filler = "x".repeat(1000);
            ResourceAllocationException full = null;
            while (full == null) {
                try {
                    p.send(s.createTextMessage("m-" + stored + " " + filler));
                    stored++;
                } catch (ResourceAllocationException e) {
                    full = e;
                }
            }
            assertTrue(full.getMessage().contains("clientPersistenceMaxBytes"), full.getMessage());
            assertTrue(stored > 10, "a 64 KiB store holds more than ten 1 KB messages: " + stored);
            assertEquals(stored, c.clientPersistence().orElseThrow().waitingMessages());

            BrokerProcess broker = closeLater(BrokerProcess.start(dir, "--port", String.valueOf(port)));
            OfflineStatus status = c.clientPersistence().orElseThrow();
            awaitUntil(() -> status.waitingMessages() == 0, LONG, "every stored message forwarded");
            p.send(s.createTextMessage("m-" + stored + " " + filler));
            List<String> received = receiveAll(broker.url(), "full", stored + 1);
            assertEquals(numbered("m", stored + 1), received.stream().map(t -> t.substring(0, t.indexOf(' '))).toList());
        }
    }

    @Test
    void directoryHeldByAnotherProcess_isRefusedAtCreateConnection_namingIt() throws Exception {
        Path store = dir.resolve("store");
        String url = "tandem://127.0.0.1:" + freePort() + "?clientPersistence=" + store;
        ChildProcess holder = closeLater(ChildProcess.start(dir.resolve("holder.out"), OfflineProducerChild.class,
                url, "held", "m", "5", "hold"));
        holder.awaitLines(l -> l.equals("holding"), 1, SHORT);
        JMSException e = assertThrows(JMSException.class, () -> new TandemConnectionFactory(url).createConnection());
        assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        assertTrue(e.getMessage().contains(store.toString()), e.getMessage());
        holder.kill();
        try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
            assertEquals(5, c.clientPersistence().orElseThrow().waitingMessages(), "what the killed holder stored is kept");
        }
    }

    @Test
    void unusableOrCorruptDirectory_isRefusedAtCreateConnection_namingThePath_andNothingIsDeleted() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
        String underFile = "tandem://127.0.0.1:" + freePort() + "?clientPersistence=" + file.resolve("store");
        JMSException notCreated = assertThrows(JMSException.class, () -> new TandemConnectionFactory(underFile).createConnection());
        assertTrue(notCreated.getMessage().contains(file.resolve("store").toString()), notCreated.getMessage());

        Path store = dir.resolve("store");
        String url = "tandem://127.0.0.1:" + freePort() + "?clientPersistence=" + store;
        sendOffline(url, "corrupt", 3);
        Path segment;
        try (Stream<Path> files = Files.list(store)) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        bytes[20] ^= 0x5a;
        Files.write(segment, bytes);
        JMSException corrupt = assertThrows(JMSException.class, () -> new TandemConnectionFactory(url).createConnection());
        assertTrue(corrupt.getMessage().contains(segment.toString()), corrupt.getMessage());
        assertTrue(corrupt.getMessage().contains("corrupt"), corrupt.getMessage());
        assertEquals(new String(bytes, StandardCharsets.ISO_8859_1),
                new String(Files.readAllBytes(segment), StandardCharsets.ISO_8859_1), "the corrupt file was changed");
    }

    @Test
    void transactedSessionOffline_commitFails_andNonPersistentSendThrows() throws Exception {
        String url = "tandem://127.0.0.1:" + freePort() + "?clientPersistence=" + dir.resolve("store")
                + "&requestTimeout=1000";
        try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            tx.createProducer(tx.createQueue("tx")).send(tx.createTextMessage("in a transaction"));
            assertThrows(JMSException.class, tx::commit);

            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("np"));
            p.setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT);
            JMSException e = assertThrows(JMSException.class, () -> p.send(s.createTextMessage("fleeting")));
            assertTrue(e.getMessage().contains("non-persistent"), e.getMessage());
            assertEquals(0, c.clientPersistence().orElseThrow().waitingMessages());
        }
    }

    // ---- helpers ----

    private static void sendOffline(String url, String queue, int count) throws JMSException {
        try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < count; i++) {
                p.send(s.createTextMessage("m-" + i));
            }
            assertEquals(count, c.clientPersistence().orElseThrow().waitingMessages());
        }
    }

    /** Receives at least {@code atLeast} texts (each must come in time), then whatever else comes until the queue is quiet. */
    private static List<String> receiveAll(String url, String queue, int atLeast) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Connection c = new TandemConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            while (texts.size() < atLeast) {
                Message m = consumer.receive(RECEIVE_MILLIS);
                if (m == null) {
                    throw new AssertionError("expected " + atLeast + " messages, got " + texts.size() + ": " + tail(texts));
                }
                texts.add(((TextMessage) m).getText());
            }
            Message more;
            while ((more = consumer.receive(QUIET_MILLIS)) != null) {
                texts.add(((TextMessage) more).getText());
            }
        }
        return texts;
    }

    private static String tail(List<String> texts) {
        return texts.subList(Math.max(0, texts.size() - 5), texts.size()).toString();
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(prefix + "-" + i);
        }
        return texts;
    }

    private static List<String> withPrefix(List<String> texts, String prefix) {
        return texts.stream().filter(t -> t.startsWith(prefix)).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Check check, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Handler collect(List<LogRecord> records) {
        return new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
                // nothing buffered
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
