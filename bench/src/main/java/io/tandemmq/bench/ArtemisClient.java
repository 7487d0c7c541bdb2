package io.tandemmq.bench;

import jakarta.jms.ConnectionFactory;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Artemis's Jakarta JMS client, loaded at run time from its jar, so that the bench jar holds no
 * Artemis class. Only the {@code jakarta.jms} API is shared with the bench: the client brings its
 * own Netty (4.1, not relocated), which must not meet the Tandem client's Netty 4.2.
 */
final class ArtemisClient {
    private static final String FACTORY = "org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory";
    /** Artemis's name for waiting for the broker's answer to a non-persistent send. */
    private static final String BLOCK_ON_NON_DURABLE_SEND = "blockOnNonDurableSend=true";

    private final Constructor<?> factoryFromUrl;

    private ArtemisClient(Constructor<?> factoryFromUrl) {
        this.factoryFromUrl = factoryFromUrl;
    }

    static ArtemisClient load(Path clientJar) throws IOException {
        // the client logs through SLF4J without a provider, which SLF4J reports on every start
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        // never closed: the client's classes live as long as the tool
        ClassLoader loader = new URLClassLoader("artemis-client", new URL[] {clientJar.toUri().toURL()},
                new JmsApiOnly(ArtemisClient.class.getClassLoader()));
        try {
            return new ArtemisClient(loader.loadClass(FACTORY).getConstructor(String.class));
        } catch (ReflectiveOperationException e) {
            throw new IOException(clientJar + " has no usable " + FACTORY + ": " + e, e);
        }
    }

    /** An Artemis broker reached with this URL ({@code tcp://host:port}). */
    Target target(String setup, String url) throws IOException {
        return new Target(setup, factory(url), factory(Target.withOption(url, BLOCK_ON_NON_DURABLE_SEND)));
    }

    private ConnectionFactory factory(String url) throws IOException {
        try {
            return (ConnectionFactory) factoryFromUrl.newInstance(url);
        } catch (ReflectiveOperationException e) {
            throw new IOException("Artemis's connection factory does not take " + url + ": " + e, e);
        }
    }

    /**
     * The parent of the client's class loader: {@code jakarta.jms} from the bench (so that the
     * client's factories are the bench's {@link ConnectionFactory}), the rest from the platform
     * (so that everything else the client needs comes from its own jar).
     */
    private static final class JmsApiOnly extends ClassLoader {
        private final ClassLoader bench;

        JmsApiOnly(ClassLoader bench) {
            super("jms-api-only", ClassLoader.getPlatformClassLoader());
            this.bench = bench;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return name.startsWith("jakarta.jms.") ? bench.loadClass(name) : super.loadClass(name, resolve);
        }
    }
}
