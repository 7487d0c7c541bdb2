package io.tandemmq.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The client and the wire protocol never name the broker's classes ({@code io.tandemmq.broker}),
 * and the protocol never names the client's ({@code io.tandemmq.client}): the protocol is what the
 * two sides share, and nothing else. The build fails here when that is broken.
 */
class ModuleRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/tandemmq");

    @Test
    void neitherTheClientNorTheProtocolUsesTheBroker() throws IOException {
        assertEquals(List.of(), filesNaming(SOURCES, "io.tandemmq.broker"), "client classes that use the broker");
    }

    @Test
    void theProtocolDoesNotUseTheClient() throws IOException {
        assertEquals(List.of(), filesNaming(SOURCES.resolve("protocol"), "io.tandemmq.client"),
                "protocol classes that use the client's JMS layer");
    }

    private static List<String> filesNaming(Path root, String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains(pkg + ".");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).sorted().toList();
        }
    }
}
