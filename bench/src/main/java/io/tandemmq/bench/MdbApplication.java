package io.tandemmq.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The war the mdb scenario deploys: the classes of {@code io.tandemmq.bench.mdb} (read from this
 * tool's own jar), and descriptors that bind them to one adapter on one server. The classes are the
 * same for both adapters; only the connection factory's name, the MDB's activation properties and
 * the adapter the MDB is bound to differ.
 *
 * @param server         {@code wildfly} or {@code payara}
 * @param adapter        whose adapter the application uses
 * @param factoryJndi    where the server binds the adapter's outbound connection factory
 * @param sessions       the MDB's concurrent sessions ({@code maxSession} of both adapters)
 * @param derbyPort      the port of the Derby network server holding database {@code appdb}
 * @param derbyJars      the Derby client jars for WEB-INF/lib
 */
record MdbApplication(String server, MdbAdapter adapter, String factoryJndi, int sessions, int derbyPort,
                      List<Path> derbyJars) {
    private static final String APP_PACKAGE = "io/tandemmq/bench/mdb/";
    private static final List<String> APP_CLASSES = List.of("BenchServlet", "BenchSender", "BenchMdb", "BenchRows",
            "CountOnCommit", "Received");

    MdbApplication {
        derbyJars = List.copyOf(derbyJars);
    }

    /** The deployment's file name; its context root is the same without {@code .war}. */
    String fileName() {
        return "bench-" + adapter.label + ".war";
    }

    String contextRoot() {
        return "bench-" + adapter.label;
    }

    /** Writes the war to {@code folder}; returns its path. */
    Path writeTo(Path folder) throws IOException {
        Path war = folder.resolve(fileName());
        Files.write(war, bytes());
        return war;
    }

    byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : APP_CLASSES) {
                entry(zip, "WEB-INF/classes/" + APP_PACKAGE + name + ".class", appClass(name));
            }
            entry(zip, "WEB-INF/web.xml", text(webXml()));
            entry(zip, "WEB-INF/ejb-jar.xml", text(ejbJarXml()));
            if (server.equals("wildfly")) {
                entry(zip, "WEB-INF/jboss-ejb3.xml", text(jbossEjb3Xml()));
                entry(zip, "WEB-INF/jboss-deployment-structure.xml", text(JBOSS_DEPLOYMENT_STRUCTURE));
            } else {
                entry(zip, "WEB-INF/glassfish-ejb-jar.xml", text(glassfishEjbJarXml()));
            }
            for (Path jar : derbyJars) {
                entry(zip, "WEB-INF/lib/" + withoutVersion(jar), Files.readAllBytes(jar));
            }
        }
        return out.toByteArray();
    }

    /** derbyclient-10.16.1.1.jar as derbyclient.jar: the name the Derby jars' Class-Path entries give each other. */
    static String withoutVersion(Path jar) {
        return jar.getFileName().toString().replaceFirst("-[0-9][0-9.]*\\.jar$", ".jar");
    }

    private static byte[] appClass(String name) throws IOException {
        try (InputStream in = MdbApplication.class.getResourceAsStream("/" + APP_PACKAGE + name + ".class")) {
            if (in == null) {
                throw new IOException("class " + name + " of the mdb application is not in " + MdbApplication.class
                        .getProtectionDomain().getCodeSource().getLocation());
            }
            return in.readAllBytes();
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    String webXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <resource-ref>
                    <res-ref-name>jms/Bench</res-ref-name>
                    <res-type>jakarta.jms.ConnectionFactory</res-type>
                    <lookup-name>%s</lookup-name>
                  </resource-ref>
                  <data-source>
                    <name>java:app/jdbc/Bench</name>
                    <class-name>org.apache.derby.jdbc.ClientXADataSource</class-name>
                    <server-name>127.0.0.1</server-name>
                    <port-number>%d</port-number>
                    <database-name>appdb</database-name>
                    <transactional>true</transactional>
                    <max-pool-size>%d</max-pool-size>
                  </data-source>
                </web-app>
                """.formatted(factoryJndi, derbyPort, 4 * sessions + 4);
    }

    /** The MDB's activation properties, in the adapter's own names. */
    String ejbJarXml() {
        String properties = adapter.activation(sessions).entrySet().stream()
                .map(e -> """
                              <activation-config-property>
                                <activation-config-property-name>%s</activation-config-property-name>
                                <activation-config-property-value>%s</activation-config-property-value>
                              </activation-config-property>
                        """.formatted(e.getKey(), e.getValue()))
                .collect(Collectors.joining());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0">
                  <enterprise-beans>
                    <message-driven>
                      <ejb-name>BenchMdb</ejb-name>
                      <activation-config>
                %s      </activation-config>
                    </message-driven>
                  </enterprise-beans>
                </ejb-jar>
                """.formatted(properties);
    }

    /** WildFly names an adapter by its file name with {@code .rar}. */
    String jbossEjb3Xml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <jboss:ejb-jar xmlns:jboss="urn:jboss:jakartaee:1.0" xmlns="https://jakarta.ee/xml/ns/jakartaee"
                               xmlns:mdb="urn:resource-adapter-binding:2.0" version="4.0">
                  <assembly-descriptor>
                    <mdb:resource-adapter-binding>
                      <ejb-name>BenchMdb</ejb-name>
                      <mdb:resource-adapter-name>%s.rar</mdb:resource-adapter-name>
                    </mdb:resource-adapter-binding>
                  </assembly-descriptor>
                </jboss:ejb-jar>
                """.formatted(adapter.rarName);
    }

    /** Payara names an adapter by its file name without {@code .rar}. */
    String glassfishEjbJarXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <glassfish-ejb-jar>
                  <enterprise-beans>
                    <ejb>
                      <ejb-name>BenchMdb</ejb-name>
                      <mdb-resource-adapter><resource-adapter-mid>%s</resource-adapter-mid></mdb-resource-adapter>
                    </ejb>
                  </enterprise-beans>
                </glassfish-ejb-jar>
                """.formatted(adapter.rarName);
    }

    /** WildFly's standalone.xml gives applications no JMS API by themselves. */
    private static final String JBOSS_DEPLOYMENT_STRUCTURE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jboss-deployment-structure>
              <deployment>
                <dependencies>
                  <module name="jakarta.jms.api"/>
                </dependencies>
              </deployment>
            </jboss-deployment-structure>
            """;

    /** For a test: the activation properties as a map. */
    Map<String, String> activation() {
        return adapter.activation(sessions);
    }
}
