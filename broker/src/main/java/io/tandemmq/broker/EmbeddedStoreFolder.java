package io.tandemmq.broker;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * The data folder of a broker with the embedded store ({@code run --data}, and the offline
 * commands' {@code --data}): whether it can hold a store, who holds it, and why the store in it
 * could not be opened, in one line an operator can act on. Embedded Derby lets one
 * process open a database; a second one used to wait for it for a minute with nothing but Derby's
 * "see the next exception" on the screen.
 */
public final class EmbeddedStoreFolder {
    /** Derby: "Another instance of Derby may have already booted the database". */
    private static final String IN_USE = "XSDB6";
    static final String PID_FILE = "broker.pid";

    private EmbeddedStoreFolder() {
    }

    /**
     * Creates the data folder when it is missing and checks that this user can write it, before a
     * store is opened in it: Derby in a folder it cannot write prints pages of boot text and ends
     * with advice that does not fit.
     *
     * @throws IOException saying in one line what is wrong with the folder and what to do
     */
    public static void prepare(Path dataDir) throws IOException {
        prepare(dataDir, Files::isWritable);
    }

    /** {@link #prepare(Path)} with the writability check given (root may write anywhere, a test not). */
    static void prepare(Path dataDir, Predicate<Path> writable) throws IOException {
        try {
            Files.createDirectories(dataDir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("--data " + dataDir + (isSelf(dataDir, e.getFile()) ? "" : ": " + e.getFile())
                    + " is a file, not a folder: name a folder", e);
        } catch (FileSystemException e) {
            throw new IOException("--data " + dataDir + ": cannot create the folder (" + reason(e)
                    + "): give a folder this user can create, or create it first", e);
        }
        if (!writable.test(dataDir)) {
            throw new IOException("--data " + dataDir + " is not writable by this user: give a folder it can write,"
                    + " or change the folder's permissions");
        }
    }

    /** The file that is in the way is the folder itself (the JDK names it relative or absolute). */
    private static boolean isSelf(Path dataDir, String file) {
        return file == null || dataDir.toAbsolutePath().normalize().equals(Path.of(file).toAbsolutePath().normalize());
    }

    /** What went wrong, for the exceptions whose message is only the path. */
    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder above it";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }

    /**
     * For the commands that read a store that must already be there (backup, user list...): a
     * folder without one is refused rather than given a new empty store.
     *
     * @throws IOException saying so in one line; nothing is created
     */
    public static void requireStore(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir.resolve("store"))) {
            throw new IOException("--data " + dataDir + " holds no store: name the data folder of a broker that has"
                    + " run (nothing was created)");
        }
    }

    /**
     * For the offline commands: a folder whose broker is running is refused before Derby boots
     * (a second boot fails after it has written over the broker's derby.log).
     *
     * @throws IOException naming the broker's pid and the online way
     */
    public static void requireIdle(Path dataDir) throws IOException {
        String holder = holder(dataDir);
        if (!holder.isEmpty()) {
            throw inUse(dataDir, holder);
        }
    }

    /** Whether a failure to open the store is Derby's "another instance has booted the database". */
    public static boolean isInUse(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof SQLException)) {
            t = t.getCause();
        }
        return t instanceof SQLException sql && hasState(sql, IN_USE);
    }

    /** The one line for an offline command on the folder of a running broker. */
    public static IOException inUse(Path dataDir, String holder) {
        return new IOException("--data " + dataDir + " is in use by a running broker" + holder
                + ": stop it first, or use the online tool with --url");
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

    /** " (pid N)" when the folder's broker.pid names a live process, else "". */
    public static String holder(Path dataDir) {
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
