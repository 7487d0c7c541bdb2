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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resource adapter in a real WildFly (unpacked by the build, started by Arquillian) against a
 * real broker pair: EJBs send in container-managed transactions with a Derby XA datasource, MDBs
 * consume, and the active broker is killed while they do. The tests drive the application over
 * HTTP and check the broker and the database from outside, as an operator would.
 */
@ExtendWith(PairForServers.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WildFlyIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Deployment(name = "adapter", order = 1, testable = false)
    static ResourceAdapterArchive adapter() throws IOException {
        // a short reconnect limit, so that a commit to a pair that is gone gives up (and leaves the
        // transaction to recovery) within seconds rather than the default minute
        return Deployments.adapter(PairForServers.setup().clientUrl() + "?reconnectTotalTime=15000");
    }

    @Deployment(name = "application", order = 2, testable = false)
    static WebArchive application() throws IOException, URISyntaxException {
        return Deployments.wildFlyApplication(PairForServers.setup().storePort());
    }

    private static PairProcesses pair() {
        return PairForServers.setup().pair();
    }

    /** Calls the application's servlet; returns its answer. */
    private static String action(String op, String queue, String text, String extra) throws IOException, InterruptedException {
        return action("action", op, queue, text, extra);
    }

    private static String action(String path, String op, String queue, String text, String extra)
            throws IOException, InterruptedException {
        HttpResponse<String> r = call(path, op, queue, text, extra);
        assertEquals(200, r.statusCode(), "the application failed: " + r.body());
        return r.body();
    }

    private static HttpResponse<String> call(String path, String op, String queue, String text, String extra)
            throws IOException, InterruptedException {
        String query = "op=" + op + "&queue=" + enc(queue) + "&text=" + enc(text) + (extra == null ? "" : "&" + extra);
        return HTTP.send(HttpRequest.newBuilder(URI.create(PairForServers.setup().httpBase() + path + "?" + query))
                .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier done, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static BooleanSupplier rowCount(String prefix, int n) {
        return () -> {
            try {
                return OutsideView.rows("RECEIVED", prefix).size() >= n;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static List<String> texts(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%s%04d", prefix, i)).toList();
    }

    @Test
    void ejbSendAndInsert_commitShowsBoth_rollbackOnlyShowsNeither() throws Exception {
        action("send", "wf.orders", "order-kept", null);
        action("send", "wf.orders", "order-dropped", "rollback=true");
        assertEquals(List.of("order-kept"), OutsideView.rows("SENT", "order-"));
        assertEquals(List.of("order-kept"), OutsideView.drain("wf.orders"));
    }

    @Test
    void injectedJmsContextSendsInTheContainerTransaction() throws Exception {
        action("wildfly-action", "context", "wf.context", "ctx-1", null);
        assertEquals(List.of("ctx-1"), OutsideView.rows("SENT", "ctx-"));
        assertEquals(List.of("ctx-1"), OutsideView.drain("wf.context"));
    }

    @Test
    void mdbConsumesEveryPersistentMessageOnceWithItsRow() throws Exception {
        List<String> texts = texts("mdb-", 100);
        OutsideView.send("wf.mdb", false, texts);
        await(rowCount("mdb-", texts.size()), Duration.ofSeconds(120), "100 rows from the MDB");
        Thread.sleep(1000);
        assertEquals(texts, OutsideView.rows("RECEIVED", "mdb-"), "one row per message, none twice");
        assertEquals(List.of(), OutsideView.drain("wf.mdb"));
    }

    @Test
    void mdbThatThrows_messageComesAgainThenGoesToTheDeadLetterQueue() throws Exception {
        OutsideView.send("wf.failing", false, List.of("poison"));
        List<String> dead = new ArrayList<>();
        await(() -> {
            try {
                dead.addAll(OutsideView.drain("wf.dead"));
                return !dead.isEmpty();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(60), "the dead-letter queue");
        assertEquals(List.of("poison"), dead);
        assertEquals("3", action("attempts", "", "poison", null), "delivered maxDeliveryAttempts times before");
        assertEquals(List.of(), OutsideView.drain("wf.failing"));
    }

    @Test
    void durableTopicSubscriptionMdbGetsEveryMessage() throws Exception {
        // the subscription exists once the MDB is deployed; give its consumer a moment to attach
        await(() -> subscriptionReady("wf.news"), Duration.ofSeconds(30), "the durable subscription");
        List<String> texts = texts("n", 10);
        OutsideView.send("wf.news", true, texts);
        await(rowCount("news:n", texts.size()), Duration.ofSeconds(60), "10 news rows");
        assertEquals(texts.stream().map(t -> "news:" + t).toList(), OutsideView.rows("RECEIVED", "news:n"));
    }

    /** Publishes a probe until the MDB has recorded one: then the subscription is live. */
    private static boolean subscriptionReady(String topic) {
        try {
            OutsideView.send(topic, true, List.of("probe"));
            Thread.sleep(500);
            return !OutsideView.rows("RECEIVED", "news:probe").isEmpty();
        } catch (JMSException | SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void activeBrokerKilledWhileTheMdbConsumes_everyMessageLandsOnceAndTheMdbCarriesOn() throws Exception {
        PairForServers.bothAlive();
        List<String> texts = texts("fo-", 200);
        OutsideView.send("wf.failover", false, texts);
        await(rowCount("fo-", 30), Duration.ofSeconds(120), "the MDB to be under way");
        pair().kill(pair().active());
        pair().awaitActive(Duration.ofSeconds(60));
        await(rowCount("fo-", texts.size()), Duration.ofSeconds(180), "all 200 rows after the failover");
        Thread.sleep(2000);
        List<String> got = OutsideView.rows("RECEIVED", "fo-");
        assertEquals(texts.size(), got.size(), "exactly one row per message");
        assertEquals(texts, got);
        assertEquals(List.of(), OutsideView.drain("wf.failover"), "nothing left or in doubt on the new active server");
        List<String> after = texts("fo-after-", 5);
        OutsideView.send("wf.failover", false, after);
        await(rowCount("fo-after-", after.size()), Duration.ofSeconds(60), "the MDB to carry on");
        assertNotNull(pair().active());
        assertTrue(OutsideView.rows("RECEIVED", "fo-after-").containsAll(after));
    }

    /**
     * Every row of the failover answer table (docs/transactions.md), played against WildFly's
     * transaction manager (Narayana): it is told the truth each time (committed, or rolled back),
     * never a heuristic or an unknown outcome, and the queue and the table agree.
     */
    @Test
    void failoverCutsEachXaCallOfATransaction_wildflyIsToldWhatReallyHappened() throws Exception {
        assertEquals(List.of(), FailoverCutRows.play("wildfly", (queue, text, withRow) ->
                call("action", withRow ? "send" : "send-only", queue, text, null)));
    }

    /**
     * Both brokers die after the adapter's branch is prepared and before the commit reaches it:
     * the commit cannot succeed, and the transaction stays in doubt until WildFly's recovery
     * manager, through the adapter's XA resources, commits it once a broker is back.
     */
    @Test
    void brokersKilledAfterPrepare_wildflyRecoveryCommitsTheBranch() throws Exception {
        String pids = pair().a().pid() + "," + pair().b().pid();
        action("action", "kill-after-prepare", "wf.recovered", "in-doubt-1", "pids=" + pids);
        pair().kill(pair().a());
        pair().kill(pair().b());
        assertEquals(List.of("in-doubt-1"), OutsideView.rows("SENT", "in-doubt-"), "the database committed in the second phase");
        pair().restart(pair().a());
        pair().restart(pair().b());
        pair().awaitActive(Duration.ofSeconds(60));
        List<String> received = new ArrayList<>();
        await(() -> {
            try {
                received.addAll(OutsideView.drain("wf.recovered"));
                return !received.isEmpty();
            } catch (JMSException e) {
                return false;
            }
        }, Duration.ofSeconds(240), "the recovery manager to commit the in-doubt branch");
        assertEquals(List.of("in-doubt-1"), received, "committed once by recovery");
    }
}
