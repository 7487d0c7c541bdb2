package io.tandemmq.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code mvn -P appservers package} puts in {@code bench/target/appservers/} for the mdb
 * scenario: WildFly ({@code wildfly-VERSION/}), Payara Server ({@code payara6/}), Artemis's Jakarta
 * resource adapter with its client ({@code artemis-ra/}) and the Derby client jars of the
 * application's datasource ({@code derby/}); and Tandem's adapter as the same build made it.
 */
record AppServerDistribution(Path wildFlyHome, Path payaraHome, List<Path> artemisRaJars, List<Path> derbyJars,
                             Path tandemRar) {
    static final String BUILD_HINT = "build it with mvn -P artemis,appservers -DskipTests package";

    AppServerDistribution {
        artemisRaJars = List.copyOf(artemisRaJars);
        derbyJars = List.copyOf(derbyJars);
    }

    /**
     * @throws IllegalArgumentException naming the part that is missing
     */
    static AppServerDistribution in(Path root, Path tandemRar) {
        Path wildFly = ArtemisDistribution.only(root, "wildfly-", "WildFly (wildfly-*/)");
        if (!Files.isRegularFile(wildFly.resolve(Path.of("bin", "standalone.sh")))) {
            throw new IllegalArgumentException(wildFly + " has no bin/standalone.sh");
        }
        Path payara = root.resolve("payara6");
        if (!Files.isRegularFile(payara.resolve(Path.of("bin", "asadmin")))) {
            throw new IllegalArgumentException(payara + " has no bin/asadmin");
        }
        List<Path> artemis = ArtemisDistribution.jars(root.resolve("artemis-ra"));
        for (String part : List.of("artemis-jakarta-ra", "artemis-jakarta-client-all", "artemis-jakarta-service-extensions")) {
            if (artemis.stream().noneMatch(p -> p.getFileName().toString().startsWith(part))) {
                throw new IllegalArgumentException(root.resolve("artemis-ra") + " has no " + part + " jar");
            }
        }
        List<Path> derby = ArtemisDistribution.jars(root.resolve("derby"));
        if (derby.stream().noneMatch(p -> p.getFileName().toString().startsWith("derbyclient"))) {
            throw new IllegalArgumentException(root.resolve("derby") + " has no derbyclient jar");
        }
        if (!Files.isRegularFile(tandemRar)) {
            throw new IllegalArgumentException(tandemRar + " does not exist");
        }
        return new AppServerDistribution(wildFly, payara, artemis, derby, tandemRar);
    }
}
