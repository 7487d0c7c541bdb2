package io.tandemmq.it;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Standalone Narayana for the XA tests: one transaction manager per JVM, because Narayana keeps its
 * configuration and object store in static state. The first call of {@link #get()} (or
 * {@link #start(Path, String)} in a child JVM) configures it: an object store in a temp folder
 * (the default store and the named "communicationStore" and "stateStore"), a node identifier of its
 * own, recovery run only by {@link #recover} (no recovery thread, listener or status manager socket)
 * with a short back-off between the two passes of a scan.
 *
 * <p>Recovery asks the resources of {@link #recoverWith}, opened fresh for each scan, which Xids
 * are in doubt, then commits those the log says committed and rolls back those of this node that
 * have no log.
 */
final class NarayanaTm {
    /** Keeps Narayana's INFO chatter out of the test output; held here so the level is not collected. */
    private static final Logger NARAYANA_LOG = Logger.getLogger("com.arjuna");
    private static NarayanaTm instance;

    private final Path objectStore;
    private final String nodeId;
    private final RecoveryManager recovery;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private volatile List<Opener> openers = List.of();

    /** Opens one resource for recovery: an XAResource and what must be closed after the scan. */
    @FunctionalInterface
    interface Opener {
        Opened open() throws Exception;
    }

    record Opened(XAResource resource, AutoCloseable owner) { }

    private NarayanaTm(Path objectStore, String nodeId) {
        this.objectStore = objectStore;
        this.nodeId = nodeId;
        NARAYANA_LOG.setLevel(Level.WARNING);
        String dir = objectStore.toAbsolutePath().toString();
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore").setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore").setObjectStoreDir(dir);
        try {
            arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(nodeId);
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalStateException(e);
        }
        arjPropertyManager.getCoordinatorEnvironmentBean().setTransactionStatusManagerEnable(false);
        jtaPropertyManager.getJTAEnvironmentBean().setXaRecoveryNodes(List.of(nodeId));
        RecoveryEnvironmentBean r = recoveryPropertyManager.getRecoveryEnvironmentBean();
        r.setRecoveryListener(false);
        r.setRecoveryPort(0);
        r.setRecoveryBackoffPeriod(1);
        r.setPeriodicRecoveryPeriod(3600);
        r.setExpiryScannerClassNames(List.of());
        r.setRecoveryModuleClassNames(List.of(
                "com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule",
                "com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule"));
        recovery = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
        XARecoveryModule.getRegisteredXARecoveryModule().addXAResourceRecoveryHelper(new Helper());
    }

    /** The transaction manager of this JVM, configured on first use with a new temp object store. */
    static synchronized NarayanaTm get() throws IOException {
        if (instance == null) {
            Path dir = Files.createTempDirectory("tandem-narayana");
            instance = new NarayanaTm(dir, "tandem-it-" + UUID.randomUUID().toString().substring(0, 8));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "narayana-store-cleanup"));
        }
        return instance;
    }

    /** Configures this JVM's transaction manager on an existing object store, as the same node (a child JVM). */
    static synchronized NarayanaTm start(Path objectStore, String nodeId) {
        if (instance != null) {
            throw new IllegalStateException("Narayana is already configured in this JVM");
        }
        instance = new NarayanaTm(objectStore, nodeId);
        return instance;
    }

    Path objectStore() {
        return objectStore;
    }

    String nodeId() {
        return nodeId;
    }

    TransactionManager tm() {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    /** Ends a transaction a failed test left on this thread. */
    void clearThread() throws SystemException {
        TransactionManager tm = tm();
        if (tm.getStatus() != Status.STATUS_NO_TRANSACTION) {
            tm.rollback();
        }
    }

    /** The resources the next recovery scans open. */
    void recoverWith(Opener... resources) {
        openers = List.of(resources);
    }

    /**
     * Runs recovery scans until {@code done} holds, at most {@code maxScans}; the resources opened
     * for them are closed afterwards.
     *
     * @return whether {@code done} held
     */
    boolean recover(BooleanSupplier done, int maxScans) {
        try {
            for (int i = 0; i < maxScans; i++) {
                recovery.scan();
                if (done.getAsBoolean()) {
                    return true;
                }
            }
            return false;
        } finally {
            closeOpened();
        }
    }

    private void closeOpened() {
        List<AutoCloseable> owners;
        synchronized (opened) {
            owners = new ArrayList<>(opened);
            opened.clear();
        }
        for (AutoCloseable owner : owners) {
            try {
                owner.close();
            } catch (Exception e) {
                // a resource of a broker that went away; nothing to keep
            }
        }
    }

    private final class Helper implements XAResourceRecoveryHelper {
        @Override
        public boolean initialise(String p) {
            return true;
        }

        @Override
        public XAResource[] getXAResources() {
            List<XAResource> resources = new ArrayList<>();
            for (Opener o : openers) {
                try {
                    Opened r = o.open();
                    synchronized (opened) {
                        opened.add(r.owner());
                    }
                    resources.add(r.resource());
                } catch (Exception e) {
                    NARAYANA_LOG.log(Level.WARNING, "a recovery resource could not be opened: " + e);
                }
            }
            return resources.toArray(new XAResource[0]);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder; the system cleans it eventually
        }
    }
}
