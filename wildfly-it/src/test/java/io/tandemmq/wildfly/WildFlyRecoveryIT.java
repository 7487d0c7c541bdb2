package io.tandemmq.wildfly;

import io.tandemmq.it.PairProcesses;
import jakarta.jms.JMSException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Outbound XA recovery in WildFly with no MDB deployed: the adapter's connection factory alone
 * must be registered with the transaction manager's recovery (the shipped ironjacamar.xml's
 * {@code <recovery>} element), so that a branch a send-only application left prepared is
 * committed once a broker is back.
 */
@ExtendWith(PairForServers.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WildFlyRecoveryIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment(name = "adapter", order = 1, testable = false)
    static ResourceAdapterArchive adapter() throws IOException {
        return Deployments.adapter(PairForServers.setup().pair().url() + "?reconnectTotalTime=15000");
    }

    @Deployment(name = "application", order = 2, testable = false)
    static WebArchive application() throws URISyntaxException {
        return Deployments.wildFlySendOnlyApplication(PairForServers.setup().storePort());
    }

    private static PairProcesses pair() {
        return PairForServers.setup().pair();
    }

    @Test
    void sendOnlyApplication_brokersKilledAfterPrepare_recoveryCommitsTheBranchWithoutAnyMdb() throws Exception {
        assertEquals(List.of(), missingRecoveryWarnings(), "WildFly registered no XA recovery for the adapter");

        String pids = pair().a().pid() + "," + pair().b().pid();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(PairForServers.setup().httpBase()
                        + "action?op=kill-after-prepare&queue=wf.send-only&text=prepared-1&pids=" + pids))
                .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "the application failed: " + r.body());
        pair().kill(pair().a());
        pair().kill(pair().b());
        assertEquals(List.of("prepared-1"), OutsideView.rows("SENT", "prepared-"), "the database committed in the second phase");

        pair().restart(pair().a());
        pair().restart(pair().b());
        pair().awaitActive(Duration.ofSeconds(60));
        List<String> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (received.isEmpty() && System.nanoTime() < deadline) {
            try {
                received.addAll(OutsideView.drain("wf.send-only"));
            } catch (JMSException e) {
                // the pair is still settling
            }
            Thread.sleep(500);
        }
        assertEquals(List.of("prepared-1"), received, "committed once by WildFly's recovery, with no MDB deployed");
    }

    /** IJ020016 about the adapter's connection factory, logged since the server last started. */
    private static List<String> missingRecoveryWarnings() throws IOException {
        List<String> log = Files.readAllLines(Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log"));
        int start = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains("WFLYSRV0049")) {
                start = i;
            }
        }
        return log.subList(start, log.size()).stream()
                .filter(l -> l.contains("IJ020016") && l.contains("TandemConnectionFactory")).toList();
    }
}
