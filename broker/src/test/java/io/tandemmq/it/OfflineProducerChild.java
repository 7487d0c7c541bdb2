package io.tandemmq.it;

import io.tandemmq.client.TandemConnection;
import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.offline.OfflineStatus;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * The producer JVM of {@link OfflineProducerIT}: opens a connection with client-side persistence,
 * sends text messages {@code <prefix>-<i>} for {@code i} in {@code [0, count)} on a persistent,
 * non-transacted producer, and prints {@code sent <i>} after each send returns, so that the test
 * knows which sends returned before it kills this JVM. Then, with {@code await}, it waits until
 * nothing waits in the store any more and prints {@code forwarded}; with {@code hold} it prints
 * {@code holding} and keeps the store open until killed; with {@code exit} it closes and exits.
 *
 * <p>Arguments: URL (with {@code clientPersistence=DIR}), queue, prefix, count, {@code await},
 * {@code hold} or {@code exit}. Prints {@code ready} once the connection is open; exit code 2 with a stack trace
 * on any error.
 */
public final class OfflineProducerChild {
    private static final long AWAIT_FORWARDED_MILLIS = 120_000;

    private OfflineProducerChild() {
    }

    public static void main(String[] args) {
        try {
            run(args[0], args[1], args[2], Integer.parseInt(args[3]), args[4]);
            System.out.flush();
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            System.out.flush();
            Runtime.getRuntime().halt(2);
        }
    }

    private static void run(String url, String queue, String prefix, int count, String then) throws Exception {
        try (TandemConnection c = new TandemConnectionFactory(url).createConnection()) {
            System.out.println("ready");
            System.out.flush();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++) {
                p.send(s.createTextMessage(prefix + "-" + i));
                System.out.println("sent " + i);
                System.out.flush();
            }
            if (then.equals("await")) {
                awaitForwarded(c.clientPersistence().orElseThrow());
                System.out.println("forwarded");
            } else if (then.equals("hold")) {
                System.out.println("holding");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    private static void awaitForwarded(OfflineStatus status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + AWAIT_FORWARDED_MILLIS;
        while (status.waitingMessages() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(status.waitingMessages() + " messages still wait in " + status.directory());
            }
            Thread.sleep(50);
        }
    }
}
