package io.tandemmq.it;

import io.tandemmq.protocol.FrameType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pair whose client ports and heartbeat link run TLS, with the link also protected by a shared
 * secret: clients fail over over TLS after SIGKILL of the active server, and strangers on the
 * heartbeat port (no certificate, a trusted certificate but the wrong secret, a proof replayed from
 * another challenge) are turned away while the pair keeps its roles.
 */
class TlsPairIT {
    static final String SECRET = "the pair's own secret, 42 characters long";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern AUTHENTICATED = Pattern.compile("the partner proved the shared secret");
    static TestKeyStores keys;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = TestKeyStores.get();
    }

    /** Starts a pair with TLS everywhere and the secret in a file; waits until both ends of the link authenticated. */
    static PairProcesses startSecuredPair(Path dir, String secret) throws Exception {
        Path secretFile = dir.resolve("peer.secret");
        Files.writeString(secretFile, secret + "\n");
        List<String> args = new ArrayList<>(keys.brokerTlsArgs());
        args.addAll(List.of("--tls-truststore", keys.brokerTrust().toString(), "--tls-truststore-password",
                TestKeyStores.PASSWORD, "--peer-tls", "true", "--peer-secret-file", secretFile.toString()));
        PairProcesses pair = PairProcesses.start(dir, args.toArray(String[]::new));
        try {
            for (PairProcesses.Node n : List.of(pair.a(), pair.b())) {
                pair.awaitLine(n, 0, AUTHENTICATED, WAIT);
            }
            return pair;
        } catch (Exception | Error e) {
            pair.close();
            throw e;
        }
    }

    @Test
    void activeKilled_clientsFailOverOverTls_andEveryMessageArrivesOnce() throws Exception {
        try (PairProcesses pair = startSecuredPair(dir, SECRET);
             FailoverTraffic traffic = new FailoverTraffic(pair.url() + "?" + keys.clientTrust(), "tls-failover",
                     FailoverTraffic.Mode.TRANSACTED, 1000)) {
            assertTrue(pair.url().startsWith("tandems://"), pair.url());
            traffic.start();
            traffic.awaitSent(300, 60_000);
            PairProcesses.Node victim = pair.active();
            pair.kill(victim);
            pair.awaitRole(pair.other(victim), "active", WAIT);
            traffic.finish(120_000);
            PairClientFailoverIT.assertExactlyOnce(traffic);
            int mark = victim.mark();
            pair.restart(victim);
            pair.awaitRole(victim, "passive", WAIT);
            pair.awaitLine(victim, mark, AUTHENTICATED, WAIT);
        }
    }

    @Test
    void strangersOnTheHeartbeatPort_areTurnedAway_andThePairKeepsItsRoles() throws Exception {
        try (PairProcesses pair = startSecuredPair(dir, SECRET)) {
            PairProcesses.Node active = pair.active();
            PairProcesses.Node passive = pair.passive();
            int activeMark = active.mark();
            int passiveMark = passive.mark();
            for (PairProcesses.Node target : List.of(active, passive)) {
                // no certificate: the TLS handshake fails
                assertThrows(IOException.class, () -> {
                    try (PeerPortClient c = PeerPortClient.tls(target.peerPort(), null, keys.brokerTrust())) {
                        c.writeRaw(new byte[] {0, 0, 0, 9});
                        c.in.readInt();
                    }
                }, "a stranger without a certificate");
                // a certificate the pair trusts (stolen), but the wrong secret
                try (PeerPortClient c = PeerPortClient.tls(target.peerPort(), keys.brokerKeys(), keys.brokerTrust())) {
                    c.prove("a guessed secret, not the pair's", c.readChallenge());
                    c.write(FrameType.HEARTBEAT, 1, new byte[] {1, 2, 3});
                    assertTrue(c.closedByBroker(), "a wrong proof closes the connection");
                }
                // the right secret's proof, but for another challenge (as if recorded and replayed)
                try (PeerPortClient c = PeerPortClient.tls(target.peerPort(), keys.brokerKeys(), keys.brokerTrust())) {
                    c.readChallenge();
                    c.prove(SECRET, new byte[32]);
                    assertTrue(c.closedByBroker(), "a replayed proof closes the connection");
                }
                // clear text on the TLS heartbeat port
                try (PeerPortClient c = PeerPortClient.plain(target.peerPort())) {
                    c.write(FrameType.HEARTBEAT, 1, new byte[] {1, 2, 3});
                    assertTrue(c.closedByBroker(), "clear text closes the connection");
                }
                pair.awaitLine(target, target == active ? activeMark : passiveMark,
                        Pattern.compile("heartbeat link: refused .*wrong proof of the shared secret"), WAIT);
            }
            Thread.sleep(1_000);
            assertEquals(List.of(), active.rolesSince(activeMark), "the active server keeps its role");
            assertEquals(List.of(), passive.rolesSince(passiveMark), "the passive server keeps its role");
            assertTrue(active.isAlive() && passive.isAlive());
            assertTrue(passive.linesSince(passiveMark).stream().noneMatch(l -> l.contains("ALARM")),
                    "the partner's heartbeats still arrive: " + passive.linesSince(passiveMark));
            Cli.Result status = Cli.tandem(dir, "status", "--url", pair.url() + "?" + keys.clientTrust());
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().contains("partner: " + passive.name() + " passive, last heartbeat"), status.toString());
        }
    }
}
