package io.tandemmq.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The {@code pair} and {@code store-server} commands as a user runs them. */
class PairCommandIT {
    private static final Pattern PAIR_LINE = Pattern.compile("^tandem: pair (tandem://\\S+)$");
    private static final Pattern ROLE_LINE = Pattern.compile("^\\[(a|b)] tandem: (a|b) (\\S+) (tandem://\\S+)$");
    private static final long START_SECONDS = 90;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void pair_startsAStoreAndTwoBrokersThatServeClients_andStoppingItStopsAllThree() throws Exception {
        int port = freePortBase();
        Process pair = new ProcessBuilder(Cli.command("pair", "--data", dir.resolve("pair").toString(),
                "--port", String.valueOf(port))).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        Map<String, String> roles = new HashMap<>();
        Map<String, String> urls = new HashMap<>();
        String[] pairUrl = new String[1];
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(pair.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        Matcher role = ROLE_LINE.matcher(line);
                        if (role.matches()) {
                            roles.put(role.group(2), role.group(3));
                            urls.put(role.group(2), role.group(4));
                        }
                        Matcher m = PAIR_LINE.matcher(line);
                        if (m.matches()) {
                            pairUrl[0] = m.group(1);
                        }
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "pair-command-output");
        pump.setDaemon(true);
        pump.start();
        List<ProcessHandle> children = List.of();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            synchronized (lines) {
                while (pairUrl[0] == null) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || !pair.isAlive()) {
                        fail("no 'tandem: pair' line:\n" + String.join("\n", lines));
                    }
                    lines.wait(Math.min(left, 200));
                }
            }
            assertEquals("tandem://127.0.0.1:" + port + ",127.0.0.1:" + (port + 1), pairUrl[0]);
            children = pair.children().toList();
            assertEquals(3, children.size(), "a store server and two brokers: " + children);

            String activeUrl;
            synchronized (lines) {
                String active = roles.get("a").equals("active") ? "a" : "b";
                assertEquals("passive", roles.get(active.equals("a") ? "b" : "a"), "roles " + roles);
                activeUrl = urls.get(active);
            }
            assertTrue(pairUrl[0].contains(activeUrl.substring("tandem://".length())), activeUrl);
            PairJms.sendPersistent(activeUrl, "pair-command-q", List.of("through the pair"));
            assertEquals(List.of("through the pair"), PairJms.receiveAll(activeUrl, "pair-command-q", 1));

            // what Ctrl-C does: SIGTERM to the pair process (through the handle, keeping its output)
            pair.toHandle().destroy();
            assertTrue(pair.waitFor(60, TimeUnit.SECONDS), "the pair process ended");
            for (ProcessHandle child : children) {
                try {
                    child.onExit().get(30, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    fail("child " + child.pid() + " " + child.info().commandLine().orElse("") + " is still running");
                }
            }
            for (int p : new int[] {port, port + 1, port + 100, port + 101, port + 200}) {
                assertTrue(isFree(p), "port " + p + " is free again");
            }
            pump.join(5_000);
            synchronized (lines) {
                assertTrue(lines.contains("tandem: pair stopped"), String.join("\n", lines));
                assertFalse(lines.stream().anyMatch(l -> l.contains("exited unexpectedly")), String.join("\n", lines));
            }
        } finally {
            for (ProcessHandle child : children) {
                child.destroyForcibly();
            }
            pair.destroyForcibly();
            pair.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void storeServer_withBadOptions_exitsWith2AndNamesEveryProblem() throws Exception {
        Cli.Result r = Cli.tandem(dir, "store-server", "--port", "abc", "--bogus", "1");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--port") && r.err().contains("abc"), r.toString());
        assertTrue(r.err().contains("--bogus"), r.toString());
        assertTrue(r.err().contains("--data"), "the missing --data is named too: " + r);
        assertFalse(r.out().contains("tandem: store-server"), r.toString());

        Cli.Result pair = Cli.tandem(dir, "pair", "--port", "70000", "--what", "x");
        assertEquals(2, pair.exitCode(), pair.toString());
        assertTrue(pair.err().contains("--port") && pair.err().contains("--what"), pair.toString());
    }

    private static final Pattern ACTIVE_HINT = Pattern.compile(
            "^tandem: pair: broker (a|b) is active \\(pid (\\d+)\\); to see a failover: kill -9 (\\d+)$");

    /**
     * The demo as an operator shows it: the active broker's PID and the kill command are printed;
     * after that kill the other takes over (and is named), and with --restart the killed one is
     * started again and comes back passive.
     */
    @Test
    void pair_namesTheActivePid_andWithRestartBringsAKilledBrokerBack() throws Exception {
        int port = freePortBase();
        Process pair = new ProcessBuilder(Cli.command("pair", "--data", dir.resolve("restart").toString(),
                "--port", String.valueOf(port), "--restart", "1")).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(pair.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "pair-restart-output");
        pump.setDaemon(true);
        pump.start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            Matcher first = awaitLine(lines, ACTIVE_HINT, 0);
            assertEquals(first.group(2), first.group(3), "the kill command names the active broker's PID");
            children.addAll(pair.children().toList());
            long pid = Long.parseLong(first.group(2));
            assertTrue(children.stream().anyMatch(c -> c.pid() == pid), "the PID is a child's: " + children);
            String killed = first.group(1);
            int mark = lines.size();
            new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor();

            Matcher next = awaitLine(lines, ACTIVE_HINT, mark);
            assertTrue(!next.group(1).equals(killed), "the other broker took over: " + next.group(0));
            awaitLine(lines, Pattern.compile("^tandem: pair: broker " + killed + " \\(pid " + pid
                    + "\\) exited unexpectedly .*starting it again in 1 s \\(--restart\\)$"), mark);
            awaitLine(lines, Pattern.compile("^\\[" + killed + "] tandem: " + killed + " passive tandem://\\S+$"), mark);
            children.addAll(pair.children().toList());
        } finally {
            pair.toHandle().destroy();
            pair.waitFor(60, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.destroyForcibly();
            }
            pair.destroyForcibly();
        }
    }

    /** Waits for a line from index {@code from} on that matches. */
    private static Matcher awaitLine(List<String> lines, Pattern pattern, int from) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (int i = from; i < lines.size(); i++) {
                    Matcher m = pattern.matcher(lines.get(i));
                    if (m.matches()) {
                        return m;
                    }
                }
            }
            Thread.sleep(100);
        }
        synchronized (lines) {
            throw new AssertionError("no line matching " + pattern + ":\n" + String.join("\n", lines));
        }
    }

    /** A port P such that P, P+1, P+100, P+101 and P+200 are free on 127.0.0.1. */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (isFree(base) && isFree(base + 1) && isFree(base + 100) && isFree(base + 101) && isFree(base + 200)) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of ports");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
