package io.tandemmq.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs a command of the built broker jar ({@code java -jar tandem-broker.jar ...}) to its end. */
public final class Cli {

    /** What a finished command printed and returned. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /** The java command line that runs the jar with {@code args}. */
    static List<String> command(String... args) {
        String jar = System.getProperty("tandem.broker.jar", "target/tandem-broker.jar");
        List<String> cmd = ChildJvm.java("-Xmx128m", ChildJvm.FULL_COMPILER, "-jar", jar);
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** Runs the command in {@code dir} and waits (at most 60 s) for it to end. */
    static Result tandem(Path dir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        Process p = new ProcessBuilder(command(args)).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                fail("the command " + String.join(" ", args) + " did not end within 60 s");
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
