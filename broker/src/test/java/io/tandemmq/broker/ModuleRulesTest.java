package io.tandemmq.broker;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The broker shares only the wire protocol ({@code io.tandemmq.protocol}) with the client: no
 * class of the broker names a class of the client's JMS layer ({@code io.tandemmq.client}), so
 * that the two can change apart. The build fails here when one does.
 */
class ModuleRulesTest {

    @Test
    void noBrokerClassUsesTheClient() throws IOException {
        assertEquals(List.of(), filesNaming(Path.of("src/main/java"), "io.tandemmq.client").stream()
                        .filter(f -> !usesOnlyTheShellTools(f)).toList(),
                "broker classes that use the client; share what they need through io.tandemmq.protocol");
    }

    /**
     * The command line dispatches {@code send}, {@code receive} and {@code browse} to the client's
     * shell tools, which are client programs like any application; nothing else of the client.
     */
    private static boolean usesOnlyTheShellTools(String file) {
        try {
            String text = Files.readString(Path.of(file)).replace("io.tandemmq.client.shell.", "");
            return file.replace('\\', '/').contains("/broker/cli/") && !text.contains("io.tandemmq.client.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The source files under {@code root} that name the package (imports and qualified names alike). */
    static List<String> filesNaming(Path root, String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> names(f, pkg))
                    .map(Path::toString).sorted().toList();
        }
    }

    private static boolean names(Path file, String pkg) {
        try {
            return Files.readString(file).contains(pkg + ".");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
