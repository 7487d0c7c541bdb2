package io.tandemmq.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtemisInstanceTest {
    private static final String CREATED = """
            <configuration>
               <core>
                  <store>
                     <database-store>
                        <jdbc-connection-url>jdbc:derby://127.0.0.1:5000/artemis;create=true</jdbc-connection-url>
                     </database-store>
                  </store>
                  <persistence-enabled>true</persistence-enabled>
               </core>
            </configuration>
            """;
    private static final ArtemisDistribution ARTEMIS =
            new ArtemisDistribution(Path.of("/a/apache-artemis-2.40.0"), "2.40.0", List.of(), List.of(), Path.of("/a/client.jar"));

    @Test
    void artemisDatabase_isOnTheSameNetworkServer() {
        assertEquals("jdbc:derby://127.0.0.1:41527/artemis;create=true",
                ArtemisInstance.artemisDatabase("jdbc:derby://127.0.0.1:41527/tandem;create=true"));
        assertThrows(IllegalArgumentException.class, () -> ArtemisInstance.artemisDatabase("jdbc:derby:memory:x"));
    }

    @Test
    void jdbcInstance_isCreatedWithTheDerbyClientDriverOnOneCoreAcceptor() {
        List<String> cmd = new ArtemisInstance(6000, "512m", "jdbc:derby://127.0.0.1:5000/artemis;create=true", 0)
                .createCommand(ARTEMIS, Path.of("/w/artemis-jdbc-3"));
        assertEquals(Path.of("/a/apache-artemis-2.40.0/bin/artemis").toString(), cmd.get(0));
        assertEquals("create", cmd.get(1));
        assertEquals("/w/artemis-jdbc-3", cmd.get(cmd.size() - 1));
        assertFollows(cmd, "--default-port", "6000");
        assertFollows(cmd, "--host", "127.0.0.1");
        assertFollows(cmd, "--java-memory", "512m");
        assertFollows(cmd, "--jdbc-connection-url", "jdbc:derby://127.0.0.1:5000/artemis;create=true");
        assertFollows(cmd, "--jdbc-driver-class-name", "org.apache.derby.jdbc.ClientDriver");
        assertTrue(cmd.containsAll(List.of("--jdbc", "--silent", "--force", "--allow-anonymous", "--no-web")), cmd::toString);
    }

    @Test
    void postgresqlInstance_isCreatedWithThePostgresqlDriver_whichTheDistributionMustHold() {
        String url = "jdbc:postgresql://127.0.0.1:5432/bench?currentSchema=artemis_bench";
        List<String> cmd = new ArtemisInstance(6000, "512m", url, 0).createCommand(ARTEMIS, Path.of("/w/a"));
        assertFollows(cmd, "--jdbc-driver-class-name", "org.postgresql.Driver");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ARTEMIS.driverJars(url));
        assertTrue(e.getMessage().contains("mvn -P artemis"), e.getMessage());
        assertEquals(List.of(Path.of("/a/pg.jar")), new ArtemisDistribution(Path.of("/a/apache-artemis-2.40.0"), "2.40.0",
                List.of(), List.of(Path.of("/a/pg.jar")), Path.of("/a/client.jar")).driverJars(url));
    }

    @Test
    void brokerXml_escapesTheAmpersandsOfAUrlWithSeveralOptions() throws IOException {
        String url = "jdbc:postgresql://h:1/bench?currentSchema=artemis_bench&user=u";
        String created = CREATED.replace("jdbc:derby://127.0.0.1:5000/artemis;create=true", url);
        String xml = new ArtemisInstance(6000, "512m", url, 0).brokerXml(created);
        assertTrue(xml.contains("<jdbc-connection-url>jdbc:postgresql://h:1/bench?currentSchema=artemis_bench&amp;user=u<"), xml);
    }

    @Test
    void journalInstance_hasNoJdbcOption() {
        List<String> cmd = new ArtemisInstance(6000, "512m", null, 0).createCommand(ARTEMIS, Path.of("/w/j"));
        assertTrue(cmd.stream().noneMatch(a -> a.startsWith("--jdbc")), cmd::toString);
    }

    @Test
    void brokerXml_turnsSecurityOff_andKeepsArtemisSyncPeriodUnlessOneIsGiven() throws IOException {
        String keep = new ArtemisInstance(6000, "512m", "jdbc:derby://h:1/artemis", 0).brokerXml(CREATED);
        assertTrue(keep.contains("<persistence-enabled>true</persistence-enabled>\n      <security-enabled>false</security-enabled>"), keep);
        assertTrue(!keep.contains("jdbc-journal-sync-period"), keep);

        String set = new ArtemisInstance(6000, "512m", "jdbc:derby://h:1/artemis", 1).brokerXml(CREATED);
        assertTrue(set.contains("<jdbc-journal-sync-period>1</jdbc-journal-sync-period>\n         </database-store>"), set);
    }

    @Test
    void brokerXml_withoutTheLinesItChanges_isAnError() {
        IOException e = assertThrows(IOException.class,
                () -> new ArtemisInstance(6000, "512m", null, 0).brokerXml("<configuration/>"));
        assertTrue(e.getMessage().contains("persistence-enabled"), e.getMessage());
    }

    @Test
    void profile_dropsTheFixedInitialHeap() {
        assertEquals("JAVA_ARGS=\"-XX:+UseG1GC -Xmx256m \"",
                ArtemisInstance.profile("JAVA_ARGS=\"-XX:+UseG1GC -Xms512M -Xmx256m \""));
    }

    private static void assertFollows(List<String> cmd, String option, String value) {
        int i = cmd.indexOf(option);
        assertTrue(i >= 0 && i + 1 < cmd.size(), option + " missing in " + cmd);
        assertEquals(value, cmd.get(i + 1), option);
    }
}
