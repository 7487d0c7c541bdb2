package io.tandemmq.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Artemis's Jakarta resource adapter as a deployable {@code artemis-ra.rar}: Maven Central publishes
 * it as a plain jar, so the mdb scenario packs it with its client and descriptors of its own,
 * pointed at the benchmark's Artemis broker. The client's bundled {@code jakarta.*} API classes are
 * left out: the servers provide those, and a second copy in the adapter would clash with them.
 */
final class ArtemisAdapterArchive {
    static final String FILE_NAME = MdbAdapter.ARTEMIS.rarName + ".rar";
    private static final String RA = "org.apache.activemq.artemis.ra.";

    private ArtemisAdapterArchive() {
    }

    /** Writes {@code artemis-ra.rar} for the broker at host:port into {@code folder}; returns its path. */
    static Path write(List<Path> jars, String host, int port, Path folder) throws IOException {
        Path rar = folder.resolve(FILE_NAME);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(rar))) {
            entry(zip, "META-INF/ra.xml", raXml(host, port).getBytes(StandardCharsets.UTF_8));
            entry(zip, "META-INF/ironjacamar.xml", IRONJACAMAR_XML.getBytes(StandardCharsets.UTF_8));
            for (Path jar : jars) {
                entry(zip, jar.getFileName().toString(), withoutJakartaApi(jar));
            }
        }
        return rar;
    }

    private static byte[] withoutJakartaApi(Path jar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.getName().startsWith("jakarta/")) {
                    entry(zip, e.getName(), in.readAllBytes());
                }
            }
        }
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * The adapter's deployment descriptor: its broker (Netty connector, host and port), one outbound
     * XA connection definition usable as a {@code jakarta.jms.ConnectionFactory}, and inbound
     * activation for MDBs.
     */
    static String raXml(String host, int port) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <connector xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.1">
                  <display-name>Artemis resource adapter (tandem-bench)</display-name>
                  <vendor-name>Apache Software Foundation</vendor-name>
                  <eis-type>JMS 3.1 Server</eis-type>
                  <resourceadapter-version>1.0</resourceadapter-version>
                  <resourceadapter>
                    <resourceadapter-class>%1$sActiveMQResourceAdapter</resourceadapter-class>
                    <config-property>
                      <config-property-name>ConnectorClassName</config-property-name>
                      <config-property-type>java.lang.String</config-property-type>
                      <config-property-value>org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory</config-property-value>
                    </config-property>
                    <config-property>
                      <config-property-name>ConnectionParameters</config-property-name>
                      <config-property-type>java.lang.String</config-property-type>
                      <config-property-value>host=%2$s;port=%3$d</config-property-value>
                    </config-property>
                    <outbound-resourceadapter>
                      <connection-definition>
                        <managedconnectionfactory-class>%1$sActiveMQRAManagedConnectionFactory</managedconnectionfactory-class>
                        <connectionfactory-interface>jakarta.jms.ConnectionFactory</connectionfactory-interface>
                        <connectionfactory-impl-class>%1$sActiveMQRAConnectionFactoryImpl</connectionfactory-impl-class>
                        <connection-interface>jakarta.jms.Session</connection-interface>
                        <connection-impl-class>%1$sActiveMQRASession</connection-impl-class>
                      </connection-definition>
                      <transaction-support>XATransaction</transaction-support>
                      <reauthentication-support>false</reauthentication-support>
                    </outbound-resourceadapter>
                    <inbound-resourceadapter>
                      <messageadapter>
                        <messagelistener>
                          <messagelistener-type>jakarta.jms.MessageListener</messagelistener-type>
                          <activationspec>
                            <activationspec-class>%1$sinflow.ActiveMQActivationSpec</activationspec-class>
                            <required-config-property>
                              <config-property-name>destination</config-property-name>
                            </required-config-property>
                          </activationspec>
                        </messagelistener>
                      </messageadapter>
                    </inbound-resourceadapter>
                  </resourceadapter>
                </connector>
                """.formatted(RA, host, port);
    }

    /**
     * WildFly activates the adapter from this with no server configuration and binds its factory;
     * {@code <recovery>} registers the factory with the transaction manager's recovery, as for
     * Tandem's adapter (IronJacamar needs a user and a password for it: the user {@code artemis
     * create} made; the benchmark's broker has security off).
     */
    static final String IRONJACAMAR_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ironjacamar xmlns="http://www.ironjacamar.org/doc/schema">
              <transaction-support>XATransaction</transaction-support>
              <connection-definitions>
                <connection-definition class-name="%sActiveMQRAManagedConnectionFactory"
                                       jndi-name="java:/jms/ArtemisConnectionFactory" pool-name="ArtemisConnectionFactory">
                  <xa-pool>
                    <min-pool-size>0</min-pool-size>
                    <max-pool-size>20</max-pool-size>
                    <is-same-rm-override>false</is-same-rm-override>
                  </xa-pool>
                  <recovery no-recovery="false">
                    <recover-credential>
                      <user-name>bench</user-name>
                      <password>bench</password>
                    </recover-credential>
                  </recovery>
                </connection-definition>
              </connection-definitions>
            </ironjacamar>
            """.formatted(RA);
}
