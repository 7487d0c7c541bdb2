package io.tandemmq.broker.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bash completion script, run by a real bash. */
class ShellCompletionTest {
    @TempDir
    Path dir;

    private String complete(String... words) throws Exception {
        Path script = Files.writeString(dir.resolve("tandem-completion.bash"), ShellCompletion.bash());
        String array = String.join(" ", words);
        String program = "source " + script + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; _tandem; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void commands_andEachCommandsOptions_areCompleted() throws Exception {
        assertEquals("send status store-server switchover", complete("tandem", "s"));
        assertEquals("--queue --quiet", complete("tandem", "receive", "--qu"));
        assertEquals("--http-port", complete("java", "-jar", "tandem-broker.jar", "run", "--htt"));
        assertTrue(complete("tandem", "queue", "stat", "--").contains("--password-file"));
    }
}
