package io.tandemmq.broker.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The user guide keeps up with the commands: every command and every option that a command's
 * {@code --help} names is written in docs/command-line.md or, for {@code run}, docs/configuration.md.
 */
class CommandDocsTest {
    private static String docs(String... files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String f : files) {
            all.append(Files.readString(Path.of("..", "docs", f)));
        }
        return all.toString();
    }

    @Test
    void everyCommandAndOption_isInTheDocs() throws IOException {
        String commandLine = docs("command-line.md", "operations.md", "monitoring.md", "administration.md");
        String configuration = docs("configuration.md", "ha.md", "security.md");
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : ShellCompletion.commands().entrySet()) {
            if (!commandLine.contains("`" + e.getKey())) {
                missing.add("command " + e.getKey());
            }
            for (String option : e.getValue()) {
                String where = e.getKey().equals("run") ? configuration : commandLine;
                if (!option.equals("--help") && !where.contains(option)) {
                    missing.add(e.getKey() + " " + option);
                }
            }
        }
        assertEquals(List.of(), missing, "commands and options their --help names but the docs do not");
    }
}
