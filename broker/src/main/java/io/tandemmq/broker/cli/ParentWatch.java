package io.tandemmq.broker.cli;

/**
 * A child process of {@code pair} stops when its parent is gone, even when the parent was killed
 * without running its shutdown hook: no broker or store server is left behind.
 */
final class ParentWatch {
    /** Environment variable with the parent's process id, set by {@code pair} for its children. */
    static final String PARENT_PID = "TANDEM_PARENT_PID";

    private ParentWatch() {
    }

    static void start() {
        String pid = System.getenv(PARENT_PID);
        if (pid == null || pid.isBlank()) {
            return;
        }
        long parent;
        try {
            parent = Long.parseLong(pid.trim());
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(parent).ifPresentOrElse(
                p -> p.onExit().thenRun(ParentWatch::parentGone),
                ParentWatch::parentGone);
    }

    private static void parentGone() {
        System.err.println("tandem: the parent process is gone; stopping");
        System.exit(1);
    }
}
