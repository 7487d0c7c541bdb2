package io.tandemmq.client.failover;

import io.tandemmq.client.transport.ClientOptions;
import io.tandemmq.client.transport.ServerLink;
import io.tandemmq.protocol.Commit;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.IdRef;
import io.tandemmq.protocol.NameRef;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.Send;
import io.tandemmq.protocol.WireMessage;
import io.tandemmq.protocol.WirePayload;
import io.tandemmq.protocol.WireReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.tandemmq.client.failover.FailoverLink.State.CLOSED;
import static io.tandemmq.client.failover.FailoverLink.State.CONNECTED;
import static io.tandemmq.client.failover.FailoverLink.State.FAILED;
import static io.tandemmq.client.failover.FailoverLink.State.RECONNECTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's connection state, row by row of {@link FailoverLink.State}'s table, with scripted
 * servers instead of sockets: every (state × event) move, and a request cut off by a failover for
 * every rule of {@link Retry} and every request type.
 */
class FailoverLinkTest {
    private static final String FAST = "reconnectInitialInterval=1&reconnectMaxInterval=2&requestTimeout=2000";

    private final ScriptedServers servers = new ScriptedServers();
    private final RecordingReplay replay = new RecordingReplay();
    private final List<FailoverEvent.Type> events = new CopyOnWriteArrayList<>();
    private FailoverLink link;

    @AfterEach
    void close() {
        if (link != null) {
            link.close();
        }
    }

    private FailoverLink open(String options) throws ProtocolException {
        link = FailoverLink.open(servers, ClientOptions.parse("tandem://127.0.0.1:1?" + options), "u", "p", null, replay);
        link.addListener(e -> events.add(e.type()));
        return link;
    }

    private static Frame await(CompletableFuture<Frame> reply) throws Exception {
        return reply.get(5, TimeUnit.SECONDS);
    }

