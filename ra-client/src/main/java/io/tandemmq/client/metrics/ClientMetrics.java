package io.tandemmq.client.metrics;

import io.tandemmq.client.failover.FailoverLink;
import io.tandemmq.client.offline.OfflineStore;

/**
 * The client's own metrics, given to Micrometer's global registry when Micrometer is on the
 * class path (an application's Spring Boot, Quarkus or plain registry sees them); without it this
 * does nothing, and the client needs no Micrometer at all. Names: docs/monitoring.md
 * ({@code tandem.client.*}).
 */
public final class ClientMetrics {
    private static final boolean MICROMETER = present();

    private ClientMetrics() {
    }

    private static boolean present() {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, ClientMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether the meters are registered (Micrometer is on the class path). */
    public static boolean enabled() {
        return MICROMETER;
    }

    /**
     * Counts the connection's failover events and shows its client-side store, until the returned
     * binding is closed (when the connection closes).
     *
     * @param store the client-side store, or null when client-side persistence is off
     */
    public static Binding bind(FailoverLink link, OfflineStore store) {
        if (!MICROMETER) {
            return () -> { };
        }
        // only now is the class that names Micrometer loaded
        return MicrometerMeters.bind(link, store);
    }

    /** Removes what {@link #bind} added; never throws. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
