package io.tandemmq.broker.fatal;

import io.netty.util.concurrent.FastThreadLocalThread;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Ends a broker process at once when it can no longer be trusted to work: an {@link Error} of the
 * JVM ({@link VirtualMachineError}: out of memory, a stack overflow, an internal error) in any
 * thread, or anything that ends one of the broker's own long-lived threads (core, store writer,
 * lease, heartbeat, network). A broker that stays alive with such a thread dead answers nobody,
 * yet its lease may keep its partner from taking over; halted, its sockets close, the partner
 * takes over on proof of death, and a supervisor can restart it.
 *
 * <p>{@link Runtime#halt} skips the shutdown hooks: they would need the memory or the thread that
 * is gone. Nothing acknowledged is lost: every acknowledged write is in the store.
 *
 * <p>Only a process that called {@link #install()} (the {@code run} command) halts; a broker
 * embedded in another program, as in the unit tests, logs and carries on as before.
 */
public final class ProcessHalt {
    /** The exit code of a halted broker (EX_SOFTWARE). */
    public static final int EXIT_CODE = 70;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static volatile boolean installed;
    /** Given back just before the last line is written, so that writing it does not run out of memory too. */
    private static volatile byte[] reserve;

    private ProcessHalt() {
    }

    /** Makes this process halt on a fatal error, in any thread, from now on. */
    public static void install() {
        reserve = new byte[512 * 1024];
        installed = true;
        Thread.setDefaultUncaughtExceptionHandler(ProcessHalt::uncaught);
    }

    private static void uncaught(Thread thread, Throwable e) {
        // a store writer and Netty's event loops (FastThreadLocalThread) run for the life of the broker: one
        // that ends is fatal. Pool threads (authentication, admin requests) die with a failed task and are
        // replaced; the core, role and lease threads are scheduled executors that catch their tasks' throwables
        if (isFatal(e) || thread.getName().startsWith("tandem-store-writer") || thread instanceof FastThreadLocalThread) {
            halt("thread " + thread.getName() + " died of " + e);
        }
        System.err.println("tandem: thread " + thread.getName() + " died of " + e);
        e.printStackTrace();
    }

    /** Whether the throwable, or one of its causes, is an error the JVM cannot be trusted after. */
    public static boolean isFatal(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = next(t), depth++) {
            if (t instanceof VirtualMachineError) {
                return true;
            }
        }
        return false;
    }

    /** The cause, or for a JDBC error without one the next exception of its chain (where drivers put theirs). */
    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        return t instanceof SQLException sql ? sql.getNextException() : null;
    }

    /**
     * Halts when the throwable is fatal and this process installed the halt; otherwise returns, and
     * the caller handles the throwable as it would anyway.
     *
     * @param where what was running, for the last line
     */
    public static void haltIfFatal(Throwable e, String where) {
        if (isFatal(e)) {
            halt(where + " failed with " + e);
        }
    }

    /** Halts the process with one line on standard error, if it installed the halt. */
    public static void halt(String why) {
        if (!installed) {
            return;
        }
        reserve = null;
        try {
            System.err.println(LocalDateTime.now().format(TIME) + " FATAL tandem: " + why
                    + "; halting so that the partner takes over (exit " + EXIT_CODE + ")");
            System.err.flush();
        } catch (Throwable ignored) {
            // the line is a courtesy: halting is what matters
        }
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
