package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker that runs out of memory halts at once with one line, instead of staying alive with dead
 * threads and answering nobody: here a small heap and a message memory limit far above it, filled
 * with messages nobody consumes.
 */
class FatalErrorHaltIT {
    private static final int HALT_EXIT_CODE = 70;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void brokerOutOfMemory_haltsWithOneFatalLine_insteadOfStayingDeaf() throws Exception {
        try (BrokerProcess broker = BrokerProcess.startWithJvm(dir, List.of("-Xmx40m"), "--max-memory", "1g")) {
            byte[] body = new byte[512 * 1024];
            int sent = 0;
            try (Connection c = new TandemConnectionFactory(broker.url() + "?reconnectTotalTime=0&requestTimeout=10000")
                    .createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue("fill"));
                // persistent: each send waits for the broker, so the client holds one message at a time
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                while (sent < 400) {
                    var m = s.createBytesMessage();
                    m.writeBytes(body);
                    p.send(m);
                    sent++;
                }
            } catch (JMSException e) {
                System.out.println("FatalErrorHaltIT: the send after " + sent + " messages failed: " + e);
            }
            assertEquals(HALT_EXIT_CODE, broker.awaitExit(Duration.ofSeconds(60)),
                    "the broker halts (after " + sent + " sends of 512 KiB):\n" + Files.readString(broker.output()));
            List<String> fatal = Files.readAllLines(broker.output()).stream().filter(l -> l.contains("FATAL")).toList();
            assertEquals(1, fatal.size(), "one line says why:\n" + Files.readString(broker.output()));
            assertTrue(fatal.get(0).contains("OutOfMemoryError"), fatal.get(0));
            assertTrue(fatal.get(0).matches("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} FATAL .*"), fatal.get(0));
            System.out.println("FatalErrorHaltIT: " + fatal.get(0));
        }
    }
}