    private static ProtocolException failure(CompletableFuture<Frame> reply) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
        return (ProtocolException) e.getCause();
    }

    private void awaitState(FailoverLink.State expected) {
        awaitTrue(() -> link.state() == expected);
        assertEquals(expected, link.state());
    }

    /** Listeners and the replay hear of a move just after it: wait for the last of them. */
    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    // ---- CONNECTED ----

    @Test
    void connected_requestIsAnsweredByTheServer() throws Exception {
        ScriptedServers.Link a = servers.nextLink("a");
        open(FAST);
        CompletableFuture<Frame> reply = link.request(FrameType.CREATE_DESTINATION, DestinationRef.queue("q"), Retry.RESEND);
        a.awaitRequest(1).reply().complete(Frame.ok(1));
        assertEquals(FrameType.OK, await(reply).type());
        assertEquals(CONNECTED, link.state());
    }

    @Test
    void connected_brokerRefusal_failsTheRequestWithItsCodeAndStaysConnected() {
        ScriptedServers.Link a = assertOpens("a");
        CompletableFuture<Frame> reply = link.request(FrameType.CREATE_DESTINATION, DestinationRef.queue("q"), Retry.RESEND);
        a.awaitRequest(1).reply().completeExceptionally(new ProtocolException(ErrorCode.INVALID_DESTINATION, "no"));
        assertEquals(ErrorCode.INVALID_DESTINATION, failure(reply).code());
        assertEquals(CONNECTED, link.state());
        assertEquals(1, servers.attempts());
    }

    @Test
    void connected_linkLost_movesToReconnectingThenConnectedOnTheNextServer() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        long before = link.generation();
        a.lose();
        awaitState(CONNECTED);
        awaitTrue(() -> events.contains(FailoverEvent.Type.RECONNECTED));
        assertEquals("b:1", link.server());
        assertEquals(before + 1, link.generation());
        assertEquals(List.of("disconnected", "reconnected b"), replay.calls);
        assertEquals(List.of(FailoverEvent.Type.DISCONNECTED, FailoverEvent.Type.RECONNECTING,
                FailoverEvent.Type.RECONNECTED), events);
        assertTrue(a.closed, "the lost link is closed");
        assertFalse(b.closed);
    }

    @Test
    void connected_linkLostWithFailoverOff_movesToFailedAndTellsTheReplay() throws Exception {
        ScriptedServers.Link a = servers.nextLink("a");
        open(FAST + "&reconnectTotalTime=0");
        a.lose();
        assertEquals(FAILED, link.state());
        assertEquals(List.of("disconnected", "gave up"), replay.calls);
        assertEquals(1, servers.attempts(), "no reconnection attempt");
        assertTrue(failure(link.request(FrameType.CREATE_SESSION, null, Retry.SUCCEED)).getMessage().contains("gave up"));
    }

    @Test
    void connected_lateNewsOfAnOldLinksLoss_isIgnored() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        servers.nextLink("b");
        a.lose();
        awaitState(CONNECTED);
        long generation = link.generation();
        a.listener.onLinkLost(new ProtocolException(ErrorCode.CONNECTION_LOST, "late"));
        assertEquals(CONNECTED, link.state());
        assertEquals(generation, link.generation());
        assertEquals("b:1", link.server());
    }

    @Test
    void connected_close_saysGoodbyeAndFailsLaterRequests() {
        ScriptedServers.Link a = assertOpens("a");
        link.close();
        assertEquals(CLOSED, link.state());
        assertTrue(a.saidGoodbye);
        assertTrue(a.closed);
        assertTrue(failure(link.request(FrameType.CREATE_SESSION, null, Retry.SUCCEED)).getMessage().contains("closed"));
    }

    @Test
    void connected_serverThatStoppedServing_answersNotActive_requestFollowsItsRuleOnTheNextServer() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        CompletableFuture<Frame> reply = link.request(FrameType.CREATE_DESTINATION, DestinationRef.queue("q"), Retry.RESEND);
        // the server says so, then closes the connection
        a.awaitRequest(1).reply().completeExceptionally(new ProtocolException(ErrorCode.NOT_ACTIVE, "passive now"));
        a.lose();
        b.awaitRequest(1).reply().complete(Frame.ok(7));
        assertEquals(FrameType.OK, await(reply).type());
    }

    @Test
    void connected_oneWayFrames_goOutOnlyWhileTheServerTheyNameIsConnected() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        link.sendOneWay(FrameType.CREDIT, null);
        link.sendOneWay(FrameType.EXPIRED, null, () -> false);
        assertEquals(List.of(FrameType.CREDIT), a.oneWays);
    }

    // ---- RECONNECTING ----

    @Test
    void reconnecting_newRequestWaits_andGoesToTheNextServer() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        replay.holdReconnection();
        a.lose();
        awaitState(RECONNECTING);
        CompletableFuture<Frame> reply = link.request(FrameType.CREATE_DESTINATION, DestinationRef.queue("q"), Retry.RESEND);
        assertFalse(reply.isDone());
        replay.releaseReconnection();
        b.awaitRequest(1).reply().complete(Frame.ok(3));
        assertEquals(FrameType.OK, await(reply).type());
        assertEquals(0, a.of(FrameType.CREATE_DESTINATION).size());
    }

    @Test
    void reconnecting_requestWaitingLongerThanTheRequestTimeout_fails() throws Exception {
        ScriptedServers.Link a = servers.nextLink("a");
        open("reconnectInitialInterval=1&reconnectMaxInterval=2&requestTimeout=100");
        a.lose();
        awaitState(RECONNECTING);
        ProtocolException e = failure(link.request(FrameType.CREATE_SESSION, null, Retry.SUCCEED));
        assertTrue(e.getMessage().contains("still reconnecting"), e.getMessage());
        assertEquals(RECONNECTING, link.state());
    }

    @Test
    void reconnecting_unreachableServers_areTriedAgainUntilOneAnswers() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        servers.nextRefusal(ErrorCode.GENERAL);
        servers.nextRefusal(ErrorCode.GENERAL);
        servers.nextLink("b");
        a.lose();
        awaitState(CONNECTED);
        assertEquals(4, servers.attempts());
        assertEquals(3, events.stream().filter(t -> t == FailoverEvent.Type.RECONNECTING).count());
    }

    @Test
    void reconnecting_refusedHandshake_isTriedAgain_andTheLogSaysWhy() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        servers.nextRefusal(ErrorCode.SECURITY);
        servers.nextLink("b");
        a.lose();
        awaitState(CONNECTED);
        assertEquals(3, servers.attempts());
    }

    @Test
    void reconnecting_outOfAttempts_movesToFailed_andFailsWhatWaits() throws Exception {
        ScriptedServers.Link a = servers.nextLink("a");
        open(FAST + "&reconnectAttempts=2");
        CompletableFuture<Frame> inFlight = link.request(FrameType.CREATE_DESTINATION, DestinationRef.queue("q"), Retry.RESEND);
        a.awaitRequest(1);
        a.lose();
        awaitState(FAILED);
        awaitTrue(() -> replay.calls.contains("gave up"));
        assertEquals(3, servers.attempts(), "the first link and two attempts");
        assertTrue(failure(inFlight).getMessage().contains("gave up"));
        assertEquals(List.of("disconnected", "gave up"), replay.calls);
        assertEquals(FailoverEvent.Type.FAILED, events.get(events.size() - 1));
    }

    @Test
    void reconnecting_outOfTime_movesToFailed() throws Exception {
        ScriptedServers.Link a = servers.nextLink("a");
        open(FAST + "&reconnectTotalTime=50");
        a.lose();
        awaitState(FAILED);
        assertTrue(servers.attempts() > 1);
    }

    @Test
    void reconnecting_replayRefusedHalfWay_dropsThatLinksWork_andTriesAgain() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        servers.nextLink("c");
        replay.refuseNextReconnection();
        long before = link.generation();
        a.lose();
        awaitState(CONNECTED);
        assertEquals("c:1", link.server());
        assertTrue(b.closed, "the half-replayed link is closed");
        // what b delivered during its replay names deliveries of a closed link: a generation of its own
        assertEquals(before + 2, link.generation());
        assertEquals(List.of("disconnected", "refused b", "disconnected", "reconnected c"), replay.calls);
    }

    @Test
    void reconnecting_close_stopsTheAttempts_failsWhatWaits_andSaysNoGoodbye() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        a.lose();
        awaitState(RECONNECTING);
        CompletableFuture<Frame> waiting = link.request(FrameType.CREATE_SESSION, null, Retry.SUCCEED);
        link.close();
        assertEquals(CLOSED, link.state());
        assertTrue(failure(waiting).getMessage().contains("closed"));
        assertFalse(a.saidGoodbye);
        int attempts = servers.attempts();
        servers.nextLink("b");
        Thread.sleep(50);
        assertEquals(attempts, servers.attempts(), "no attempt after close");
    }

    @Test
    void reconnecting_lossOfAnotherLink_isIgnored() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        replay.holdReconnection();
        servers.nextLink("b");
        a.lose();
        awaitState(RECONNECTING);
        long generation = link.generation();
        a.listener.onLinkLost(new ProtocolException(ErrorCode.CONNECTION_LOST, "again"));
        assertEquals(generation, link.generation());
        replay.releaseReconnection();
        awaitState(CONNECTED);
        assertEquals("b:1", link.server());
        assertEquals(generation, link.generation());
    }

    // ---- FAILED and CLOSED ----

    @Test
    void failed_requestsFail_andCloseMovesToClosed() throws Exception {
        ScriptedServers.Link a = servers.nextLink("a");
        open(FAST + "&reconnectTotalTime=0");
        a.lose();
        assertTrue(failure(link.request(FrameType.ACK, null, Retry.SUCCEED)).getMessage().contains("gave up"));
        link.close();
        assertEquals(CLOSED, link.state());
        assertFalse(a.saidGoodbye);
    }

    @Test
    void closed_isFinal_closeAgainAndLateLossChangeNothing() {
        ScriptedServers.Link a = assertOpens("a");
        link.close();
        link.close();
        a.listener.onLinkLost(new ProtocolException(ErrorCode.CONNECTION_LOST, "late"));
        assertEquals(CLOSED, link.state());
        assertEquals(List.of(), replay.calls);
    }

    // ---- offline start (client-side persistence) ----

    @Test
    void offline_noServerAtOpen_startsReconnecting_andConnectsLater(@TempDir Path dir) throws Exception {
        ClientOptions options = ClientOptions.parse("tandem://127.0.0.1:1?" + FAST + "&reconnectTotalTime=10&clientPersistence="
                + dir.toUri().getPath());
        servers.nextRefusal(ErrorCode.GENERAL);
        servers.nextRefusal(ErrorCode.GENERAL);
        servers.nextRefusal(ErrorCode.GENERAL);
        servers.nextRefusal(ErrorCode.GENERAL);
        servers.nextLink("a");
        link = FailoverLink.openOrOffline(servers, options, "u", "p", null, replay);
        assertEquals("none", link.server());
        // with client-side persistence failover never gives up, even past reconnectTotalTime
        awaitState(CONNECTED);
        assertEquals("a:1", link.server());
        assertEquals(List.of("reconnected a"), replay.calls);
    }

    @Test
    void offline_refusedHandshakeAtOpen_isAnError(@TempDir Path dir) {
        ClientOptions options = ClientOptions.parse("tandem://127.0.0.1:1?clientPersistence=" + dir.toUri().getPath());
        servers.nextRefusal(ErrorCode.SECURITY);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> FailoverLink.openOrOffline(servers, options, "u", "p", null, replay));
        assertEquals(ErrorCode.SECURITY, e.code());
    }

    @Test
    void open_noServer_isAnError() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> open(FAST));
        assertEquals(ErrorCode.GENERAL, e.code());
        link = null;
    }

    // ---- a request cut off by a failover, for every rule ----

    /** Every request type, with the payload its rule needs, cut off in flight: settled by {@link Retry#forType}. */
    @ParameterizedTest
    @MethodSource("requestTypes")
    void cutOffInFlight_everyRequestTypeFollowsItsRule(FrameType type) throws Exception {
        Retry rule = Retry.forType(type);
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        CompletableFuture<Frame> reply = link.request(type, payloadFor(type), rule);
        a.awaitRequest(1);
        a.lose();
        switch (rule) {
            case RESEND -> {
                ScriptedServers.Request again = b.awaitRequest(1);
                assertEquals(type, again.type());
                again.reply().complete(Frame.ok(9));
                assertEquals(FrameType.OK, await(reply).type());
            }
            case SUCCEED -> {
                assertEquals(FrameType.OK, await(reply).type());
                assertEquals(0, b.of(type).size(), type + " is not sent again");
            }
            case OUTCOME -> {
                ScriptedServers.Request asked = b.awaitRequest(1);
                assertEquals(FrameType.TX_OUTCOME, asked.type());
                asked.reply().complete(Frame.ok(0, new IdRef(1)));
                assertEquals(FrameType.OK, await(reply).type());
            }
            case FAIL -> {
                assertEquals(ErrorCode.CONNECTION_LOST, failure(reply).code());
                awaitState(CONNECTED);
                assertEquals(0, b.of(type).size(), type + " is not sent again");
            }
        }
    }

    @Test
    void cutOffInFlight_persistentSend_isSentAgainWithTheResendMark() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        CompletableFuture<Frame> reply = link.request(FrameType.SEND, send(), Retry.RESEND);
        assertFalse(Send.read(new WireReader(a.awaitRequest(1).payload())).resend());
        a.lose();
        ScriptedServers.Request again = b.awaitRequest(1);
        assertTrue(Send.read(new WireReader(again.payload())).resend(), "the broker drops it if it has it already");
        again.reply().complete(Frame.ok(0));
        await(reply);
    }

    @Test
    void cutOffInFlight_commitThatTheNewServerDidNotStore_isRolledBack() throws Exception {
        CutOff commit = cutOff(FrameType.COMMIT, commit("tx-1"), Retry.OUTCOME);
        assertEquals("tx-1", NameRef.read(new WireReader(commit.next().payload())).name());
        commit.next().reply().complete(Frame.ok(0, new IdRef(0)));
        assertEquals(ErrorCode.TRANSACTION_ROLLED_BACK, failure(commit.reply()).code());
    }

    @Test
    void cutOffInFlight_commitWhoseOutcomeCannotBeAsked_isOutcomeUnknown() throws Exception {
        CutOff commit = cutOff(FrameType.COMMIT, commit("tx-2"), Retry.OUTCOME);
        commit.next().reply().completeExceptionally(new ProtocolException(ErrorCode.GENERAL, "store down"));
        ProtocolException e = failure(commit.reply());
        assertEquals(ErrorCode.GENERAL, e.code(), "not a rollback");
        assertTrue(e.getMessage().contains("outcome of the commit is unknown"), e.getMessage());
    }

    @Test
    void cutOffInFlight_serverTooBusyToTellTheOutcome_commitIsAskedAgainOfTheNextServer() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        CompletableFuture<Frame> reply = link.request(FrameType.COMMIT, commit("tx-3"), Retry.OUTCOME);
        a.awaitRequest(1).reply().completeExceptionally(new ProtocolException(ErrorCode.OUTCOME_UNKNOWN, "store cut"));
        a.lose();
        b.awaitRequest(1).reply().complete(Frame.ok(0, new IdRef(1)));
        assertEquals(FrameType.OK, await(reply).type());
    }

    /**
     * A request that took the old link just before it broke, and reaches it only after the next
     * server took over and the old link was closed: it is a request lost in flight, not an error.
     */
    @Test
    void requestRacingAWholeFailover_reachesTheClosedOldLink_andFollowsItsRuleOnTheNextServer() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        BooleanSupplier failoverMeanwhile = () -> {
            a.lose();
            awaitState(CONNECTED);
            return true;
        };
        CompletableFuture<Frame> reply = link.request(FrameType.CREATE_DESTINATION, DestinationRef.queue("q"),
                Retry.RESEND, failoverMeanwhile);
        assertTrue(a.closed);
        b.awaitRequest(1).reply().complete(Frame.ok(2));
        assertEquals(FrameType.OK, await(reply).type());
    }

    @Test
    void requestNamingAServerThatIsGone_isSettledByItsRule_neverSentToTheNextServer() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        long generation = link.generation();
        BooleanSupplier onA = () -> link.generation() == generation;
        a.lose();
        awaitState(CONNECTED);
        // an acknowledgement of a's delivery ids counts as done (a's deliveries come again)...
        assertEquals(FrameType.OK, await(link.request(FrameType.ACK, null, Retry.SUCCEED, onA)).type());
        // ...and a request that would have to be sent again fails instead of naming b's deliveries
        assertEquals(ErrorCode.CONNECTION_LOST,
                failure(link.request(FrameType.SEND, send(), Retry.RESEND, onA)).code());
        assertEquals(List.of(), b.snapshot());
    }

    @Test
    void generation_movesAtTheLoss_beforeTheReplayHearsOfIt_andConnectedGenerationIsMinusOneMeanwhile() throws Exception {
        ScriptedServers.Link a = assertOpens("a");
        servers.nextLink("b");
        long before = link.generation();
        AtomicInteger seenAtDisconnect = new AtomicInteger(-1);
        replay.onDisconnect = () -> seenAtDisconnect.set((int) (link.generation() - before));
        replay.holdReconnection();
        a.lose();
        awaitState(RECONNECTING);
        assertEquals(1, seenAtDisconnect.get());
        assertEquals(-1, link.connectedGeneration());
        replay.releaseReconnection();
        awaitState(CONNECTED);
        assertEquals(before + 1, link.connectedGeneration());
    }

    static Stream<FrameType> requestTypes() {
        return Arrays.stream(FrameType.values()).filter(t -> t.isRequest() && t != FrameType.HELLO);
    }

    /** A request in flight when the first server's link broke, and the first request the next server saw. */
    private record CutOff(CompletableFuture<Frame> reply, ScriptedServers.Request next) {
    }

    private CutOff cutOff(FrameType type, WirePayload payload, Retry rule) {
        ScriptedServers.Link a = assertOpens("a");
        ScriptedServers.Link b = servers.nextLink("b");
        CompletableFuture<Frame> reply = link.request(type, payload, rule);
        a.awaitRequest(1);
        a.lose();
        return new CutOff(reply, b.awaitRequest(1));
    }

    private ScriptedServers.Link assertOpens(String name) {
        ScriptedServers.Link l = servers.nextLink(name);
        try {
            open(FAST);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
        return l;
    }

    private static WirePayload payloadFor(FrameType type) {
        return switch (type) {
            case SEND -> send();
            case COMMIT -> commit("tx");
            default -> null;
        };
    }

    private static Send send() {
        return new Send(1, WireMessage.builder().messageId("ID:1").destination(DestinationRef.queue("q"))
                .deliveryMode(WireMessage.PERSISTENT).build());
    }

    private static Commit commit(String tx) {
        return new Commit(1, tx, new long[] {1, 2});
    }

    /** A replay that records what failover told it, and can hold or refuse a reconnection. */
    static final class RecordingReplay implements Replay {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> hold = new CompletableFuture<>();
        private volatile boolean holding;
        private volatile boolean refuseNext;
        volatile Runnable onDisconnect = () -> { };

        void holdReconnection() {
            holding = true;
        }

        void releaseReconnection() {
            hold.complete(null);
        }

        void refuseNextReconnection() {
            refuseNext = true;
        }

        @Override
        public void onFrame(Frame frame) {
            calls.add("frame");
        }

        @Override
        public void onDisconnected() {
            onDisconnect.run();
            calls.add("disconnected");
        }

        @Override
        public void onReconnected(ServerLink fresh) throws ProtocolException {
            if (holding) {
                hold.join();
            }
            if (refuseNext) {
                refuseNext = false;
                calls.add("refused " + ((ScriptedServers.Link) fresh).name);
                throw new ProtocolException(ErrorCode.SECURITY, "replay refused");
            }
            calls.add("reconnected " + ((ScriptedServers.Link) fresh).name);
        }

        @Override
        public void onGaveUp(Exception cause) {
            calls.add("gave up");
        }
    }
}
