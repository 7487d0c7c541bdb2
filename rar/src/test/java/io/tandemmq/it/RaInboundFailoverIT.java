package io.tandemmq.it;

import io.tandemmq.ra.TandemResourceAdapter;
import io.tandemmq.ra.inbound.TandemActivationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Inbound XA delivery across a SIGKILLed active broker: the consumers fail over to the passive
 * and carry on with nothing redeployed, and every message is processed exactly once (one Derby row
 * per message, committed with its consumption).
 */
class RaInboundFailoverIT {
    @TempDir
    Path dir;

    @Test
    void deliveryGoesOnAcrossAKilledActiveExactlyOnce() throws Exception {
        NarayanaTm narayana = NarayanaTm.get();
        List<String> texts = IntStream.range(0, 300).mapToObj(i -> String.format("f%03d", i)).toList();
        try (PairProcesses pair = PairProcesses.start(dir);
             ThreadBootstrapContext context = new ThreadBootstrapContext();
             DerbyXa derby = new DerbyXa(dir.resolve("db")).createTable()) {
            XaJms.send(pair.url(), "ra.in.fo", texts.toArray(new String[0]));
            TandemResourceAdapter adapter = new TandemResourceAdapter();
            adapter.setServerUrl(pair.url());
            adapter.start(context);
            try {
                XaEndpointFactory endpoints = new XaEndpointFactory(narayana.tm(), derby, 0);
                TandemActivationSpec spec = new TandemActivationSpec();
                spec.setDestination("ra.in.fo");
                spec.setMaxSession(2);
                adapter.endpointActivation(endpoints, spec);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (endpoints.delivered.size() < 50 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                pair.kill(pair.active());
                pair.awaitActive(Duration.ofSeconds(60));
                deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (derby.rows().size() < texts.size() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                adapter.endpointDeactivation(endpoints, spec);
                PairJms.assertExactlyOnce(texts, derby.rows());
                assertEquals(List.of(), XaJms.drain(pair.url(), "ra.in.fo"), "nothing left on the queue");
            } finally {
                adapter.stop();
            }
        }
    }
}
