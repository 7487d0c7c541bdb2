package io.tandemmq.broker.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Passes records on to its handlers, except that a record repeating the one before (same level,
 * logger and text) within {@link #WINDOW_MILLIS} of the first of the run is held back and counted:
 * the count is written when the run ends (another line comes) or the window passes (the line comes
 * again, with the count). A store that stays away then fills the log with one line and a count, not
 * ten lines a second.
 */
public final class RepeatFolding extends Handler {
    static final long WINDOW_MILLIS = 10_000;

    private final Handler[] targets;
    private final OneLineFormatter text = new OneLineFormatter(false);
    private String lastKey;
    private LogRecord lastRecord;
    private long runStartedAt;
    private int heldBack;

    public RepeatFolding(Handler... targets) {
        this.targets = targets.clone();
    }

    @Override
    public synchronized void publish(LogRecord r) {
        if (!isLoggable(r)) {
            return;
        }
        String key = r.getLevel() + "|" + r.getLoggerName() + "|" + text.formatMessage(r);
        if (key.equals(lastKey) && r.getMillis() - runStartedAt < WINDOW_MILLIS) {
            heldBack++;
            return;
        }
        reportHeldBack();
        lastKey = key;
        lastRecord = r;
        runStartedAt = r.getMillis();
        forward(r);
    }

    private void reportHeldBack() {
        if (heldBack == 0) {
            return;
        }
        LogRecord note = new LogRecord(lastRecord.getLevel(), "the line before came " + heldBack + " more time"
                + (heldBack == 1 ? "" : "s") + " within " + WINDOW_MILLIS / 1000 + " s");
        note.setLoggerName(lastRecord.getLoggerName());
        heldBack = 0;
        forward(note);
    }

    private void forward(LogRecord r) {
        for (Handler h : targets) {
            h.publish(r);
        }
    }

    @Override
    public synchronized void flush() {
        reportHeldBack();
        for (Handler h : targets) {
            h.flush();
        }
    }

    @Override
    public synchronized void close() {
        flush();
        for (Handler h : targets) {
            h.close();
        }
    }

    /** Level filtering is the targets' business too; this one passes everything at or above its own. */
    @Override
    public boolean isLoggable(LogRecord r) {
        return r != null && r.getLevel().intValue() >= getLevel().intValue() && getLevel() != Level.OFF;
    }
}
