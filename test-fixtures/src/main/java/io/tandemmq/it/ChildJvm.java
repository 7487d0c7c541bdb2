package io.tandemmq.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM a test starts (a broker, a store server, a client program): the JDK's
 * {@code java}, the serial collector, and only the first-tier (client) compiler. Such a process
 * runs for seconds to a minute, and on two cores the optimizing compiler's work for it costs more
 * CPU than it saves: measured, a third of a broker's start-up CPU, a seventh of a failover test's
 * time. Processes under long, heavy load (hundreds of thousands of messages) and one-shot
 * commands (which end sooner when the optimizing compiler works beside them on the idle core, and
 * hash passwords) give {@link #FULL_COMPILER} among their options.
 */
public final class ChildJvm {
    /** The JDK's usual tiered compilation. */
    public static final String FULL_COMPILER = "-XX:TieredStopAtLevel=4";

    private ChildJvm() {
    }

    /**
     * {@code java}, the usual options, then these (which win where they say otherwise).
     *
     * @param options the heap and whatever else the process needs
     */
    public static List<String> java(List<String> options) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(options);
        return cmd;
    }

    /** {@link #java(List)} with these options. */
    public static List<String> java(String... options) {
        return java(List.of(options));
    }
}
