package io.tandemmq.broker.ha;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Tells the log when the store stopped answering and when it answers again (with how long it was
 * away), one line each, however many attempts fail in between. Used by one thread at a time.
 */
final class StoreOutage {
    private static final Logger LOG = System.getLogger(StoreOutage.class.getName());
    private final String what;
    private long startedNanos;
    private boolean ongoing;
    private String firstError;

    /** @param what what this server tries to do with the store ("read the lease") */
    StoreOutage(String what) {
        this.what = what;
    }

    /** An attempt failed: logs only the first failure of an outage. */
    void failed(String error) {
        if (!ongoing) {
            ongoing = true;
            startedNanos = System.nanoTime();
            firstError = error;
            LOG.log(Level.WARNING, "store outage: cannot {0}: {1}", what, error);
        }
    }

    /** An attempt succeeded: logs the end of an outage, if there was one. */
    void succeeded() {
        if (ongoing) {
            ongoing = false;
            LOG.log(Level.WARNING, "store outage over after {0} ms: can {1} again (first error: {2})",
                    String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos)), what, firstError);
        }
    }

    boolean ongoing() {
        return ongoing;
    }
}
