package io.tandemmq.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtemisDistributionTest {
    @TempDir
    Path root;

    @Test
    void whatTheProfileUnpacks_isFound() throws IOException {
        unpack();
        ArtemisDistribution a = ArtemisDistribution.in(root);
        assertEquals("2.40.0", a.version());
        assertEquals(root.resolve("apache-artemis-2.40.0/bin/artemis"), a.launcher());
        assertEquals(root.resolve("client/artemis-jakarta-client-all-2.40.0.jar"), a.clientJar());
        assertEquals(List.of(root.resolve("derby/derbyclient-10.16.1.1.jar"), root.resolve("derby/derbyshared-10.16.1.1.jar")),
                a.derbyJars());
    }

    @Test
    void anEmptyFolder_namesTheDistribution() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtemisDistribution.in(root));
        assertEquals(root + " has no Artemis distribution (apache-artemis-*/)", e.getMessage());
    }

    @Test
    void aMissingClient_isNamed() throws IOException {
        unpack();
        Files.delete(root.resolve("client/artemis-jakarta-client-all-2.40.0.jar"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtemisDistribution.in(root));
        assertTrue(e.getMessage().contains("Jakarta client"), e.getMessage());
    }

    @Test
    void aMissingDerbyClient_isNamed() throws IOException {
        unpack();
        Files.delete(root.resolve("derby/derbyclient-10.16.1.1.jar"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtemisDistribution.in(root));
        assertTrue(e.getMessage().contains("derbyclient"), e.getMessage());
    }

    /** The layout of bench/target/artemis after mvn -P artemis package, with empty files. */
    private void unpack() throws IOException {
        for (String file : List.of("apache-artemis-2.40.0/bin/artemis", "client/artemis-jakarta-client-all-2.40.0.jar",
                "derby/derbyclient-10.16.1.1.jar", "derby/derbyshared-10.16.1.1.jar", "markers/x.marker")) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.createFile(root.resolve(file));
        }
    }
}
