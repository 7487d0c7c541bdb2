package io.tandemmq.ra;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemXAConnection;
import jakarta.jms.JMSException;

import javax.transaction.xa.XAResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The XA resources that a transaction manager's recovery scans get from
 * {@code getXAResources}: one per distinct connection settings, kept from scan to scan (servers
 * scan every few minutes, forever) and replaced only when its connection is closed or gave up.
 * Their connections carry no client id: an MDB's durable subscriber needs its own, and a server
 * lets one connection at a time have it.
 */
final class RecoveryResources implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RecoveryResources.class.getName());

    private record Entry(TandemXAConnection connection, XAResource resource) {
    }

    private final Map<ConnectionSettings, Entry> entries = new HashMap<>();

    /**
     * @throws JMSException when no server of the settings can be reached (the next scan tries again)
     */
    synchronized XAResource resourceFor(ConnectionSettings consumerSettings) throws JMSException {
        // never the consumers' client id: it is unique on the server, and the consumers need it
        ConnectionSettings settings = consumerSettings.withClientId(null);
        Entry entry = entries.get(settings);
        if (entry != null && entry.connection().isOpen()) {
            return entry.resource();
        }
        if (entry != null) {
            closeQuietly(entry.connection());
            entries.remove(settings);
        }
        TandemXAConnection c = new TandemConnectionFactory(settings.clientUrl())
                .createXAConnection(settings.userName(), settings.password());
        try {
            XAResource resource = c.createXASession().getXAResource();
            entries.put(settings, new Entry(c, resource));
            return resource;
        } catch (JMSException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** @return how many connections were closed */
    synchronized int closeAll() {
        int n = entries.size();
        entries.values().forEach(e -> closeQuietly(e.connection()));
        entries.clear();
        return n;
    }

    @Override
    public void close() {
        closeAll();
    }

    private static void closeQuietly(TandemXAConnection c) {
        try {
            c.close();
        } catch (JMSException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a recovery connection", e);
        }
    }
}
