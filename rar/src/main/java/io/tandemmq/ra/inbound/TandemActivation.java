package io.tandemmq.ra.inbound;

import io.tandemmq.ra.ConnectionSettings;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import java.util.ArrayList;
import java.util.List;

/**
 * One activated message endpoint: up to {@code maxSession} {@link DeliveryWork}s on the work
 * manager (one only for a subscription that is neither a queue nor shared, since more would each
 * get every message).
 */
public final class TandemActivation {
    private static final System.Logger LOG = System.getLogger(TandemActivation.class.getName());
    private static final long STOP_WAIT_MILLIS = 30_000;

    private final TandemActivationSpec spec;
    private final MessageEndpointFactory factory;
    private final ConnectionSettings settings;
    private final DeliveryTarget target;
    private final List<DeliveryWork> works = new ArrayList<>();

    /**
     * Validates the spec and resolves its JNDI names (so call it on the thread that activates the
     * endpoint, in the server's naming context).
     *
     * @throws InvalidPropertyException naming every wrong property of the spec or the connection
     *         settings, or the lookup that failed
     */
    public TandemActivation(TandemActivationSpec spec, MessageEndpointFactory factory, ConnectionSettings adapterSettings)
            throws InvalidPropertyException {
        spec.validate();
        this.target = ActivationLookup.target(spec);
        List<String> targetProblems = spec.targetProblems(target);
        if (!targetProblems.isEmpty()) {
            throw new InvalidPropertyException("Tandem activation spec: " + String.join("; ", targetProblems));
        }
        this.settings = spec.settings(ActivationLookup.connectionFactory(spec).over(adapterSettings));
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new InvalidPropertyException("Tandem activation spec: " + String.join("; ", problems));
        }
        this.spec = spec;
        this.factory = factory;
    }

    /**
     * Schedules the consumers.
     *
     * @throws ResourceException when the work manager refuses a consumer (those scheduled are stopped)
     */
    public synchronized void start(WorkManager workManager) throws ResourceException {
        int n = target.topic() && !spec.getShareSubscriptions() ? 1 : spec.getMaxSession();
        for (int i = 0; i < n; i++) {
            DeliveryWork work = new DeliveryWork(spec, target, settings, factory, "tandem-mdb-" + target.destination() + "-" + i);
            works.add(work);
            try {
                workManager.scheduleWork(work);
            } catch (ResourceException e) {
                stop();
                throw e;
            }
        }
        LOG.log(System.Logger.Level.INFO, "delivering from {0} with {1} consumer(s)", target.destination(), n);
    }

    /** Stops every consumer after the message it is delivering; waits for them, bounded. Never throws. */
    public synchronized void stop() {
        for (DeliveryWork w : works) {
            w.release();
        }
        for (DeliveryWork w : works) {
            try {
                if (!w.awaitFinished(STOP_WAIT_MILLIS)) {
                    LOG.log(System.Logger.Level.WARNING, "a consumer of {0} did not stop within {1} ms",
                            target.destination(), STOP_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        works.clear();
    }

    public TandemActivationSpec spec() {
        return spec;
    }

    /** The connection settings the consumers use (the spec's, over a looked-up factory's, over the adapter's). */
    public ConnectionSettings settings() {
        return settings;
    }
}
