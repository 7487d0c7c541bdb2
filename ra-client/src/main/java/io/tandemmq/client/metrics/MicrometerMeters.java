package io.tandemmq.client.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.tandemmq.client.failover.FailoverEvent;
import io.tandemmq.client.failover.FailoverLink;
import io.tandemmq.client.failover.FailoverListener;
import io.tandemmq.client.offline.OfflineStore;

import java.util.List;
import java.util.Locale;

/** The only class of the client that names Micrometer: loaded by {@link ClientMetrics} when it is there. */
final class MicrometerMeters {
    private MicrometerMeters() {
    }

    static ClientMetrics.Binding bind(FailoverLink link, OfflineStore store) {
        MeterRegistry registry = Metrics.globalRegistry;
        FailoverListener counting = event -> Counter.builder("tandem.client.failover.events")
                .description("Failover events of Tandem connections: disconnected, reconnecting, reconnected, failed")
                .tag("type", event.type().name().toLowerCase(Locale.ROOT)).register(registry).increment();
        link.addListener(counting);
        List<Meter> storeMeters = store == null ? List.of() : storeMeters(registry, store);
        return () -> {
            link.removeListener(counting);
            storeMeters.forEach(registry::remove);
        };
    }

    private static List<Meter> storeMeters(MeterRegistry registry, OfflineStore store) {
        Tags tags = Tags.of("directory", store.directory().toAbsolutePath().toString());
        return List.of(
                Gauge.builder("tandem.client.persistence.waiting", store, OfflineStore::waitingMessages).tags(tags)
                        .description("Messages kept in the client-side store until a server takes them").register(registry),
                Gauge.builder("tandem.client.persistence.stored", store, OfflineStore::storedBytes).tags(tags)
                        .baseUnit("bytes").description("Bytes the client-side store holds").register(registry),
                FunctionCounter.builder("tandem.client.persistence.forwarded", store, OfflineStore::forwardedMessages)
                        .tags(tags).description("Messages the client-side store handed to a server").register(registry));
    }
}
