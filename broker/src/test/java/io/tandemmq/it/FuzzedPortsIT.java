package io.tandemmq.it;

import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.ErrorReply;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.Hello;
import io.tandemmq.protocol.ProtocolVersion;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.WireWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed, truncated and oversized frames and random bytes on both ports of a pair with security
 * on (users written by the offline {@code user add}) and a heartbeat link protected by a shared
 * secret, before and after authenticating on each. {@link BadInputIT} covers each kind of bad
 * client frame one by one on a single broker without security; this class adds the heartbeat port,
 * the authentication step, and random input. After every test both servers still run in the roles
 * they had, a connection opened before still sends and receives, and a stored message is still
 * stored. Random input comes from a seed printed at the start.
 */
class FuzzedPortsIT {
    private static final String SECRET = "fuzzing the pair, secret of the link";
    private static final long WAIT = 10_000;
    private static final long SEED = System.nanoTime();
    private static final List<FrameType> REQUESTS = List.of(FrameType.CREATE_SESSION, FrameType.SEND,
            FrameType.CREATE_CONSUMER, FrameType.COMMIT, FrameType.XA_RECOVER, FrameType.LIST_DESTINATIONS,
            FrameType.CREATE_DESTINATION, FrameType.TX_OUTCOME, FrameType.HEARTBEAT, FrameType.PEER_PROOF);

    @TempDir
    static Path dir;
    static PairProcesses pair;
    static PairProcesses.Node active;
    static PairProcesses.Node passive;
    static int activeMark;
    static int passiveMark;
    static SurvivingClient survivor;
    static final Random random = new Random(SEED);

