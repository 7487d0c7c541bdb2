package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real headless Chromium (Debian's, through its chromedriver), against a real
 * pair with security on: log in on the passive server's console, see the pair, kill the active
 * process with SIGKILL and watch the page name the other server active within 3 s, then see a
 * queue's depth move as messages are sent. Screenshots go to {@code target/console-screenshots}
 * (docs/monitoring.md shows one).
 */
class ConsoleBrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String QUEUE = "console.orders";

    @TempDir
    static Path dir;

    @Test
    void activeKilled_thePassiveServersConsoleShowsTheTakeoverWithinThreeSeconds_andQueueDepthsMove() throws Exception {
        try (PairProcesses pair = PairProcesses.start(dir)) {
            Files.writeString(dir.resolve("ops.pw"), "ops-secret\n");
            Files.writeString(dir.resolve("app.pw"), "app-secret\n");
            SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(pair.storeArgs(), "user", "add", "ops", "--password-file", "ops.pw", "--roles", "ops")));
            SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(pair.storeArgs(), "grant", "ops", "monitor", "queue:#")));
            SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(pair.storeArgs(), "user", "add", "app", "--password-file", "app.pw", "--roles", "app")));
            SecurityIT.ok(Cli.tandem(dir, PairProcesses.withStore(pair.storeArgs(), "grant", "app", "send,receive,create", "queue:console.#")));
            PairProcesses.Node active = pair.active();
            PairProcesses.Node passive = pair.passive();

            WebDriver browser = chromium();
            try {
                browser.get("http://127.0.0.1:" + passive.httpPort() + "/");
                until(browser, 15, b -> Boolean.FALSE.equals(((JavascriptExecutor) b).executeScript(
                        "return document.getElementById('login').hidden")));
                browser.findElement(By.id("login-user")).sendKeys("ops");
                browser.findElement(By.id("login-password")).sendKeys("ops-secret");
                browser.findElement(By.id("login-submit")).click();
                until(browser, 15, b -> active.name().equals(text(b, "active-server")));
                assertTrue(text(browser, "server-self").contains("passive"), text(browser, "server-self"));
                assertTrue(text(browser, "who").contains("ops"), text(browser, "who"));
                screenshot(browser, "console-pair.png");

                long killed = System.nanoTime();
                pair.kill(active);
                until(browser, 20, b -> passive.name().equals(text(b, "active-server")));
                long shownMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                screenshot(browser, "console-takeover.png");
                assertTrue(shownMillis <= 3000, "the page named " + passive.name() + " active " + shownMillis
                        + " ms after the kill");
                assertTrue(text(browser, "server-self").contains("active"), text(browser, "server-self"));
                until(browser, 10, b -> text(b, "server-partner").contains("unreachable"));

                try (Connection watching = new TandemConnectionFactory(pair.url() + "?user=app&password=app-secret")
                        .createConnection()) {
                    watching.setClientID("console-watcher");
                    until(browser, 15, b -> text(b, "connections").contains("console-watcher"));
                    assertTrue(text(browser, "connections").contains("app"), text(browser, "connections"));
                    sendTo(pair.url(), 25);
                    until(browser, 15, b -> "25".equals(depth(b)));
                    sendTo(pair.url(), 15);
                    until(browser, 15, b -> "40".equals(depth(b)));
                    screenshot(browser, "console-queue.png");
                }
                assertTrue(text(browser, "events").contains("the active server is now " + passive.name()),
                        text(browser, "events"));
            } finally {
                browser.quit();
            }
        }
    }

    private static WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // the flags keep Chromium from reaching out to the network this machine has not got
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1300",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        return new ChromeDriver(service, options);
    }

    private static void until(WebDriver browser, int seconds, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(50)).until(condition::apply);
    }

    /** Read by a script in one go: the page rebuilds its parts every second, so found elements go stale. */
    private static String text(WebDriver browser, String id) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
        return text == null ? "" : text.toString();
    }

    private static String depth(WebDriver browser) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                "tr[data-destination='queue:" + QUEUE + "'] td.depth");
        return text == null ? null : text.toString();
    }

    private static void sendTo(String url, int count) throws Exception {
        try (Connection c = new TandemConnectionFactory(url + "?user=app&password=app-secret").createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = s.createQueue(QUEUE);
            MessageProducer p = s.createProducer(q);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++) {
                p.send(s.createTextMessage("order " + i));
            }
            s.commit();
        }
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        assertEquals(true, Files.size(SCREENSHOTS.resolve(name)) > 1000, name);
    }
}
