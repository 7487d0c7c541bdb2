package io.tandemmq.wildfly;

import io.tandemmq.wildfly.app.ActionServlet;
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

    /** The application: EJBs, MDBs and a servlet, with an XA datasource on the Derby client driver it bundles. */
    static WebArchive application(int derbyPort) throws IOException, URISyntaxException {
        return ShrinkWrap.create(WebArchive.class, "tandem-it.war")
                .addPackage(ActionServlet.class.getPackage())
                .addAsLibraries(jarOf(org.apache.derby.jdbc.ClientXADataSource.class),
                        jarOf(org.apache.derby.client.ClientXADataSourceInterface.class),
                        jarOf(org.apache.derby.shared.common.error.DerbySQLIntegrityConstraintViolationException.class))
                .setWebXML(new StringAsset(webXml(derbyPort)));
    }

    private static java.io.File jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile();
    }

    private static String webXml(int derbyPort) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
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
                """.formatted(derbyPort);
    }
}
