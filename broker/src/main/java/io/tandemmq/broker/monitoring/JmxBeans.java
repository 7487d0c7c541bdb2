package io.tandemmq.broker.monitoring;

import io.tandemmq.broker.core.BrokerFigures;
import io.tandemmq.broker.core.QueueCounts;
import io.tandemmq.broker.ha.PairFigures;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The server and its destinations as MXBeans in the platform MBean server, under the domain
 * {@value #DOMAIN}: what JConsole, VisualVM and application servers' JMX tools show. A name
 * already taken (two brokers of the same name in one JVM, as in tests) is logged and skipped.
 */
final class JmxBeans implements AutoCloseable {
    static final String DOMAIN = "io.tandemmq";
    private static final Logger LOG = System.getLogger(JmxBeans.class.getName());

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String serverName;
    private final Map<String, ObjectName> destinations = new HashMap<>();
    private volatile Map<String, QueueCounts> counts = Map.of();
    private ObjectName serverBean;

    JmxBeans(String serverName) {
        this.serverName = serverName;
    }

    static ObjectName serverName(String server) throws JMException {
        return new ObjectName(DOMAIN + ":type=Server,server=" + ObjectName.quote(server));
    }

    static ObjectName destinationName(String server, String kind, String name) throws JMException {
        return new ObjectName(DOMAIN + ":type=Destination,server=" + ObjectName.quote(server) + ",kind=" + kind
                + ",name=" + ObjectName.quote(name));
    }

    void registerServer(MonitoredServer source, BrokerMeters meters) {
        try {
            serverBean = register(new ServerBean(source, meters), serverName(serverName));
        } catch (JMException e) {
            LOG.log(Level.WARNING, "JMX: the server MBean is not registered: {0}", e.getMessage());
        }
    }

    /** Adds beans for new destinations and removes those of destinations gone. */
    synchronized void update(BrokerFigures figures) {
        Map<String, QueueCounts> now = figures.countsByKey();
        counts = now;
        Set<String> gone = new HashSet<>(destinations.keySet());
        gone.removeAll(now.keySet());
        gone.forEach(key -> unregister(destinations.remove(key)));
        for (BrokerFigures.Destination d : figures.destinations()) {
            String key = d.key();
            if (!destinations.containsKey(key)) {
                try {
                    ObjectName name = register(new DestinationBean(d.kind(), d.name(), key),
                            destinationName(serverName, d.kind(), d.name()));
                    if (name != null) {
                        destinations.put(key, name);
                    }
                } catch (JMException e) {
                    LOG.log(Level.DEBUG, "JMX: no MBean for {0}: {1}", key, e.getMessage());
                }
            }
        }
    }

    private ObjectName register(Object bean, ObjectName name) throws JMException {
        try {
            server.registerMBean(bean, name);
            return name;
        } catch (InstanceAlreadyExistsException e) {
            LOG.log(Level.DEBUG, "JMX: {0} is registered already (another broker of this name in this JVM)", name);
            return null;
        }
    }

    private void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(Level.DEBUG, "JMX: {0} was not registered: {1}", name, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        destinations.values().forEach(this::unregister);
        destinations.clear();
        unregister(serverBean);
        serverBean = null;
    }

    private final class DestinationBean implements DestinationMXBean {
        private final String kind;
        private final String name;
        private final String key;

        DestinationBean(String kind, String name, String key) {
            this.kind = kind;
            this.name = name;
            this.key = key;
        }

        private QueueCounts c() {
            return counts.getOrDefault(key, QueueCounts.NONE);
        }

        @Override
        public String getKind() {
            return kind;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public long getDepth() {
            return c().waiting();
        }

        @Override
        public long getInFlight() {
            return c().inDelivery();
        }

        @Override
        public long getPaged() {
            return c().paged();
        }

        @Override
        public int getConsumers() {
            return c().consumers();
        }

        @Override
        public long getEnqueued() {
            return c().enqueued();
        }

        @Override
        public long getDequeued() {
            return c().consumed();
        }

        @Override
        public long getExpired() {
            return c().expired();
        }

        @Override
        public long getDeadLettered() {
            return c().deadLettered();
        }
    }

    private static final class ServerBean implements ServerMXBean {
        private final MonitoredServer source;
        private final BrokerMeters meters;

        ServerBean(MonitoredServer source, BrokerMeters meters) {
            this.source = source;
            this.meters = meters;
        }

        private PairFigures p() {
            return source.pair();
        }

        @Override
        public String getName() {
            return p().name();
        }

        @Override
        public String getRole() {
            return p().role().label();
        }

        @Override
        public long getEpoch() {
            return p().epoch();
        }

        @Override
        public String getClientUrl() {
            return p().clientUrl();
        }

        @Override
        public long getLeaseAgeMillis() {
            return p().leaseAgeMillis();
        }

        @Override
        public long getHeartbeatAgeMillis() {
            return p().heartbeatAgeMillis();
        }

        @Override
        public String getHeartbeatLink() {
            return p().link();
        }

        @Override
        public String getPartnerName() {
            return p().partnerName();
        }

        @Override
        public String getPartnerRole() {
            return p().partnerRole();
        }

        @Override
        public long getTakeovers() {
            return p().takeovers();
        }

        @Override
        public long getFencings() {
            return p().fencings();
        }

        @Override
        public String getLastTakeover() {
            PairFigures.Takeover t = p().lastTakeover();
            if (t == null) {
                return "";
            }
            return new SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS").format(new Date(t.atMillis())) + ", epoch "
                    + t.epoch() + ", " + t.millis() + " ms: " + t.why();
        }

        @Override
        public int getConnections() {
            return meters.figures().connections();
        }

        @Override
        public int getSessions() {
            return meters.figures().sessions();
        }

        @Override
        public long getMemoryUsedBytes() {
            return meters.figures().memoryUsed();
        }

        @Override
        public long getStoreWriterQueue() {
            return source.writerBacklog();
        }

        @Override
        public long getStoreCommits() {
            return meters.commitCount();
        }

        @Override
        public double getStoreCommitMeanMillis() {
            return meters.commitMeanMillis();
        }

        @Override
        public long getAuthenticationFailures() {
            return source.loginRefusals();
        }
    }
}
