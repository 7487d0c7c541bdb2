package io.tandemmq.broker.cli;

import io.tandemmq.it.Cli;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every client-side tool reads {@code --url} with the client's parser: a URL the client refuses
 * (a bad port, an unknown option, a bad value) is bad usage, said in one line naming the command
 * and --url, before anything is reached.
 */
class ClientUrlTest {
    private static final List<List<String>> TOOLS = List.of(List.of("send", "--queue", "q"),
            List.of("receive", "--queue", "q"), List.of("browse", "--queue", "q"), List.of("status"),
            List.of("switchover"), List.of("queue", "stat"), List.of("connections"), List.of("backup", "bk"),
            List.of("admin", "queue", "list"), List.of("create-queue", "q"), List.of("list-destinations"));
    private static final List<String> BAD_URLS = List.of("tandem://127.0.0.1:abc", "tandem://127.0.0.1:99999",
            "tandem://127.0.0.1:1?bogus=1", "tandem://127.0.0.1:1?prefetch=abc");

    @Test
    void everyClientTool_withAUrlTheClientRefuses_printsOneLineNamingUrl_andExits2() {
        for (List<String> tool : TOOLS) {
            for (String url : BAD_URLS) {
                // admin takes its options before the verb
                int at = tool.get(0).equals("admin") ? 1 : tool.size();
                List<String> args = new ArrayList<>(tool);
                args.addAll(at, List.of("--url", url));
                Cli.Result r = Console.tandem(args.toArray(String[]::new));
                assertEquals(2, r.exitCode(), args + ": " + r);
                List<String> lines = r.err().lines().filter(l -> !l.startsWith("see '")).toList();
                assertEquals(1, lines.size(), args + ": " + r);
                assertTrue(lines.get(0).startsWith("tandem " + tool.get(0) + ": --url: bad URL"), args + ": " + r);
            }
        }
    }
}
