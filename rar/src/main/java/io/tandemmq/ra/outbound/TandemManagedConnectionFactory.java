package io.tandemmq.ra.outbound;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.ra.ConnectionProperties;
import io.tandemmq.ra.ConnectionSettings;
import io.tandemmq.ra.TandemResourceAdapter;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;

import javax.security.auth.Subject;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Tandem connection definition: makes {@link TandemManagedConnection}s (one physical XA
 * connection and one XA session each) and the {@link TandemPooledConnectionFactory} applications
 * look up. Its connection properties override the adapter's; {@code TransactionSupport} is
 * {@code XATransaction} by default and may be set to {@code LocalTransaction} or
 * {@code NoTransaction}. Equal when configured alike.
 */
public class TandemManagedConnectionFactory extends ConnectionProperties implements ManagedConnectionFactory, ValidatingManagedConnectionFactory,
        ResourceAdapterAssociation,
        TransactionSupport {
    private static final long serialVersionUID = 1L;

    private volatile TransactionSupportLevel transactionSupport = TransactionSupportLevel.XATransaction;
    private volatile TandemResourceAdapter adapter;
    private transient volatile PrintWriter logWriter;

    /** A factory for applications that allocates through the server's connection manager. */
    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new TandemPooledConnectionFactory(this, manager);
    }

    /** A factory for use outside a server: every connection is a new physical connection. */
    @Override
    public Object createConnectionFactory() {
        return new TandemPooledConnectionFactory(this, new UnpooledConnectionManager());
    }

    /**
     * Opens a physical connection with the credentials of the subject (a {@link PasswordCredential}
     * for this factory), else of the request, else of the configuration. A subject's credential
     * with an empty user name counts as none: it is how the shipped ironjacamar.xml asks for
     * recovery connections with the configured credentials.
     *
     * @throws InvalidPropertyException when the configuration is wrong (every problem named)
     * @throws ResourceException when no server can be reached or the credentials are refused
     */
    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        ConnectionSettings effective = effectiveSettings();
        List<String> problems = effective.problems();
        if (!problems.isEmpty()) {
            throw new InvalidPropertyException("Tandem connection definition: " + String.join("; ", problems));
        }
        Credentials credentials = credentials(subject, info, effective);
        TandemManagedConnection mc = new TandemManagedConnection(this, new TandemConnectionFactory(effective.clientUrl()), credentials);
        if (adapter != null) {
            adapter.opened(mc);
        }
        return mc;
    }

    /** The settings of this definition over those of its adapter. */
    public ConnectionSettings effectiveSettings() {
        TandemResourceAdapter ra = adapter;
        return ra == null ? ownSettings() : ownSettings().over(ra.settings());
    }

    Credentials credentials(Subject subject, ConnectionRequestInfo info, ConnectionSettings effective) {
        if (subject != null) {
            for (PasswordCredential pc : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (pc.getManagedConnectionFactory() == null || equals(pc.getManagedConnectionFactory())) {
                    Credentials c = new Credentials(pc.getUserName(), pc.getPassword() == null ? null : new String(pc.getPassword()));
                    if (c.userName() != null) {
                        return c;
                    }
                }
            }
        }
        if (info instanceof Credentials c && c.userName() != null) {
            return c;
        }
        return new Credentials(effective.userName(), effective.password());
    }

    void closed(TandemManagedConnection mc) {
        TandemResourceAdapter ra = adapter;
        if (ra != null) {
            ra.closed(mc);
        }
    }

    /** Returns a managed connection of the set opened with the same credentials, or {@code null}. */
    @Override
    public ManagedConnection matchManagedConnections(@SuppressWarnings("rawtypes") Set candidates, Subject subject,
                                                     ConnectionRequestInfo info) {
        Credentials wanted = credentials(subject, info, effectiveSettings());
        for (Object o : candidates) {
            if (o instanceof TandemManagedConnection mc && mc.factory().equals(this) && mc.credentials().equals(wanted)
                    && mc.isUsable()) {
                return mc;
            }
        }
        return null;
    }

    /** The managed connections of the set whose physical connection is closed or gave up failing over. */
    @Override
    public Set<?> getInvalidConnections(@SuppressWarnings("rawtypes") Set candidates) {
        Set<Object> invalid = new HashSet<>();
        for (Object o : candidates) {
            if (o instanceof TandemManagedConnection mc && !mc.isUsable()) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return transactionSupport;
    }

    /** The {@code TransactionSupport} config property as text. */
    public String getTransactionSupportLevel() {
        return transactionSupport.name();
    }

    /**
     * @throws IllegalArgumentException unless XATransaction, LocalTransaction or NoTransaction
     */
    public void setTransactionSupportLevel(String level) {
        String v = ConnectionSettings.given(level);
        try {
            transactionSupport = v == null ? TransactionSupportLevel.XATransaction : TransactionSupportLevel.valueOf(v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TransactionSupportLevel '" + level
                    + "' is not one of XATransaction, LocalTransaction, NoTransaction", e);
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    /** @throws IllegalArgumentException unless a {@link TandemResourceAdapter} */
    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        if (!(ra instanceof TandemResourceAdapter tandem)) {
            throw new IllegalArgumentException("not a Tandem resource adapter: " + ra);
        }
        this.adapter = tandem;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }


    @Override
    public boolean equals(Object o) {
        return o instanceof TandemManagedConnectionFactory other && ownSettings().equals(other.ownSettings())
                && transactionSupport == other.transactionSupport && adapter == other.adapter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ownSettings(), transactionSupport);
    }

    @Override
    public String toString() {
        return "TandemManagedConnectionFactory[" + ownSettings() + ", " + transactionSupport + "]";
    }
}
