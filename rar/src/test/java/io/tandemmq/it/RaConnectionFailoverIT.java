package io.tandemmq.it;

import io.tandemmq.ra.outbound.TandemManagedConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ManagedConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pooled connections when a broker dies for real (SIGKILL): one whose failover reaches the other
 * broker of the pair stays valid and usable; one whose failover gives up is reported with
 * {@code CONNECTION_ERROR_OCCURRED} and as invalid.
 */
class RaConnectionFailoverIT {
    @TempDir
    Path dir;
    EnlistingConnectionManager manager;

    @AfterEach
    void cleanUp() throws Exception {
        if (manager != null) {
            manager.destroyAll();
        }
    }

    @Test
    void connectionFailingOverToThePassiveStaysInThePool() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir)) {
            manager = new EnlistingConnectionManager(NarayanaTm.get().tm());
            TandemManagedConnectionFactory mcf = new TandemManagedConnectionFactory();
            mcf.setServerUrl(pair.url());
            ConnectionFactory cf = (ConnectionFactory) mcf.createConnectionFactory(manager);
            try (Connection c = cf.createConnection()) {
                Session s = c.createSession();
                s.createProducer(s.createQueue("ra.fo")).send(s.createTextMessage("before"));
                ManagedConnection mc = manager.live.get(0);
                pair.kill(pair.active());
                pair.awaitActive(Duration.ofSeconds(60));
                s.createProducer(s.createQueue("ra.fo")).send(s.createTextMessage("after"));
                assertEquals(Set.of(), mcf.getInvalidConnections(Set.of(mc)), "a connection that failed over is valid");
                assertFalse(manager.events.contains(ConnectionEvent.CONNECTION_ERROR_OCCURRED), "no error for a failover");
            }
            assertEquals(List.of("after", "before"), XaJms.drain(pair.url(), "ra.fo").stream().sorted().toList());
        }
    }

    @Test
    void connectionWhoseFailoverGivesUpIsReportedAsBroken() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dir)) {
            manager = new EnlistingConnectionManager(NarayanaTm.get().tm());
            TandemManagedConnectionFactory mcf = new TandemManagedConnectionFactory();
            mcf.setServerUrl(broker.url());
            mcf.setReconnectTotalTime(1_000L);
            ConnectionFactory cf = (ConnectionFactory) mcf.createConnectionFactory(manager);
            Connection c = cf.createConnection();
            ManagedConnection mc = manager.live.get(0);
            broker.kill();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!manager.events.contains(ConnectionEvent.CONNECTION_ERROR_OCCURRED) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(manager.events.contains(ConnectionEvent.CONNECTION_ERROR_OCCURRED),
                    "no CONNECTION_ERROR_OCCURRED after failover gave up: " + manager.events);
            assertEquals(Set.of(mc), mcf.getInvalidConnections(Set.of(mc)));
            c.close();
        }
    }
}
