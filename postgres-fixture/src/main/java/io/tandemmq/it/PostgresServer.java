package io.tandemmq.it;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A private PostgreSQL server for integration tests: its own cluster in a fresh folder, listening
 * on a free port of 127.0.0.1, with superuser {@code tandem} (password {@link #password()}, required
 * over TCP) and a database {@code tandem}. It runs Debian's binaries
 * ({@code /usr/lib/postgresql/<highest version>/bin}); {@code ensure-postgresql.sh} installs them
 * before the integration tests when they are missing.
 *
 * <p>PostgreSQL refuses to run as root, so when the JVM runs as root (CI does) initdb and the
 * server run as the {@code postgres} OS user, and the folder and every parent of it are made
 * enterable by that user (execute bit for others on those that lack it).
 *
 * <p>The postmaster is a direct child of this JVM (so {@link #pid()} is the postmaster's PID and
 * the JVM reaps it, no pg_ctl) in a session of its own. {@link #kill()} SIGKILLs the postmaster
 * and all its descendants (auxiliary processes, backends) in one {@code kill} command, as a
 * machine crash would; not their process group, since PostgreSQL puts every child of the
 * postmaster in a group of its own. The settings keep {@code fsync} on, so a commit that returned
 * survives {@link #kill()}. The killed children are orphans, which this machine's init reaps after
 * about two seconds; until then they are zombies, which count as gone.
 *
 * <p>Layout of the folder: {@code data/} (the cluster; {@code postgresql.conf} ends with this
 * class's settings, so it can be started by hand), {@code postgres.log} (the server's output, one line per record, with milliseconds),
 * {@code initdb.log} and {@code password}. The folder is kept after {@link #close()}: its logs
 * explain failures. The Unix socket lives in {@code <tmp>/tandem-pg-<port>} (a socket path may
 * not be longer than 107 characters), removed by {@link #close()}.
 *
 * <p>Failure contract: methods that start or wait for the server throw {@link IOException} when
 * it does not come up or go away in time (the message holds the tail of its log); methods that
 * talk SQL throw {@link SQLException}; methods that need a running server throw
 * {@link IllegalStateException} when it is not; waits throw {@link InterruptedException}. Nothing
 * that fails during {@link #start} is left running.
 *
 * <p>Only {@link #close()} stops the server; a JVM shutdown hook SIGKILLs it when the JVM exits
 * without closing it (System.exit, a failed fork). A JVM that is itself SIGKILLed runs no hook: the
 * server then keeps running; its PID is the first line of {@code data/postmaster.pid}.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "tandem";
    private static final String PASSWORD = "tandem-secret";
    private static final String DATABASE = "tandem";
    /** The OS user Debian's package creates; the server runs as it when the JVM runs as root. */
    private static final String OS_USER = "postgres";
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** sizeof(sun_path) on Linux: a longer socket path makes the server fail to start. */
    private static final int MAX_SOCKET_PATH = 107;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path socketDir;
    private final Path log;
    private final Path passwordFile;
    private final int port;
    /** Whether initdb and the server run as {@link #OS_USER} (the JVM runs as root). */
    private final boolean asOsUser;
    private final Thread shutdownHook = new Thread(this::killAtExit, "postgres-server-exit");
    /** The current postmaster; volatile for the shutdown hook. */
    private volatile Process postmaster;
    private boolean frozen;

    private PostgresServer(Path bin, Path dir, int port, boolean asOsUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        // a Unix socket path is short (107 characters): test folders are often deeper than that
        this.socketDir = Path.of(System.getProperty("java.io.tmpdir"), "tandem-pg-" + port);
        this.log = dir.resolve("postgres.log");
        this.passwordFile = dir.resolve("password");
        this.port = port;
        this.asOsUser = asOsUser;
    }

    /**
     * Creates a cluster in a new folder under {@code parent}, starts it, waits until it accepts
     * connections and creates database {@code tandem}.
     *
     * @throws IllegalStateException when Debian's PostgreSQL binaries or the {@code postgres} OS
     *                               user (needed as root) are missing, or the folder's path is too
     *                               long for a Unix socket
     * @throws IOException           when initdb fails, or the server exits or does not accept
     *                               connections within 60 s (the message holds the log's tail)
     * @throws SQLException          when database {@code tandem} cannot be created
     */
    public static PostgresServer start(Path parent) throws IOException, InterruptedException, SQLException {
        Path bin = binaries();
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent.toAbsolutePath(), "postgres-");
        PostgresServer server = new PostgresServer(bin, dir, freePort(), "root".equals(System.getProperty("user.name")));
        try {
            server.prepareFolder();
            server.initdb();
            server.writeSettings();
            server.launch();
            server.awaitReady();
            server.createDatabase(DATABASE);
            return server;
        } catch (IOException | InterruptedException | SQLException | RuntimeException | Error e) {
            server.closeAfterFailure(e);
            throw e;
        }
    }

    /**
     * A streaming standby of this server in a new folder beside this one, on a free port: a copy
     * by {@code pg_basebackup -R} (so it follows this server), started and accepting read-only
     * connections. It is asynchronous until {@link #requireSynchronousStandby} names it.
     *
     * @throws IOException as {@link #start}, or when pg_basebackup fails
     */
    public PostgresServer startStandby() throws IOException, InterruptedException {
        requireRunning();
        Path standbyDir = Files.createTempDirectory(dir.getParent(), "postgres-");
        PostgresServer standby = new PostgresServer(bin, standbyDir, freePort(), asOsUser);
        try {
            standby.prepareFolder();
            standby.cloneFrom(this);
            return standby;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            standby.closeAfterFailure(e);
            throw e;
        }
    }

    /**
     * Makes this stopped (or killed) server a new streaming standby of {@code primary} on its own
     * folder and port: its data is replaced by a fresh copy, as an operator rebuilds a failed
     * primary after a promotion.
     *
     * @throws IllegalStateException when this server still runs
     */
    public synchronized void rebuildAsStandbyOf(PostgresServer primary) throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("stop or kill the server before rebuilding it; " + describe());
        }
        removeStaleLocks();
        try (var old = Files.walk(data)) {
            for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(data)) {
                    Files.delete(p);
                }
            }
        }
        cloneFrom(primary);
    }

    /** How this server names itself to a primary it follows ({@code pg_stat_replication}): {@code standby_PORT}. */
    public String standbyName() {
        return "standby_" + port;
    }

    /** pg_basebackup of {@code primary} into the empty data folder, then this class's settings, start, wait. */
    private void cloneFrom(PostgresServer primary) throws IOException, InterruptedException {
        Path backupLog = dir.resolve("basebackup.log");
        String conninfo = "host=" + HOST + " port=" + primary.port + " user=" + SUPERUSER + " password=" + PASSWORD
                + " application_name=" + standbyName();
        List<String> cmd = asServerUser(bin.resolve("pg_basebackup").toString(), "-d", conninfo, "-D", data.toString(),
                "-R", "-X", "stream", "-c", "fast");
        runTool("pg_basebackup", cmd, backupLog);
        // the copy's postgresql.conf ends with the primary's port and socket: ours come after them
        writeSettings();
        launch();
        awaitReady();
    }

    /**
     * Makes {@code standby} this server's synchronous standby ({@code ALTER SYSTEM}, so
     * that it holds after a restart) and waits until the standby reports {@code sync}: from then
     * on a commit returns only once the standby has it. A standby copied after this call copies
     * the setting too, so copy standbys first.
     *
     * @throws IOException when the standby is not in sync within 60 s
     */
    public void requireSynchronousStandby(PostgresServer standby) throws SQLException, IOException, InterruptedException {
        String applicationName = standby.standbyName();
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET synchronous_standby_names = '" + applicationName.replace("'", "''") + "'");
            s.execute("SELECT pg_reload_conf()");
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (true) {
                try (var rs = s.executeQuery("SELECT sync_state FROM pg_stat_replication WHERE application_name = '"
                        + applicationName.replace("'", "''") + "'")) {
                    if (rs.next() && "sync".equals(rs.getString(1))) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(applicationName + " is not a synchronous standby of " + this + " after "
                            + READY_TIMEOUT.toSeconds() + " s; " + describe());
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Promotes this standby to a primary with {@code pg_ctl promote}, as a failover manager does,
     * and waits until it accepts writes.
     *
     * @throws IOException when pg_ctl fails or the promotion does not finish within 60 s
     */
    public synchronized void promote() throws IOException, InterruptedException {
        requireRunning();
        Path ctlLog = dir.resolve("pg_ctl.log");
        List<String> cmd = asServerUser(bin.resolve("pg_ctl").toString(), "promote", "-D", data.toString(), "-w",
                "-t", String.valueOf(READY_TIMEOUT.toSeconds()));
        runTool("pg_ctl promote", cmd, ctlLog);
    }

    /** Whether this server is a standby (in recovery) now. */
    public boolean isStandby() throws SQLException {
        try (Connection c = connect(jdbcUrl("postgres"), PASSWORD); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The {@code bin} folder of the highest PostgreSQL version Debian's packages installed. */
    private static Path binaries() throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(DEBIAN_BINARIES)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN_BINARIES)) {
                for (Path v : versions) {
                    Path b = v.resolve("bin");
                    if (v.getFileName().toString().matches("\\d+(\\.\\d+)?")
                            && Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres"))) {
                        found.add(b);
                    }
                }
            }
        }
        return found.stream().max(Comparator.comparing(PostgresServer::version)).orElseThrow(() ->
                new IllegalStateException("no PostgreSQL server under " + DEBIAN_BINARIES + ": install Debian's "
                        + "postgresql package (apt-get install postgresql; as root, broker/src/test/scripts/"
                        + "ensure-postgresql.sh does it)"));
    }

    /** 9.6 → 9006, 15 → 15000: versions compare numerically, not as text. */
    private static Integer version(Path bin) {
        String[] parts = bin.getParent().getFileName().toString().split("\\.");
        return Integer.parseInt(parts[0]) * 1000 + (parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    // ---- the folder and the cluster ----

    private void prepareFolder() throws IOException {
        if (socketDir.resolve(".s.PGSQL." + port).toString().length() > MAX_SOCKET_PATH) {
            throw new IllegalStateException("the socket path under " + socketDir + " is longer than "
                    + MAX_SOCKET_PATH + " characters: give PostgresServer.start a shorter folder");
        }
        Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        deleteSocketDir();
        Files.createDirectory(socketDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        if (asOsUser) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            for (Path p : List.of(data, socketDir, passwordFile)) {
                Files.setOwner(p, owner);
            }
            makeEnterable(dir);
        }
    }

    /**
     * Adds the execute bit for group and others (like {@code chmod 711} on a private folder) to
     * {@code folder} and each parent that lacks it: the {@code postgres} user must pass through all
     * of them. Read bits are left as they are.
     */
    private static void makeEnterable(Path folder) throws IOException {
        for (Path p = folder; p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(PosixFilePermission.GROUP_EXECUTE);
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private void initdb() throws IOException, InterruptedException {
        Path initdbLog = dir.resolve("initdb.log");
        List<String> cmd = asServerUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                "--encoding=UTF8", "--locale=C");
        runTool("initdb", cmd, initdbLog);
    }

    /**
     * Runs one of PostgreSQL's tools to its end, its output appended to {@code log}.
     *
     * @throws IOException when it fails or runs longer than 120 s (the message holds the log's tail)
     */
    private static void runTool(String what, List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = processBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(what + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s:\n" + tail(log, 30));
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed with code " + p.exitValue() + ":\n" + tail(log, 30));
        }
    }

    /** Appended to postgresql.conf (the last value wins), so a restart or a start by hand uses them too. */
    private void writeSettings() throws IOException {
        String settings = "\n# io.tandemmq.it.PostgresServer: a private test server\n"
                + "listen_addresses = '" + HOST + "'\n"
                + "port = " + port + "\n"
                + "unix_socket_directories = '" + socketDir.toString().replace("'", "''") + "'\n"
                + "max_connections = 100\n"
                + "shared_buffers = 32MB\n"
                // crash tests rely on committed rows surviving a SIGKILL of every process
                + "fsync = on\n"
                + "synchronous_commit = on\n"
                + "full_page_writes = on\n"
                // the JVM sends stdout and stderr to postgres.log: no collector process needed
                + "logging_collector = off\n"
                + "log_destination = 'stderr'\n"
                + "log_line_prefix = '%m [%p] '\n";
        Files.writeString(data.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The command, run as {@link #OS_USER} when the JVM runs as root. */
    private List<String> asServerUser(String... command) {
        List<String> cmd = new ArrayList<>();
        if (asOsUser) {
            cmd.addAll(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups", "--"));
        }
        cmd.addAll(List.of(command));
        return cmd;
    }

    /** Without the caller's PG* variables (PGPORT, PGDATA...), which would change what the tools do. */
    private static ProcessBuilder processBuilder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(new File("/dev/null"));
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        return pb;
    }

    // ---- starting and waiting ----

    /**
     * Starts the postmaster as a direct child of this JVM: setsid and setpriv both exec without
     * forking (this JVM's child is not a group leader), so the child's PID is the postmaster's,
     * which {@link #awaitReady} checks. setsid, as pg_ctl does, keeps signals meant for the
     * build's process group (a Ctrl-C) from reaching the server behind the fixture's back.
     */
    private synchronized void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(asServerUser(bin.resolve("postgres").toString(), "-D", data.toString()));
        postmaster = processBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        frozen = false;
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalArgumentException alreadyAdded) {
            // a restart: the hook from the first start still watches this server
        }
    }

    /** Polls a JDBC connection until the server accepts it; then checks that the child is the postmaster. */
    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IOException("postgres exited with code " + postmaster.exitValue() + " before accepting "
                        + "connections; " + describe());
            }
            try (Connection c = connect(jdbcUrl("postgres"), PASSWORD)) {
                checkPostmasterPid();
                return;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                    throw new IOException("postgres refused the superuser's password; " + describe(), e);
                }
                last = e; // not listening yet, or crash recovery still runs (57P03)
            }
            Thread.sleep(100);
        }
        throw new IOException("postgres did not accept connections within " + READY_TIMEOUT.toSeconds() + " s ("
                + (last == null ? "no attempt" : last.getMessage()) + "); " + describe(), last);
    }

    private void checkPostmasterPid() throws IOException {
        long recorded = recordedPostmasterPid().orElse(-1L);
        if (recorded != postmaster.pid()) {
            throw new IllegalStateException("postmaster.pid says " + recorded + " but this JVM's child is "
                    + postmaster.pid() + ": setsid or setpriv forked, so kill() would miss the server");
        }
    }

    /** The first line of {@code data/postmaster.pid}; empty when there is no such file. */
    private Optional<Long> recordedPostmasterPid() throws IOException {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        // a frozen or dying server must not hang the poll
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(url, props);
    }

    // ---- what tests use ----

    /** {@code jdbc:postgresql://127.0.0.1:PORT/tandem}. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** The superuser, {@code tandem}. */
    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return PASSWORD;
    }

    /** A file holding only the password (one line), for brokers started with {@code --store-password-file}. */
    public Path passwordFile() {
        return passwordFile;
    }

    public int port() {
        return port;
    }

    /** This server's folder (kept after {@link #close()}). */
    public Path folder() {
        return dir;
    }

    /**
     * The postmaster's PID; a new one after {@link #restart()}.
     *
     * @throws IllegalStateException when the server was never started
     */
    public synchronized long pid() {
        if (postmaster == null) {
            throw new IllegalStateException("not started");
        }
        return postmaster.pid();
    }

    /** Whether the postmaster runs (a frozen one does). */
    public synchronized boolean isRunning() {
        return postmaster != null && postmaster.isAlive();
    }

    /** A new connection to database {@code tandem} as the superuser, over TCP. */
    public Connection open() throws SQLException {
        return connect(jdbcUrl(), PASSWORD);
    }

    /** A connection to database {@code tandem} with the given password (tests of refusal). */
    public Connection open(String password) throws SQLException {
        return connect(jdbcUrl(), password);
    }

    /**
     * Creates an empty database in this cluster (a fresh one per test).
     *
     * @return its JDBC URL
     * @throws IllegalArgumentException when {@code name} is not a lower-case SQL identifier
     * @throws SQLException             when it exists already or the server refuses
     */
    public String createDatabase(String name) throws SQLException {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a lower-case SQL identifier: " + name);
        }
        try (Connection c = connect(jdbcUrl("postgres"), PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        }
        return jdbcUrl(name);
    }

    /**
     * The PIDs of the server's living processes: the postmaster and its descendants (auxiliary
     * processes, backends). Empty when the postmaster does not run.
     */
    public synchronized List<Long> processes() throws IOException {
        return tree().stream().map(ProcessTree.Proc::pid).toList();
    }

    /** The postmaster and its descendants as they are now; empty when the postmaster does not run. */
    private List<ProcessTree.Proc> tree() throws IOException {
        return isRunning() ? ProcessTree.of(postmaster.pid()) : List.of();
    }

    /** The last {@code lines} lines of the server's log; never throws (failure messages use it). */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    private String describe() {
        return "postgres in " + dir + ", port " + port + "; the end of its log:\n" + logTail(30);
    }

    // ---- what tests do to the server ----

    /**
     * SIGKILL to the postmaster and every descendant of it, as a machine crash would: none of them
     * gets to do anything more, not even log. Waits until all of them are gone (zombies count as
     * gone: they hold no socket, lock or shared memory). Does nothing when the postmaster does not
     * run.
     *
     * @throws IOException when one of them is still alive after 30 s
     */
    public synchronized void kill() throws IOException, InterruptedException {
        if (!isRunning()) {
            return;
        }
        // one kill command signals its PIDs one after another: a backend still running when the
        // postmaster died would notice and log; stopped first, none of them runs in between
        List<ProcessTree.Proc> all = stopAll();
        ProcessTree.signal(all.stream().map(ProcessTree.Proc::pid).toList(), "KILL");
        frozen = false;
        postmaster.waitFor(GONE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        ProcessTree.awaitGone(all, GONE_TIMEOUT);
    }

    /**
     * Fast shutdown (SIGINT to the postmaster: open transactions roll back, clients are
     * disconnected); waits until the postmaster and its descendants are gone. A frozen server is
     * thawed first. Does nothing when the server does not run.
     *
     * @throws IOException when the shutdown did not finish within 60 s (the server is then killed)
     */
    public synchronized void stop() throws IOException, InterruptedException {
        if (!isRunning()) {
            return;
        }
        if (frozen) {
            thaw();
        }
        List<ProcessTree.Proc> all = tree();
        ProcessTree.signalOrFail(List.of(postmaster.pid()), "INT");
        if (!postmaster.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IOException("fast shutdown did not finish within " + STOP_TIMEOUT.toSeconds()
                    + " s; the server was killed; " + describe());
        }
        ProcessTree.awaitGone(all, GONE_TIMEOUT);
    }

    /**
     * Starts the server again on the same folder and port (stopping it first if it runs) and waits
     * until it accepts connections; after {@link #kill()} it runs crash recovery first. Removes the
     * lock files a killed postmaster left, once sure that it is gone.
     *
     * @throws IllegalStateException when another postmaster still runs on the folder
     * @throws IOException           when the server exits or does not accept connections within 60 s
     */
    public synchronized void restart() throws IOException, InterruptedException {
        stop();
        removeStaleLocks();
        launch();
        awaitReady();
    }

    /**
     * A killed postmaster leaves {@code postmaster.pid} and the socket's lock file, each naming its
     * PID; a new server refuses to start while that PID exists, and a zombie exists. They are
     * removed when that process is gone, a zombie, or this fixture's own postmaster that exited
     * (its PID may have been reused since).
     */
    private void removeStaleLocks() throws IOException {
        Optional<Long> recorded = recordedPostmasterPid();
        if (recorded.isEmpty()) {
            return;
        }
        long pid = recorded.get();
        boolean oursAndExited = postmaster != null && postmaster.pid() == pid && !postmaster.isAlive();
        if (!oursAndExited && ProcessTree.isAlive(pid)) {
            throw new IllegalStateException("postmaster " + pid + " still runs on " + data);
        }
        Files.deleteIfExists(data.resolve("postmaster.pid"));
        Files.deleteIfExists(socketDir.resolve(".s.PGSQL." + port + ".lock"));
    }

    /**
     * SIGSTOP to the postmaster and its descendants: every process stops where it is, sockets
     * open, until {@link #thaw()}.
     *
     * @throws IllegalStateException when the server does not run
     * @throws IOException           when the signal cannot be sent
     */
    public synchronized void freeze() throws IOException, InterruptedException {
        requireRunning();
        stopAll();
        frozen = true;
    }

    /** SIGSTOP to the postmaster, then to its descendants; returns them all. */
    private List<ProcessTree.Proc> stopAll() throws IOException, InterruptedException {
        // the postmaster first, so that it forks no child after the list is taken
        ProcessTree.signalOrFail(List.of(postmaster.pid()), "STOP");
        List<ProcessTree.Proc> all = tree();
        ProcessTree.signal(all.stream().map(ProcessTree.Proc::pid).toList(), "STOP");
        return all;
    }

    /**
     * SIGCONT to the postmaster and its descendants.
     *
     * @throws IllegalStateException when the server does not run
     * @throws IOException           when the signal cannot be sent
     */
    public synchronized void thaw() throws IOException, InterruptedException {
        requireRunning();
        // not checked for the descendants: one may have ended meanwhile (a frozen one can be killed)
        ProcessTree.signal(processes(), "CONT");
        ProcessTree.signalOrFail(List.of(postmaster.pid()), "CONT");
        frozen = false;
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("the server does not run; " + describe());
        }
    }

    /**
     * Stops whatever runs (fast shutdown, thawing a frozen server first, SIGKILL when that does
     * not finish); does nothing on a server that is already gone, and is safe to call twice. Keeps
     * the folder.
     *
     * @throws IOException when a process of the server outlives even SIGKILL
     */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        try {
            stop();
        } catch (IOException slowShutdown) {
            // stop() killed the server; the kill() below fails only if a process outlived that
        } catch (InterruptedException e) {
            killAtExit();
            throw e;
        } finally {
            removeShutdownHook();
        }
        kill();
        deleteSocketDir();
    }

    /** The socket folder lives outside the cluster's folder (see the constructor); left-overs of a port's earlier use go. */
    private void deleteSocketDir() throws IOException {
        if (Files.isDirectory(socketDir)) {
            try (var files = Files.list(socketDir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(socketDir);
        }
    }

    private void closeAfterFailure(Throwable failure) {
        try {
            close();
        } catch (IOException | InterruptedException | RuntimeException e) {
            failure.addSuppressed(e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook runs anyway
        }
    }

    /** The shutdown hook: SIGKILL to the postmaster and its descendants, without waiting (the JVM is going). */
    private void killAtExit() {
        Process p = postmaster;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    @Override
    public String toString() {
        return "postgres " + HOST + ":" + port + " in " + dir;
    }

    /**
     * A process and its descendants as Linux shows them in /proc, and signals sent to them with
     * {@code kill(1)}. Not a process group: PostgreSQL makes each child of the postmaster lead its
     * own session and group (InitPostmasterChild calls setsid), so {@code kill -- -PGID} would
     * reach the postmaster alone.
     */
    static final class ProcessTree {
        /** A process, told apart from a later one with the same PID by its start time. */
        record Proc(long pid, long startTicks) { }

        /** What /proc/PID/stat says of a process. */
        private record Stat(char state, long ppid, long startTicks) {
            boolean living() {
                return state != 'Z' && state != 'X';
            }
        }

        private ProcessTree() {
        }

        /** {@code root} and its living descendants (an empty list when {@code root} is not alive). */
        static List<Proc> of(long root) throws IOException {
            Map<Long, List<Long>> children = new HashMap<>();
            Map<Long, Stat> stats = new HashMap<>();
            try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path p : proc) {
                    long pid = Long.parseLong(p.getFileName().toString());
                    stat(pid).filter(Stat::living).ifPresent(st -> {
                        stats.put(pid, st);
                        children.computeIfAbsent(st.ppid(), k -> new ArrayList<>()).add(pid);
                    });
                }
            }
            List<Proc> tree = new ArrayList<>();
            Deque<Long> todo = new ArrayDeque<>(stats.containsKey(root) ? List.of(root) : List.of());
            while (!todo.isEmpty()) {
                long pid = todo.pop();
                tree.add(new Proc(pid, stats.get(pid).startTicks()));
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
            return tree;
        }

        /** Whether {@code pid} exists and is not a zombie. */
        static boolean isAlive(long pid) throws IOException {
            return stat(pid).filter(Stat::living).isPresent();
        }

        private static boolean isAlive(Proc p) throws IOException {
            return stat(p.pid()).filter(st -> st.living() && st.startTicks() == p.startTicks()).isPresent();
        }

        private static Optional<Stat> stat(long pid) throws IOException {
            String s;
            try {
                s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return Optional.empty(); // exited meanwhile
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains("No such process")) {
                    return Optional.empty();
                }
                throw e;
            }
            // the fields after the command name, which may hold spaces and parentheses:
            // state (field 3), ppid (4) ... starttime (22)
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[19])));
        }

        /** Waits until none of {@code processes} is alive. */
        static void awaitGone(List<Proc> processes, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Proc> left = living(processes);
            while (!left.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("processes " + left + " still alive after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(20);
                left = living(left);
            }
        }

        private static List<Proc> living(List<Proc> processes) throws IOException {
            List<Proc> left = new ArrayList<>();
            for (Proc p : processes) {
                if (isAlive(p)) {
                    left.add(p);
                }
            }
            return left;
        }

        /**
         * One {@code kill -SIG PID...} for all of them (they get it microseconds apart); returns
         * kill's exit code, not 0 when one of them was gone already.
         */
        static int signal(List<Long> pids, String signal) throws IOException, InterruptedException {
            if (pids.isEmpty()) {
                return 0;
            }
            List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal, "--"));
            pids.forEach(pid -> cmd.add(String.valueOf(pid)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish within 10 s");
            }
            return p.exitValue();
        }

        static void signalOrFail(List<Long> pids, String signal) throws IOException, InterruptedException {
            int code = signal(pids, signal);
            if (code != 0) {
                throw new IOException("kill -" + signal + " " + pids + " failed with code " + code);
            }
        }
    }
}
