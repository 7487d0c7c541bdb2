package io.tandemmq.ra;

import io.tandemmq.ra.inbound.TandemActivation;
import io.tandemmq.ra.inbound.TandemActivationSpec;
import jakarta.jms.JMSException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Tandem resource adapter: holds the adapter-wide connection properties (each one overridable
 * on a connection definition) and owns every physical connection its connection definitions open,
 * so that {@link #stop()} closes them all (and with the last one the client's network threads);
 * runs the message-driven endpoints' consumers ({@link TandemActivation}) on the work manager.
 *
 * <p>Config properties: {@code ServerUrl}, {@code UserName}, {@code Password}, {@code ClientId},
 * {@code ReconnectAttempts}, {@code ReconnectInitialInterval}, {@code ReconnectMaxInterval},
 * {@code ReconnectTotalTime}. Empty user names and passwords count as not given.
 */
public class TandemResourceAdapter extends ConnectionProperties implements ResourceAdapter {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(TandemResourceAdapter.class.getName());

    private transient volatile BootstrapContext bootstrap;
    private final transient Set<AutoCloseable> opened = ConcurrentHashMap.newKeySet();
    private final transient Map<ActivationKey, TandemActivation> activations = new ConcurrentHashMap<>();
    private final transient RecoveryResources recovery = new RecoveryResources();

    /**
     * Checks the configuration and keeps the bootstrap context.
     *
     * @throws ResourceAdapterInternalException naming every property that is wrong
     */
    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        List<String> problems = ownSettings().problems();
        if (!problems.isEmpty()) {
            throw new ResourceAdapterInternalException("Tandem resource adapter configuration: " + String.join("; ", problems));
        }
        this.bootstrap = context;
        LOG.log(System.Logger.Level.INFO, "Tandem resource adapter started for {0}", ownSettings().serverUrl());
    }

    /** Stops every activation and closes every physical connection the adapter opened; never throws. */
    @Override
    public void stop() {
        for (TandemActivation a : List.copyOf(activations.values())) {
            a.stop();
        }
        activations.clear();
        List<AutoCloseable> all = new ArrayList<>(opened);
        opened.clear();
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + c + " at adapter stop failed", e);
            }
        }
        int recoveryConnections = recovery.closeAll();
        bootstrap = null;
        LOG.log(System.Logger.Level.INFO, "Tandem resource adapter stopped; {0} connection(s) closed",
                all.size() + recoveryConnections);
    }

    /** The bootstrap context given to {@link #start}, or {@code null} when not started. */
    public BootstrapContext bootstrapContext() {
        return bootstrap;
    }

    /** The adapter-wide connection settings. */
    public ConnectionSettings settings() {
        return ownSettings();
    }

    /** Registers something the adapter must close at {@link #stop()}. */
    public void opened(AutoCloseable resource) {
        opened.add(resource);
    }

    /** Unregisters something closed by its owner. */
    public void closed(AutoCloseable resource) {
        opened.remove(resource);
    }

    /**
     * Starts delivering to the endpoint with {@code maxSession} consumers on the work manager.
     *
     * @throws NotSupportedException when the spec is not a Tandem activation spec
     * @throws jakarta.resource.spi.InvalidPropertyException naming every wrong property
     * @throws jakarta.resource.spi.IllegalStateException when the adapter is not started
     */
    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof TandemActivationSpec tandem)) {
            throw new NotSupportedException("not a Tandem activation spec: " + spec);
        }
        BootstrapContext context = bootstrap;
        if (context == null) {
            throw new jakarta.resource.spi.IllegalStateException("the Tandem resource adapter is not started");
        }
        TandemActivation activation = new TandemActivation(tandem, factory, ownSettings());
        activation.start(context.getWorkManager());
        activations.put(new ActivationKey(factory, spec), activation);
    }

    /** Stops the endpoint's consumers after the messages in hand; never throws. */
    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        TandemActivation activation = activations.remove(new ActivationKey(factory, spec));
        if (activation != null) {
            activation.stop();
        }
    }

    /**
     * For crash recovery: an XA resource per distinct connection settings of the specs (those of
     * the running activation when the spec is active, so connectionFactoryLookup counts), on a
     * connection to whichever server is active. The connections are kept for the next scan and
     * closed at {@link #stop()}. A spec whose server cannot be reached is left out (the transaction
     * manager asks again at its next scan).
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        Set<XAResource> resources = new LinkedHashSet<>();
        for (ActivationSpec spec : specs) {
            if (spec instanceof TandemActivationSpec tandem) {
                try {
                    resources.add(recovery.resourceFor(recoverySettings(tandem)));
                } catch (JMSException | IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.WARNING, "no recovery resource for " + spec + ": " + e.getMessage());
                }
            }
        }
        return resources.toArray(new XAResource[0]);
    }

    private ConnectionSettings recoverySettings(TandemActivationSpec spec) {
        for (TandemActivation a : activations.values()) {
            if (a.spec() == spec) {
                return a.settings();
            }
        }
        return spec.settings(ownSettings());
    }

    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) { }

    /** Equal when configured alike: the Connectors spec (5.3.1) asks a resource adapter bean for value equality. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TandemResourceAdapter other && ownSettings().equals(other.ownSettings());
    }

    @Override
    public int hashCode() {
        return ownSettings().hashCode();
    }

}
