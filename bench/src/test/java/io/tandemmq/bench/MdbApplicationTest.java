package io.tandemmq.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archives the mdb scenario deploys: the same classes for both adapters, descriptors per adapter and server. */
class MdbApplicationTest {
    @TempDir
    Path dir;

    @Test
    void wildFlyWarWithArtemis_bindsTheMdbToArtemisByFileName_andLooksUpTheQueueByName() throws Exception {
        Path derby = Files.write(dir.resolve("derbyclient-10.16.1.1.jar"), new byte[] {1});
        MdbApplication app = new MdbApplication("wildfly", MdbAdapter.ARTEMIS, "java:/jms/ArtemisConnectionFactory", 4,
                1527, List.of(derby));
        Map<String, byte[]> war = entries(app.bytes());

        assertTrue(war.containsKey("WEB-INF/classes/io/tandemmq/bench/mdb/BenchMdb.class"));
        assertTrue(war.containsKey("WEB-INF/classes/io/tandemmq/bench/mdb/CountOnCommit.class"));
        assertTrue(war.containsKey("WEB-INF/lib/derbyclient.jar"), "named as the Derby jars' Class-Path entries name it");
        assertTrue(text(war, "WEB-INF/jboss-ejb3.xml").contains("<mdb:resource-adapter-name>artemis-ra.rar<"));
        assertTrue(war.containsKey("WEB-INF/jboss-deployment-structure.xml"), "standalone.xml gives no JMS API");
        assertFalse(war.containsKey("WEB-INF/glassfish-ejb-jar.xml"));
        assertTrue(text(war, "WEB-INF/web.xml").contains("<lookup-name>java:/jms/ArtemisConnectionFactory</lookup-name>"));
        String ejbJar = text(war, "WEB-INF/ejb-jar.xml");
        assertTrue(ejbJar.contains("<activation-config-property-name>useJNDI</activation-config-property-name>"));
        assertEquals("false", app.activation().get("useJNDI"));
        assertEquals("4", app.activation().get("maxSession"));
        assertEquals("bench-artemis", app.contextRoot());
    }

    @Test
    void payaraWarWithTandem_bindsTheMdbByAdapterNameWithoutRar() throws Exception {
        MdbApplication app = new MdbApplication("payara", MdbAdapter.TANDEM, "jms/tandem-bench", 2, 1527, List.of());
        Map<String, byte[]> war = entries(app.bytes());

        assertTrue(text(war, "WEB-INF/glassfish-ejb-jar.xml").contains("<resource-adapter-mid>tandem-rar</resource-adapter-mid>"));
        assertFalse(war.containsKey("WEB-INF/jboss-ejb3.xml"));
        assertFalse(app.activation().containsKey("useJNDI"), "Tandem's activation takes the queue's name as it is");
        assertEquals("bench.mdb", app.activation().get("destination"));
    }

    @Test
    void artemisAdapterArchive_leavesTheClientsJakartaApiOut_andPointsAtTheBroker() throws Exception {
        Path client = dir.resolve("artemis-jakarta-client-all-2.40.0.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(client))) {
            for (String name : List.of("jakarta/jms/Message.class", "org/apache/activemq/artemis/Client.class")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(new byte[] {1});
                zip.closeEntry();
            }
        }
        Path rar = ArtemisAdapterArchive.write(List.of(client), "127.0.0.1", 61999, Files.createDirectories(dir.resolve("out")));

        Map<String, byte[]> entries = entries(Files.readAllBytes(rar));
        assertTrue(text(entries, "META-INF/ra.xml").contains("host=127.0.0.1;port=61999"));
        assertTrue(text(entries, "META-INF/ironjacamar.xml").contains("java:/jms/ArtemisConnectionFactory"));
        Map<String, byte[]> inner = entries(entries.get(client.getFileName().toString()));
        assertEquals(List.of("org/apache/activemq/artemis/Client.class"), List.copyOf(inner.keySet()));
    }

    @Test
    void standaloneXml_getsAnMdbSectionNamingTandemsAdapter_once() throws Exception {
        String xml = "<subsystem xmlns=\"urn:jboss:domain:ejb3:10.0\"><session-bean><stateless/></session-bean><pools/></subsystem>";
        String edited = WildFlyServer.withDefaultAdapter(xml);
        assertTrue(edited.contains("</session-bean>\n"), edited);
        assertTrue(edited.contains("<resource-adapter-ref resource-adapter-name=\"tandem-rar.rar\"/>"), edited);
        assertTrue(edited.indexOf("<mdb>") < edited.indexOf("<pools/>"), edited);
        assertThrows(IOException.class, () -> WildFlyServer.withDefaultAdapter(edited),
                "not twice");
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                m.put(e.getName(), in.readAllBytes());
            }
        }
        return m;
    }

    private static String text(Map<String, byte[]> entries, String name) {
        assertTrue(entries.containsKey(name), name + " in " + entries.keySet());
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }
}
