package io.tandemmq.broker.logging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneLineLogTest {

    private static LogRecord record(Level level, String message, long millis, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("io.tandemmq.broker.ha.PairNode");
        r.setInstant(java.time.Instant.ofEpochMilli(millis));
        r.setParameters(params);
        return r;
    }

    @Test
    void aRecordIsOneLine_withMilliseconds_levelClassAndMessage() {
        String line = new OneLineFormatter(false).format(record(Level.WARNING, "lease {0} is\nold", 1_000_123L, "x"));
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.123 WARN  PairNode: lease x is old\\R"), line);
    }

    @Test
    void anExceptionIsSummedUpOnTheSameLine_withItsCauses_andTheTraceOnlyForDebug() {
        LogRecord r = record(Level.SEVERE, "store write failed", 0L);
        r.setThrown(new IllegalStateException("outer", new IOException("disk full")));
        String plain = new OneLineFormatter(false).format(r);
        assertEquals(1, plain.lines().count(), plain);
        assertTrue(plain.contains(" ERROR PairNode: store write failed (java.lang.IllegalStateException: outer;"
                + " caused by java.io.IOException: disk full)"), plain);
        assertTrue(new OneLineFormatter(true).format(r).lines().count() > 3, "debug adds the stack trace");
    }

    @Test
    void aLineRepeatedWithNothingBetween_isWrittenOnce_thenItsCount() {
        List<String> out = new ArrayList<>();
        RepeatFolding folding = new RepeatFolding(collector(out));
        folding.setLevel(Level.INFO);
        for (int i = 0; i < 5; i++) {
            folding.publish(record(Level.WARNING, "cannot read the lease", 1_000 + i * 100L));
        }
        folding.publish(record(Level.INFO, "the store is back", 2_000));
        assertEquals(List.of("cannot read the lease", "the line before came 4 more times within 10 s",
                "the store is back"), out);
    }

    @Test
    void theSameLineAfterTheWindow_isWrittenAgainAfterItsCount() {
        List<String> out = new ArrayList<>();
        RepeatFolding folding = new RepeatFolding(collector(out));
        folding.setLevel(Level.INFO);
        folding.publish(record(Level.WARNING, "cannot read the lease", 0));
        folding.publish(record(Level.WARNING, "cannot read the lease", 5_000));
        folding.publish(record(Level.WARNING, "cannot read the lease", RepeatFolding.WINDOW_MILLIS + 1));
        assertEquals(List.of("cannot read the lease", "the line before came 1 more time within 10 s",
                "cannot read the lease"), out);
    }

    private static Handler collector(List<String> out) {
        return new Handler() {
            @Override
            public void publish(LogRecord r) {
                out.add(new OneLineFormatter(false).formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