    @BeforeAll
    static void start() throws Exception {
        System.out.println("FuzzedPortsIT: random seed " + SEED);
        Path secret = dir.resolve("peer.secret");
        Files.writeString(secret, SECRET);
        pair = PairProcesses.start(dir, "--peer-secret-file", secret.toString());
        Files.writeString(dir.resolve("admin.pw"), "admin-secret\n");
        SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(pair.storeArgs(), "user", "add", "admin", "--password-file", "admin.pw", "--roles", "admin")));
        SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(pair.storeArgs(), "grant", "admin", "send,receive,browse,create", "queue:#")));
        active = pair.active();
        passive = pair.passive();
        survivor = SurvivingClient.open(active.url() + "?user=admin&password=admin-secret", "fuzz");
        activeMark = active.mark();
        passiveMark = passive.mark();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (survivor != null) {
                survivor.close();
            }
        } finally {
            if (pair != null) {
                pair.close();
            }
        }
    }

    /** After every test: same roles, both alive, the old connection works, the stored message is there. */
    @AfterEach
    void pairAndOldClientAreUnaffected() throws Exception {
        assertTrue(active.isAlive() && passive.isAlive(), "both servers run");
        assertEquals(List.of(), active.rolesSince(activeMark), "the active server keeps its role");
        assertEquals(List.of(), passive.rolesSince(passiveMark), "the passive server keeps its role");
        survivor.assertUnaffected();
    }

    private static byte[] randomBytes(int max) {
        byte[] b = new byte[1 + random.nextInt(max)];
        random.nextBytes(b);
        return b;
    }

    // ---- the client port ----

    @Test
    void randomBytesOnTheClientPort_beforeAndAfterAuthenticating_onlyCloseThatConnection() throws Exception {
        for (int i = 0; i < 30; i++) {
            try (BadInputIT.RawClient raw = new BadInputIT.RawClient(active.url())) {
                if (i % 2 == 1) {
                    raw.hello("admin", "admin-secret");
                }
                raw.out.write(randomBytes(4096));
                raw.out.flush();
                raw.socket.shutdownOutput();
                assertTrue(closedWithoutWelcome(raw), "round " + i + " (seed " + SEED + ")");
            }
        }
    }

    @Test
    void requestsBeforeTheHandshake_closeTheConnection_andTellNothingAboutUsers() throws Exception {
        for (FrameType type : REQUESTS) {
            try (BadInputIT.RawClient raw = new BadInputIT.RawClient(active.url())) {
                raw.write(type.code(), 1, new WireWriter().writeLong(1).writeString("admin").toByteArray());
                BadInputIT.Frame f = raw.expectErrorAndClose(ErrorCode.PROTOCOL);
                String message = ErrorReply.read(new WireReader(f.payload())).message();
                assertEquals(type + " before the handshake", message, "the only thing a client learns");
            }
        }
    }

    @Test
    void requestsSentRightAfterAHelloWithWrongCredentials_closeTheConnectionWithoutAWelcome() throws Exception {
        for (FrameType type : REQUESTS) {
            try (BadInputIT.RawClient raw = new BadInputIT.RawClient(active.url())) {
                raw.write(FrameType.HELLO.code(), 1,
                        new Hello(ProtocolVersion.CURRENT, "admin", "wrong", null, 5_000, 30_000).encode());
                raw.write(type.code(), 2, new WireWriter().writeLong(1).toByteArray());
                List<String> said = new ArrayList<>();
                assertTrue(closedWithoutWelcome(raw, said), type.toString());
                assertTrue(said.stream().noneMatch(s -> s.contains("admin")), "nothing about users: " + said);
            }
        }
    }

    @Test
    void truncatedOversizedAndGarbageFramesAfterAuthenticating_closeOnlyThatConnection() throws Exception {
        for (FrameType type : REQUESTS) {
            try (BadInputIT.RawClient raw = new BadInputIT.RawClient(active.url())) {
                raw.hello("admin", "admin-secret");
                raw.write(type.code(), 2, randomBytes(64));
                raw.writeHeader(Integer.MAX_VALUE, type.code(), 3);
                raw.socket.shutdownOutput();
                assertTrue(closedWithoutWelcome(raw), type.toString());
            }
            try (BadInputIT.RawClient raw = new BadInputIT.RawClient(active.url())) {
                raw.hello("admin", "admin-secret");
                raw.writeHeader(9 + 500, type.code(), 2);
                raw.out.write(randomBytes(100));
                raw.out.flush();
                // a truncated frame: the broker waits for the rest until the client goes away
            }
        }
    }

    @Test
    void theClientPortOfThePassiveServer_survivesTheSameInput() throws Exception {
        for (int i = 0; i < 10; i++) {
            try (BadInputIT.RawClient raw = new BadInputIT.RawClient(passive.url())) {
                raw.write(REQUESTS.get(i).code(), 1, randomBytes(256));
                raw.out.write(randomBytes(2048));
                raw.out.flush();
                raw.socket.shutdownOutput();
                assertTrue(closedWithoutWelcome(raw), "round " + i);
            }
        }
    }

    private static boolean closedWithoutWelcome(BadInputIT.RawClient raw) throws IOException {
        return closedWithoutWelcome(raw, new ArrayList<>());
    }

    /** Reads until the broker closes; fails on a WELCOME; collects the error messages it sent. */
    private static boolean closedWithoutWelcome(BadInputIT.RawClient raw, List<String> said) throws IOException {
        try {
            while (true) {
                BadInputIT.Frame f = raw.readFrame();
                assertTrue(f.type() != FrameType.WELCOME.code(), "no WELCOME");
                if (f.type() == FrameType.ERROR.code()) {
                    said.add(ErrorReply.read(new WireReader(f.payload())).message());
                }
            }
        } catch (java.io.EOFException | java.net.SocketException e) {
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    // ---- the heartbeat port ----

    @Test
    void randomBytesAndFramesOnTheHeartbeatPorts_beforeProvingTheSecret_areRefused() throws Exception {
        for (PairProcesses.Node target : List.of(active, passive)) {
            int mark = target.mark();
            for (int i = 0; i < 10; i++) {
                try (PeerPortClient c = PeerPortClient.plain(target.peerPort())) {
                    c.readChallenge();
                    c.writeRaw(randomBytes(4096));
                    c.socket.shutdownOutput();
                    assertTrue(c.closedByBroker(), "random bytes, round " + i + " (seed " + SEED + ")");
                }
            }
            for (FrameType type : List.of(FrameType.HEARTBEAT, FrameType.PEER_PROOF, FrameType.PEER_ACCEPT,
                    FrameType.HELLO, FrameType.STATUS)) {
                try (PeerPortClient c = PeerPortClient.plain(target.peerPort())) {
                    c.readChallenge();
                    c.write(type, 1, randomBytes(200));
                    assertTrue(c.closedByBroker(), "a garbage " + type);
                }
            }
            try (PeerPortClient c = PeerPortClient.plain(target.peerPort())) {
                c.readChallenge();
                c.out.writeInt(Integer.MAX_VALUE);
                c.out.writeByte(FrameType.HEARTBEAT.code());
                c.out.writeLong(1);
                c.out.flush();
                assertTrue(c.closedByBroker(), "an oversized frame");
            }
            try (PeerPortClient c = PeerPortClient.plain(target.peerPort())) {
                c.readChallenge();
                c.write(FrameType.PEER_PROOF, 1, new byte[] {0, 0, 0, 32, 1, 2});
                assertTrue(c.closedByBroker(), "a truncated proof");
            }
            pair.awaitLine(target, mark, Pattern.compile("heartbeat link: refused .* without proving the shared secret"),
                    Duration.ofMillis(WAIT));
        }
    }

    @Test
    void badHeartbeatsAfterProvingTheSecret_closeThatConnection_andChangeNoRole() throws Exception {
        for (PairProcesses.Node target : List.of(active, passive)) {
            List<byte[]> attacks = List.of(randomBytes(300), new WireWriter().writeString("x").toByteArray(),
                    new byte[0], "not a heartbeat".repeat(200).getBytes(StandardCharsets.UTF_8));
            for (byte[] payload : attacks) {
                try (PeerPortClient c = authenticated(target)) {
                    c.write(FrameType.HEARTBEAT, 1, payload);
                    assertTrue(c.closedByBroker(), "a heartbeat without a valid seal");
                }
            }
            try (PeerPortClient c = authenticated(target)) {
                c.writeRaw(randomBytes(4096));
                c.socket.shutdownOutput();
                assertTrue(c.closedByBroker(), "random bytes after authenticating");
            }
            try (PeerPortClient c = authenticated(target)) {
                c.out.writeInt(1 << 30);
                c.out.writeByte(FrameType.HEARTBEAT.code());
                c.out.writeLong(1);
                c.out.flush();
                assertTrue(c.closedByBroker(), "an oversized heartbeat");
            }
        }
        assertTrue(passive.linesSince(passiveMark).stream().noneMatch(l -> l.contains("ALARM")), "no alarm");
    }

    /** A heartbeat connection that proved the secret, with the broker's PEER_ACCEPT read. */
    private static PeerPortClient authenticated(PairProcesses.Node target) throws IOException {
        PeerPortClient c = PeerPortClient.plain(target.peerPort());
        c.prove(SECRET, c.readChallenge());
        int length = c.in.readInt();
        int type = c.in.readByte();
        c.in.readLong();
        c.in.readFully(new byte[length - 9]);
        assertEquals(FrameType.PEER_ACCEPT.code(), type, "the broker accepts the right secret");
        return c;
    }
}
