package io.tandemmq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Artemis broker for the comparison: an instance made by the distribution's
 * {@code artemis create} (so that it has the settings a user of that version gets), changed only
 * where the bench needs it, and run with {@code bin/artemis run} as one of the bench's processes.
 *
 * @param port its one acceptor, on 127.0.0.1
 * @param heap its {@code -Xmx}, the same as a Tandem broker's
 * @param jdbcUrl its JDBC store on a Derby network server or PostgreSQL; null for its own file journal
 * @param jdbcSyncPeriodMillis {@code jdbc-journal-sync-period}; 0 keeps Artemis's default (5 ms)
 */
record ArtemisInstance(int port, String heap, String jdbcUrl, int jdbcSyncPeriodMillis) {
    static final String DERBY_DRIVER = "org.apache.derby.jdbc.ClientDriver";
    static final String POSTGRESQL_DRIVER = "org.postgresql.Driver";
    private static final Pattern ACTIVE = Pattern.compile("AMQ221007: Server is now active");
    private static final Pattern DATABASE = Pattern.compile("^(jdbc:derby://[^/]+/)[^;]*(.*)$");
    private static final String PERSISTENCE = "<persistence-enabled>true</persistence-enabled>";
    private static final String END_OF_STORE = "</database-store>";
    /** The profile's fixed initial heap, larger than a small {@code --broker-heap}. */
    private static final String INITIAL_HEAP = "-Xms512M ";
    private static final long CREATE_TIMEOUT_MILLIS = 120_000;
    private static final long START_TIMEOUT_MILLIS = 120_000;

    /** The same network server's URL for a database of Artemis's own next to Tandem's. */
    static String artemisDatabase(String storeUrl) {
        Matcher m = DATABASE.matcher(storeUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Derby network server URL: " + storeUrl);
        }
        return m.group(1) + "artemis" + m.group(2);
    }

    /** Creates the instance in a new folder, starts it and waits until it is active; returns its client URL. */
    String start(BrokerProcesses processes, ArtemisDistribution artemis, String name)
            throws IOException, InterruptedException {
        Path folder = processes.folder(name);
        Map<String, String> environment = Map.of("JAVA_HOME", BrokerProcesses.JAVA_HOME.toString());
        processes.launch(name + "-create", createCommand(artemis, folder), environment, line -> { })
                .awaitSuccess(CREATE_TIMEOUT_MILLIS);
        rewrite(folder.resolve(Path.of("etc", "broker.xml")), this::brokerXml);
        rewrite(folder.resolve(Path.of("etc", "artemis.profile")), ArtemisInstance::profile);
        if (jdbcUrl != null) {
            for (Path jar : artemis.driverJars(jdbcUrl)) {
                // the instance's lib/ is on the broker's class path
                Files.copy(jar, folder.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ChildProcess broker = processes.launch(name, List.of(folder.resolve(Path.of("bin", "artemis")).toString(), "run"),
                environment, line -> { });
        broker.awaitLine(ACTIVE, START_TIMEOUT_MILLIS);
        return "tcp://" + BrokerProcesses.HOST + ":" + port;
    }

    /** {@code artemis create} with one core acceptor, no web console, anonymous clients. */
    List<String> createCommand(ArtemisDistribution artemis, Path folder) {
        List<String> cmd = new ArrayList<>(List.of(artemis.launcher().toString(), "create", "--silent", "--force",
                "--user", "bench", "--password", "bench", "--allow-anonymous", "--no-web",
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--host", BrokerProcesses.HOST, "--default-port", String.valueOf(port), "--java-memory", heap));
        if (jdbcUrl != null) {
            cmd.addAll(List.of("--jdbc", "--jdbc-connection-url", jdbcUrl, "--jdbc-driver-class-name",
                    jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL_DRIVER : DERBY_DRIVER));
        }
        cmd.add(folder.toString());
        return cmd;
    }

    /**
     * The broker.xml {@code artemis create} wrote, with security off (as for Tandem's brokers in the
     * bench) and the sync period if one was given.
     */
    String brokerXml(String created) throws IOException {
        String xml = insert(created, PERSISTENCE, PERSISTENCE + "\n      <security-enabled>false</security-enabled>");
        if (jdbcUrl != null && jdbcUrl.contains("&") && created.contains(jdbcUrl)) {
            // artemis create writes the URL as given: a URL with several options would not be XML
            xml = xml.replace(jdbcUrl, jdbcUrl.replace("&", "&amp;"));
        }
        if (jdbcUrl != null && jdbcSyncPeriodMillis > 0) {
            xml = insert(xml, END_OF_STORE, "   <jdbc-journal-sync-period>" + jdbcSyncPeriodMillis
                    + "</jdbc-journal-sync-period>\n         " + END_OF_STORE);
        }
        return xml;
    }

    /** artemis.profile without its fixed initial heap, so that only {@code heap} sets the size. */
    static String profile(String created) {
        return created.replace(INITIAL_HEAP, "");
    }

    private static String insert(String xml, String anchor, String replacement) throws IOException {
        if (!xml.contains(anchor)) {
            throw new IOException("the broker.xml of artemis create has no " + anchor);
        }
        return xml.replace(anchor, replacement);
    }

    private interface Edit {
        String apply(String text) throws IOException;
    }

    private static void rewrite(Path file, Edit edit) throws IOException {
        Files.writeString(file, edit.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
