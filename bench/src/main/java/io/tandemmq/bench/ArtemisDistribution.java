package io.tandemmq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code mvn -P artemis package} puts in {@code bench/target/artemis/}: Apache Artemis's
 * published distribution ({@code apache-artemis-VERSION/}), the Derby client jars its JDBC store
 * needs ({@code derby/}), the PostgreSQL driver for its JDBC store on PostgreSQL ({@code postgresql/};
 * empty from a build older than that setup) and its Jakarta JMS client ({@code client/}).
 */
record ArtemisDistribution(Path home, String version, List<Path> derbyJars, List<Path> postgresqlJars, Path clientJar) {
    static final String BUILD_HINT = "build it with mvn -P artemis -pl bench -am -DskipTests package";
    private static final String HOME_PREFIX = "apache-artemis-";

    ArtemisDistribution {
        derbyJars = List.copyOf(derbyJars);
        postgresqlJars = List.copyOf(postgresqlJars);
    }

    /**
     * Finds the three parts in {@code root}.
     *
     * @throws IllegalArgumentException naming the part that is missing
     */
    static ArtemisDistribution in(Path root) {
        Path home = only(root, HOME_PREFIX, "Artemis distribution (" + HOME_PREFIX + "*/)");
        if (!Files.isRegularFile(home.resolve(Path.of("bin", "artemis")))) {
            throw new IllegalArgumentException(home + " has no bin/artemis");
        }
        Path client = only(root.resolve("client"), "artemis-jakarta-client", "Jakarta client of Artemis (artemis-jakarta-client-*.jar)");
        List<Path> derby = jars(root.resolve("derby"));
        if (derby.stream().noneMatch(p -> p.getFileName().toString().startsWith("derbyclient"))) {
            throw new IllegalArgumentException(root.resolve("derby") + " has no derbyclient jar");
        }
        String version = home.getFileName().toString().substring(HOME_PREFIX.length());
        return new ArtemisDistribution(home, version, derby, jars(root.resolve("postgresql")), client);
    }

    /** The JDBC driver jars an Artemis broker needs in its lib/ for this store URL. */
    List<Path> driverJars(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            if (postgresqlJars.isEmpty()) {
                throw new IllegalArgumentException(home.getParent().resolve("postgresql") + " has no PostgreSQL driver; "
                        + BUILD_HINT);
            }
            return postgresqlJars;
        }
        return derbyJars;
    }

    /** {@code bin/artemis} of the distribution: creates instances. */
    Path launcher() {
        return home.resolve(Path.of("bin", "artemis"));
    }

    /** The one entry of {@code folder} whose name starts with {@code prefix}; {@code what} names it in the error. */
    static Path only(Path folder, String prefix, String what) {
        List<Path> found = list(folder).stream().filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(folder + (found.isEmpty() ? " has no " : " has more than one ") + what);
        }
        return found.get(0);
    }

    /** The jar files directly in {@code folder}, sorted; none when it does not exist. */
    static List<Path> jars(Path folder) {
        return list(folder).stream().filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
    }

    /** The entries of {@code folder}, sorted; none when it does not exist. */
    static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + folder + ": " + e.getMessage());
        }
    }
}
