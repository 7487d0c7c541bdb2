package io.tandemmq.broker.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TandemCommandTest {
    private static final List<String> COMMANDS = List.of("run", "store-server", "pair", "status", "switchover",
            "create-queue", "create-topic", "delete-queue", "delete-topic", "list-destinations", "admin", "user", "grant",
            "revoke", "bind", "unbind", "list-bindings", "anonymous-access");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream realOut;

    @BeforeEach
    void captureOutput() {
        realOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(realOut);
    }

    private String printed() {
        String s = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return s;
    }

    @Test
    void everyCommand_hasHelp_withDashDashHelpAndDashH_exit0() {
        for (String command : COMMANDS) {
            for (String flag : List.of("--help", "-h")) {
                assertEquals(0, TandemCommand.run(new String[] {command, flag}), command + " " + flag);
                String help = printed();
                assertTrue(help.startsWith("usage: java -jar tandem-broker.jar " + command), command + ": " + help);
            }
        }
    }

    @Test
    void helpAfterOtherOptions_isStillHelp_andStartsNothing() {
        assertEquals(0, TandemCommand.run(new String[] {"run", "--port", "1", "--help"}));
        assertTrue(printed().contains("--store-writers N"));
    }

    @Test
    void version_printsTheProviderVersion() {
        assertEquals(0, TandemCommand.run(new String[] {"--version"}));
        assertEquals("tandem " + io.tandemmq.protocol.TandemVersion.VERSION, printed().strip());
    }

    @Test
    void theOverview_namesHelpAndVersion() {
        assertEquals(0, TandemCommand.run(new String[] {"--help"}));
        assertTrue(printed().contains("<command> --help (or -h)"));
    }
}
