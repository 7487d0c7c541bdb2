package io.tandemmq.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchOptionsTest {
    @TempDir
    Path dir;

    @Test
    void smokeRunOptions_areTakenAsGiven() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        BenchOptions o = BenchOptions.parse("--broker-jar", jar.toString(), "--scenarios", "send,failover",
                "--runs", "1", "--messages", "200", "--failover-backlogs", "0,2000", "--store-writers", "1");
        assertEquals(List.of(Scenario.SEND, Scenario.FAILOVER), o.scenarios);
        assertEquals(1, o.runs);
        assertEquals(200, o.messages);
        assertEquals(List.of(0, 2000), o.failoverBacklogs);
        assertEquals("200 messages per run", o.workload());
        assertEquals(1, o.storeWriters);
    }

    @Test
    void backlog_runsOnlyWhenNamed_withItsSize() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        BenchOptions all = BenchOptions.parse("--broker-jar", jar.toString());
        assertTrue(!all.scenarios.contains(Scenario.BACKLOG), "it fills a store with millions of messages");
        assertEquals(2_000_000, all.largeBacklog);
        BenchOptions named = BenchOptions.parse("--broker-jar", jar.toString(), "--scenarios", "backlog",
                "--large-backlog", "300000");
        assertEquals(List.of(Scenario.BACKLOG), named.scenarios);
        assertEquals(300_000, named.largeBacklog);
    }

    @Test
    void mdb_runsOnlyWhenNamed_andNamesWhatItsBuildLacks() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        assertTrue(!BenchOptions.parse("--broker-jar", jar.toString()).scenarios.contains(Scenario.MDB),
                "it needs WildFly, Payara and Artemis");
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class, () -> BenchOptions.parse(
                "--broker-jar", jar.toString(), "--scenarios", "mdb", "--app-servers", "tomee",
                "--appservers", dir.toString(), "--artemis", dir.toString(), "--mdb-tandem-store", "postgresql",
                "--mdb-artemis-store", "file"));
        assertTrue(e.errors.contains("--mdb-tandem-store postgresql: needs --postgres JDBC_URL (a database for the"
                + " benchmark alone)"), e.errors.toString());
        assertTrue(e.errors.contains("--mdb-artemis-store file: one of journal, jdbc"), e.errors.toString());
        assertTrue(e.errors.stream().anyMatch(m -> m.startsWith("--app-servers tomee: no application server tomee")),
                e.errors.toString());
        assertTrue(e.errors.stream().anyMatch(m -> m.startsWith("--appservers, --tandem-rar: ")
                && m.endsWith(AppServerDistribution.BUILD_HINT)), e.errors.toString());
    }

    @Test
    void storeFailover_runsOnlyWhenNamed() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        assertTrue(!BenchOptions.parse("--broker-jar", jar.toString()).scenarios.contains(Scenario.STORE_FAILOVER),
                "it needs PostgreSQL's binaries");
        assertEquals(List.of(Scenario.STORE_FAILOVER),
                BenchOptions.parse("--broker-jar", jar.toString(), "--scenarios", "store-failover").scenarios);
    }

    @Test
    void storeWriters_areTheBrokersOwnUnlessGiven() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        assertEquals(0, BenchOptions.parse("--broker-jar", jar.toString()).storeWriters);
    }

    @Test
    void everyBadOption_isNamedAtOnce() {
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class,
                () -> BenchOptions.parse("--runs", "0", "--scenarios", "send,nope", "--duration", "5",
                        "--messages", "9", "--broker-jar", dir.resolve("missing.jar").toString(), "--what", "x", "--out"));
        assertEquals(List.of("--out: needs a value", "--runs 0: must be at least 1", "--scenarios send,nope: no scenario nope",
                "--what x: unknown option", "--duration and --messages: give one of them",
                "--broker-jar: " + dir.resolve("missing.jar") + " does not exist; build it with mvn -DskipTests package"),
                e.errors);
    }

    @Test
    void artemisSetups_findTheDistributionTheProfileUnpacked() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        Path artemis = dir.resolve("artemis");
        for (String file : List.of("apache-artemis-2.40.0/bin/artemis", "client/artemis-jakarta-client-all-2.40.0.jar",
                "derby/derbyclient-10.16.1.1.jar")) {
            Files.createDirectories(artemis.resolve(file).getParent());
            Files.createFile(artemis.resolve(file));
        }
        BenchOptions o = BenchOptions.parse("--broker-jar", jar.toString(), "--scenarios", "send,drain",
                "--setups", "pair,artemis-jdbc", "--artemis", artemis.toString(), "--artemis-sync-period", "1");
        assertEquals(List.of("pair", "artemis-jdbc"), o.setups);
        assertEquals("2.40.0", o.artemis.version());
        assertEquals(1, o.artemisSyncPeriod);
    }

    @Test
    void artemisSetups_withoutTheProfilesBuild_sayHowToBuildIt() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        Path missing = dir.resolve("no-artemis");
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class,
                () -> BenchOptions.parse("--broker-jar", jar.toString(), "--setups", "artemis-journal",
                        "--artemis", missing.toString()));
        assertEquals(List.of("--artemis: " + missing + " has no Artemis distribution (apache-artemis-*/); "
                + ArtemisDistribution.BUILD_HINT), e.errors);
    }

    @Test
    void artemisSetups_areNotLookedForWhenNoScenarioRunsOnASetup() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        BenchOptions o = BenchOptions.parse("--broker-jar", jar.toString(), "--scenarios", "store",
                "--setups", "artemis-jdbc", "--artemis", dir.resolve("no-artemis").toString());
        assertEquals(null, o.artemis);
    }

    @Test
    void theDefaultSetups_needNoArtemis() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        BenchOptions o = BenchOptions.parse("--broker-jar", jar.toString(), "--artemis", dir.resolve("none").toString());
        assertEquals(List.of("single", "pair"), o.setups);
        assertEquals(null, o.artemis);
    }

    @Test
    void anUnknownSetup_listsTheKnownOnes() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        BenchOptions.UsageException e = assertThrows(BenchOptions.UsageException.class,
                () -> BenchOptions.parse("--broker-jar", jar.toString(), "--setups", "pair,artemis",
                        "--artemis-sync-period", "0"));
        assertEquals(List.of("--setups pair,artemis: no setup artemis (single, pair, pair-postgresql, artemis-jdbc,"
                + " artemis-jdbc-postgresql, artemis-journal)", "--artemis-sync-period 0: must be at least 1"), e.errors);
    }

    @Test
    void thePostgresqlSetup_needsADatabase_givenAsAPostgresqlUrl() throws Exception {
        Path jar = Files.createFile(dir.resolve("tandem-broker.jar"));
        BenchOptions.UsageException missing = assertThrows(BenchOptions.UsageException.class,
                () -> BenchOptions.parse("--broker-jar", jar.toString(), "--setups", "pair-postgresql"));
        assertEquals(List.of("--setups pair-postgresql: needs --postgres JDBC_URL (a database for the benchmark alone)"),
                missing.errors);
        BenchOptions.UsageException derby = assertThrows(BenchOptions.UsageException.class,
                () -> BenchOptions.parse("--broker-jar", jar.toString(), "--postgres", "jdbc:derby://h:1/x",
                        "--postgres-password-file", dir.resolve("absent").toString()));
        assertEquals(2, derby.errors.size(), derby.errors.toString());
        assertTrue(derby.errors.get(0).startsWith("--postgres jdbc:derby://h:1/x: not a PostgreSQL JDBC URL"),
                derby.errors.toString());

        Path pw = Files.writeString(dir.resolve("pw"), "secret\n");
        BenchOptions o = BenchOptions.parse("--broker-jar", jar.toString(), "--setups", "pair-postgresql",
                "--postgres", "jdbc:postgresql://127.0.0.1:5432/bench", "--postgres-user", "tandem",
                "--postgres-password-file", pw.toString());
        assertEquals(List.of("--store", "jdbc:postgresql://127.0.0.1:5432/bench", "--store-user", "tandem",
                "--store-password-file", pw.toString()), o.postgres.brokerArgs());
        assertEquals("secret", o.postgres.password());
    }
}
