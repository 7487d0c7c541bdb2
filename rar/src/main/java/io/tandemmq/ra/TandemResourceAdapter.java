package io.tandemmq.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Tandem resource adapter: holds the adapter-wide connection properties (each one overridable
 * on a connection definition) and owns every physical connection its connection definitions open,
 * so that {@link #stop()} closes them all (and with the last one the client's network threads).
 *
 * <p>Config properties: {@code ServerUrl}, {@code UserName}, {@code Password}, {@code ClientId},
 * {@code ReconnectAttempts}, {@code ReconnectInitialInterval}, {@code ReconnectMaxInterval},
 * {@code ReconnectTotalTime}. Empty user names and passwords count as not given.
 */
public class TandemResourceAdapter implements ResourceAdapter, Serializable {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(TandemResourceAdapter.class.getName());

    private volatile ConnectionSettings settings = ConnectionSettings.NONE;
    private transient volatile BootstrapContext bootstrap;
    private final transient Set<AutoCloseable> opened = ConcurrentHashMap.newKeySet();

    /**
     * Checks the configuration and keeps the bootstrap context.
     *
     * @throws ResourceAdapterInternalException naming every property that is wrong
     */
    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new ResourceAdapterInternalException("Tandem resource adapter configuration: " + String.join("; ", problems));
        }
        this.bootstrap = context;
        LOG.log(System.Logger.Level.INFO, "Tandem resource adapter started for {0}", settings.serverUrl());
    }

    /** Closes every physical connection this adapter's connection definitions opened; never throws. */
    @Override
    public void stop() {
        List<AutoCloseable> all = new ArrayList<>(opened);
        opened.clear();
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + c + " at adapter stop failed", e);
            }
        }
        bootstrap = null;
        LOG.log(System.Logger.Level.INFO, "Tandem resource adapter stopped; {0} connection(s) closed", all.size());
    }

    /** The bootstrap context given to {@link #start}, or {@code null} when not started. */
    public BootstrapContext bootstrapContext() {
        return bootstrap;
    }

    /** The adapter-wide connection settings. */
    public ConnectionSettings settings() {
        return settings;
    }

    /** Registers something the adapter must close at {@link #stop()}. */
    public void opened(AutoCloseable resource) {
        opened.add(resource);
    }

    /** Unregisters something closed by its owner. */
    public void closed(AutoCloseable resource) {
        opened.remove(resource);
    }

    /** @throws NotSupportedException always: inbound delivery is not built yet */
    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        throw new NotSupportedException("inbound message delivery is not supported by this version of the Tandem resource adapter");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // nothing is ever activated
    }

    /** No activations, so no resources to recover through them. */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    public String getServerUrl() {
        return settings.serverUrl();
    }

    public void setServerUrl(String v) {
        settings = settings.withServerUrl(v);
    }

    public String getUserName() {
        return settings.userName();
    }

    public void setUserName(String v) {
        settings = settings.withUserName(v);
    }

    public String getPassword() {
        return settings.password();
    }

    public void setPassword(String v) {
        settings = settings.withPassword(v);
    }

    public String getClientId() {
        return settings.clientId();
    }

    public void setClientId(String v) {
        settings = settings.withClientId(v);
    }

    public Integer getReconnectAttempts() {
        return settings.reconnectAttempts();
    }

    public void setReconnectAttempts(Integer v) {
        settings = settings.withReconnectAttempts(v);
    }

    public Long getReconnectInitialInterval() {
        return settings.reconnectInitialInterval();
    }

    public void setReconnectInitialInterval(Long v) {
        settings = settings.withReconnectInitialInterval(v);
    }

    public Long getReconnectMaxInterval() {
        return settings.reconnectMaxInterval();
    }

    public void setReconnectMaxInterval(Long v) {
        settings = settings.withReconnectMaxInterval(v);
    }

    public Long getReconnectTotalTime() {
        return settings.reconnectTotalTime();
    }

    public void setReconnectTotalTime(Long v) {
        settings = settings.withReconnectTotalTime(v);
    }
}
