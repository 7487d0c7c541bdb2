package io.tandemmq.wildfly;

import io.tandemmq.wildfly.app.ActionServlet;
import io.tandemmq.wildfly.app.Attempts;
import io.tandemmq.wildfly.app.BrokerKiller;
import io.tandemmq.wildfly.app.ContextSender;
import io.tandemmq.wildfly.app.CrashingOrderService;
import io.tandemmq.wildfly.app.FailingMdb;
import io.tandemmq.wildfly.app.FailoverMdb;
import io.tandemmq.wildfly.app.NewsMdb;
import io.tandemmq.wildfly.app.OrderService;
import io.tandemmq.wildfly.app.PayaraMdb;
import io.tandemmq.wildfly.app.RecordingMdb;
import io.tandemmq.wildfly.app.RowPerMessage;
import io.tandemmq.wildfly.app.Rows;
import io.tandemmq.wildfly.app.WildFlyActionServlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The two deployments of the tests: the built adapter, and the application that uses it. */
final class Deployments {
    private Deployments() {
    }

    /**
     * {@code rar/target/tandem-rar.rar} as built, with its ironjacamar.xml's server list set to
     * the running pair (what {@code -Dtandem.server.url} does for an operator).
     */
    static ResourceAdapterArchive adapter(String serverUrl) throws IOException {
        Path rar = Path.of(System.getProperty("tandem.rar", "../rar/target/tandem-rar.rar"));
        ResourceAdapterArchive archive = ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, rar.toFile());
        String ironjacamar;
        try (ZipFile zip = new ZipFile(rar.toFile())) {
            ZipEntry entry = zip.getEntry("META-INF/ironjacamar.xml");
            ironjacamar = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
        String pointed = ironjacamar.replaceAll("\\$\\{tandem\\.server\\.url:[^}]*}", serverUrl);
        if (pointed.equals(ironjacamar)) {
            throw new IllegalStateException("ironjacamar.xml has no ${tandem.server.url:...} to point at the pair");
        }
        archive.delete("META-INF/ironjacamar.xml");
        archive.addAsManifestResource(new StringAsset(pointed), "ironjacamar.xml");
        return ShrinkWrap.create(ResourceAdapterArchive.class, "tandem-rar.rar").merge(archive);
    }

    /** The application for WildFly: every bean and servlet but Payara's MDB. */
    static WebArchive wildFlyApplication(int derbyPort) throws URISyntaxException {
        return withDerby(ShrinkWrap.create(WebArchive.class, "tandem-it.war")
                .addClasses(ActionServlet.class, WildFlyActionServlet.class, OrderService.class, CrashingOrderService.class,
                        ContextSender.class, BrokerKiller.class, Rows.class, Attempts.class, RowPerMessage.class,
                        RecordingMdb.class, FailoverMdb.class, FailingMdb.class, NewsMdb.class)
                .setWebXML(new StringAsset(webXml(derbyPort, Rows.WILDFLY_CONNECTION_FACTORY))));
    }

    /** The WildFly application without a single MDB: nothing activates the adapter's inbound side. */
    static WebArchive wildFlySendOnlyApplication(int derbyPort) throws URISyntaxException {
        return withDerby(ShrinkWrap.create(WebArchive.class, "tandem-it.war")
                .addClasses(ActionServlet.class, WildFlyActionServlet.class, OrderService.class, CrashingOrderService.class,
                        ContextSender.class, BrokerKiller.class, Rows.class, Attempts.class, RowPerMessage.class)
                .setWebXML(new StringAsset(webXml(derbyPort, Rows.WILDFLY_CONNECTION_FACTORY))));
    }

    /**
     * The application for Payara: the send EJB, one MDB bound to the adapter by
     * glassfish-ejb-jar.xml (Payara's adapter name is the file name without ".rar"), and the
     * connection factory reference mapped to the connector resource the fixture creates.
     */
    static WebArchive payaraApplication(int derbyPort, String connectionFactoryJndiName) throws URISyntaxException {
        return withDerby(ShrinkWrap.create(WebArchive.class, "tandem-it.war")
                .addClasses(ActionServlet.class, OrderService.class, CrashingOrderService.class, BrokerKiller.class,
                        Rows.class, Attempts.class, RowPerMessage.class, PayaraMdb.class)
                .addAsWebInfResource(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <glassfish-ejb-jar>
                          <enterprise-beans>
                            <ejb>
                              <ejb-name>PayaraMdb</ejb-name>
                              <mdb-resource-adapter><resource-adapter-mid>tandem-rar</resource-adapter-mid></mdb-resource-adapter>
                            </ejb>
                          </enterprise-beans>
                        </glassfish-ejb-jar>
                        """), "glassfish-ejb-jar.xml")
                .setWebXML(new StringAsset(webXml(derbyPort, connectionFactoryJndiName))));
    }

    /** The Payara application without its MDB: nothing activates the adapter's inbound side. */
    static WebArchive payaraSendOnlyApplication(int derbyPort, String connectionFactoryJndiName) throws URISyntaxException {
        return withDerby(ShrinkWrap.create(WebArchive.class, "tandem-it.war")
                .addClasses(ActionServlet.class, OrderService.class, CrashingOrderService.class, BrokerKiller.class,
                        Rows.class, Attempts.class)
                .setWebXML(new StringAsset(webXml(derbyPort, connectionFactoryJndiName))));
    }

    /** The Derby client driver the application's XA datasource needs, in WEB-INF/lib. */
    private static WebArchive withDerby(WebArchive war) throws URISyntaxException {
        return war.addAsLibraries(jarOf(org.apache.derby.jdbc.ClientXADataSource.class),
                jarOf(org.apache.derby.client.ClientXADataSourceInterface.class),
                jarOf(org.apache.derby.shared.common.error.DerbySQLIntegrityConstraintViolationException.class));
    }

    private static java.io.File jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile();
    }

    private static String webXml(int derbyPort, String connectionFactoryJndiName) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <resource-ref>
                    <res-ref-name>jms/Tandem</res-ref-name>
                    <res-type>jakarta.jms.ConnectionFactory</res-type>
                    <lookup-name>%s</lookup-name>
                  </resource-ref>
                  <data-source>
                    <name>java:app/jdbc/TandemIt</name>
                    <class-name>org.apache.derby.jdbc.ClientXADataSource</class-name>
                    <server-name>127.0.0.1</server-name>
                    <port-number>%d</port-number>
                    <database-name>appdb</database-name>
                    <transactional>true</transactional>
                    <max-pool-size>10</max-pool-size>
                  </data-source>
                </web-app>
                """.formatted(connectionFactoryJndiName, derbyPort);
    }
}
