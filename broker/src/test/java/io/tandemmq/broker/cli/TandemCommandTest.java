package io.tandemmq.broker.cli;

import io.tandemmq.it.Cli;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TandemCommandTest {
    private static final List<String> COMMANDS = List.of("run", "store-server", "pair", "status", "switchover",
            "create-queue", "create-topic", "delete-queue", "delete-topic", "list-destinations", "admin", "user", "grant",
            "revoke", "bind", "unbind", "list-bindings", "anonymous-access", "completion");

    @Test
    void everyCommand_hasHelp_withDashDashHelpAndDashH_exit0() {
        for (String command : COMMANDS) {
            for (String flag : List.of("--help", "-h")) {
                Cli.Result r = Console.tandem(command, flag);
                assertEquals(0, r.exitCode(), command + " " + flag);
                String help = r.out();
                assertTrue(help.startsWith("usage: java -jar tandem-broker.jar " + command), command + ": " + help);
            }
        }
    }

    @Test
    void helpAfterOtherOptions_isStillHelp_andStartsNothing() {
        assertTrue(succeeds("run", "--port", "1", "--help").contains("--store-writers N"));
    }

    @Test
    void version_printsTheProviderVersion() {
        assertEquals("tandem " + io.tandemmq.protocol.TandemVersion.VERSION, succeeds("--version").strip());
    }

    @Test
    void theOverview_namesHelpAndVersion() {
        assertTrue(succeeds("--help").contains("<command> --help (or -h)"));
    }

    /** What a command that must exit with 0 printed on standard output. */
    private static String succeeds(String... args) {
        Cli.Result r = Console.tandem(args);
        assertEquals(0, r.exitCode(), r.toString());
        return r.out();
    }

    @Test
    void anUnknownCommand_printsOneLineAndWhereTheHelpIs_andExits2() {
        Cli.Result r = Console.tandem("frobnicate");
        assertEquals(2, r.exitCode());
        assertEquals(List.of("tandem: unknown command 'frobnicate'", "see 'java -jar tandem-broker.jar --help'"),
                r.err().lines().toList());
    }

    @Test
    void send_withConflictingOrBadOptions_printsTheProblemAndWhereTheHelpIs_notTheWholeHelp() {
        Cli.Result both = Console.tandem("send", "--queue", "a", "--topic", "b");
        assertEquals(2, both.exitCode());
        assertEquals(List.of("tandem send: give --queue NAME or --topic NAME, not both",
                "see 'java -jar tandem-broker.jar send --help'"), both.err().lines().toList());
        Cli.Result badCount = Console.tandem("send", "--queue", "q", "--count", "abc");
        assertEquals(2, badCount.exitCode());
        assertEquals(List.of("tandem send: --count: 'abc' is not a whole number of at least 1",
                "see 'java -jar tandem-broker.jar send --help'"), badCount.err().lines().toList());
    }

    @Test
    void completion_withHelpAfterTheShell_printsItsUsage_andExits0() {
        assertTrue(succeeds("completion", "bash", "--help").startsWith("usage: java -jar tandem-broker.jar completion bash"));
    }

    @Test
    void backup_withBothUrlAndData_isBadUsage_sayingTheyNameTwoStores_andCreatesNothing() {
        Cli.Result r = Console.tandem("backup", "target/never-bk", "--url", "tandem://127.0.0.1:1", "--data",
                "target/never-data");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("tandem backup: --url and --data (or --store) name two different stores: give one", r.err().strip());
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("target/never-data")));
    }

    @Test
    void runsHelp_andTheOverview_nameEveryOptionRunAccepts() {
        String runHelp = succeeds("run", "--help");
        String overview = succeeds("--help");
        for (String option : io.tandemmq.broker.config.BrokerConfigParser.options()) {
            // refused on the command line (ps shows it): named only as store-password= of --config
            if (!option.equals("store-password")) {
                assertTrue(runHelp.contains("--" + option + " "), "run --help names --" + option);
                assertTrue(overview.matches("(?s).*--" + option + "\\b(?!-).*"), "--help names --" + option);
            }
        }
    }
}
