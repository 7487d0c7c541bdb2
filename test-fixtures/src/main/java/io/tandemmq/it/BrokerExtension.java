package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One broker process shared by the tests of a class, registered as
 * {@code @RegisterExtension static final BrokerExtension BROKER = new BrokerExtension(args...)}.
 *
 * <p>The broker starts when a test first asks for it (so a class may hold a second broker that only
 * one of its tests uses) and is stopped after the class, whatever the outcome. Connections opened
 * through {@link #connect()} are closed after each test, so a failing test leaves nothing behind.
 * The data folder lives under {@code target/it-data} and is deleted after the class unless one of
 * its tests failed (then {@code broker.out} in it tells what the broker saw).
 */
public final class BrokerExtension implements BeforeEachCallback, AfterEachCallback, AfterAllCallback, TestWatcher {
    private static final Path ROOT = Path.of("target", "it-data");

    private final String[] args;
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicInteger names = new AtomicInteger();
    private Path dir;
    private BrokerProcess broker;
    private String testName = "setup";
    private boolean anyFailed;

    /** @param args extra command-line options of {@code run}, such as {@code --max-delivery-attempts 3} */
    public BrokerExtension(String... args) {
        this.args = args.clone();
    }

    /** The broker process, started on first use. */
    public synchronized BrokerProcess process() {
        if (broker == null) {
            try {
                Files.createDirectories(ROOT);
                dir = Files.createTempDirectory(ROOT, "broker");
                broker = BrokerProcess.start(dir, args);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the broker", e);
            }
        }
        return broker;
    }

    public String url() {
        return process().url();
    }

    /** A factory for the broker's URL with the given options, e.g. {@code "prefetch=1"}; none if empty. */
    public TandemConnectionFactory factory(String options) {
        return new TandemConnectionFactory(options.isEmpty() ? url() : url() + "?" + options);
    }

    public TandemConnectionFactory factory() {
        return factory("");
    }

    /** A new connection, not started, closed after the test. */
    public Connection connect() throws JMSException {
        return connect("");
    }

    /** A new connection with URL options, not started, closed after the test. */
    public Connection connect(String options) throws JMSException {
        return track(factory(options).createConnection());
    }

    /** Closes the connection after the test. */
    public synchronized Connection track(Connection c) {
        connections.add(c);
        return c;
    }

    /** A destination or subscription name used by no other test: {@code <test method>-<what>-<n>}. */
    public String name(String what) {
        return testName + "-" + what + "-" + names.incrementAndGet();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestMethod().getName();
    }

    @Override
    public void afterEach(ExtensionContext context) throws JMSException {
        List<Connection> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(connections);
            connections.clear();
        }
        JMSException first = null;
        for (Connection c : toClose) {
            try {
                c.close();
            } catch (JMSException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null && context.getExecutionException().isEmpty()) {
            throw first;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        anyFailed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        BrokerProcess b;
        synchronized (this) {
            b = broker;
            broker = null;
        }
        if (b != null) {
            b.close();
        }
        if (dir != null && !anyFailed && context.getExecutionException().isEmpty()) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
