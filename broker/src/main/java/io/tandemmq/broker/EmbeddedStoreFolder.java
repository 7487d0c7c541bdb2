package io.tandemmq.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The data folder of a broker with the embedded store ({@code run --data}): who holds it, and why
 * the store in it could not be opened, in one line an operator can act on. Embedded Derby lets one
 * process open a database; a second one used to wait for it for a minute with nothing but Derby's
 * "see the next exception" on the screen.
 */
final class EmbeddedStoreFolder {
    /** Derby: "Another instance of Derby may have already booted the database". */
    private static final String IN_USE = "XSDB6";
    static final String PID_FILE = "broker.pid";

    private EmbeddedStoreFolder() {
    }

    /** Notes this process as the folder's holder, so that a second broker can name it. */
    static void claim(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve(PID_FILE), ProcessHandle.current().pid() + System.lineSeparator());
        } catch (IOException e) {
            // only the hint for a second broker is lost
        }
    }

    /** One line naming the folder, the cause and what to do. */
    static String whyNotOpened(Path dataDir, SQLException e) {
        if (hasState(e, IN_USE)) {
            return "--data " + dataDir + ": the store in this folder is in use by another broker" + holder(dataDir)
                    + "; stop it first, or give this one a --data of its own";
        }
        return "--data " + dataDir + ": the store in this folder cannot be opened: " + deepestMessage(e)
                + " (nothing was changed; restore the folder from a backup, or move it aside to start empty)";
    }

    private static String holder(Path dataDir) {
        try {
            long pid = Long.parseLong(Files.readString(dataDir.resolve(PID_FILE)).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> " (pid " + pid + ")").orElse("");
        } catch (IOException | NumberFormatException e) {
            return "";
        }
    }

    private static boolean hasState(SQLException e, String state) {
        for (Throwable t : chain(e)) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Derby's first exception says "see the next exception"; the last one says what is wrong. */
    private static String deepestMessage(SQLException e) {
        java.util.List<Throwable> all = chain(e);
        String message = e.getMessage();
        for (Throwable t : all) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        Throwable last = all.get(all.size() - 1);
        return last.getMessage() == null ? message + " (" + last.getClass().getName() + ")" : message;
    }

    private static java.util.List<Throwable> chain(SQLException e) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        Throwable t = e;
        while (t != null && all.size() < 10 && !all.contains(t)) {
            all.add(t);
            Throwable next = t instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : t.getCause();
            t = next;
        }
        return all;
    }
}
