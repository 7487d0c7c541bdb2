package io.tandemmq.bench;

import java.io.IOException;

/**
 * Starts the broker setups of {@code --setups} by name, each as separate processes of
 * {@link BrokerProcesses}, and gives the scenarios their {@link Target}:
 * <ul>
 * <li>{@code single}: one Tandem broker on an embedded Derby store;</li>
 * <li>{@code pair}: a Derby network server and two Tandem brokers sharing it;</li>
 * <li>{@code pair-postgresql}: two Tandem brokers sharing the PostgreSQL database of {@code --postgres};</li>
 * <li>{@code artemis-jdbc}: a Derby network server (Tandem's {@code store-server}, the same as the
 * pair's) and one Artemis broker with its JDBC store on it;</li>
 * <li>{@code artemis-jdbc-postgresql}: one Artemis broker with its JDBC store on the database of
 * {@code --postgres} (schema {@value PostgresStore#ARTEMIS_SCHEMA}, emptied first), the server
 * {@code pair-postgresql} runs on;</li>
 * <li>{@code artemis-journal}: one Artemis broker with its own file journal, for reference.</li>
 * </ul>
 */
final class BrokerSetups {
    private final BrokerProcesses processes;
    private final BenchOptions options;
    /** Loaded on first use: only a run with an Artemis setup needs it. */
    private ArtemisClient artemisClient;

    BrokerSetups(BrokerProcesses processes, BenchOptions options) {
        this.processes = processes;
        this.options = options;
    }

    Target start(String setup) throws IOException, InterruptedException {
        return switch (setup) {
            case "single" -> Target.tandem(setup, processes.single("single").url());
            case "pair" -> Target.tandem(setup, processes.pair("pair").url());
            case "pair-postgresql" -> Target.tandem(setup, processes.pair("pair-postgresql", options.postgres).url());
            case "artemis-jdbc" -> artemis(setup, ArtemisInstance.artemisDatabase(
                    processes.storeServer("artemis-store").jdbcUrl()));
            case "artemis-jdbc-postgresql" -> artemis(setup, artemisOnPostgres());
            case "artemis-journal" -> artemis(setup, null);
            default -> throw new IllegalArgumentException("no setup " + setup);
        };
    }

    private String artemisOnPostgres() throws IOException {
        try {
            return options.postgres.freshArtemisUrl();
        } catch (java.sql.SQLException e) {
            throw new IOException("--postgres: cannot prepare schema " + PostgresStore.ARTEMIS_SCHEMA + " for Artemis at "
                    + options.postgres.url() + ": " + e.getMessage(), e);
        }
    }

    private Target artemis(String setup, String jdbcUrl) throws IOException, InterruptedException {
        ArtemisInstance instance = new ArtemisInstance(BrokerProcesses.freePorts(1)[0], options.brokerHeap, jdbcUrl,
                options.artemisSyncPeriod);
        String url = instance.start(processes, options.artemis, setup);
        if (artemisClient == null) {
            artemisClient = ArtemisClient.load(options.artemis.clientJar());
        }
        return artemisClient.target(setup, url);
    }
}
