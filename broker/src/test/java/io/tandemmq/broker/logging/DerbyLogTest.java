package io.tandemmq.broker.logging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Derby's reports come out one line per line of text, each with the time in milliseconds. */
class DerbyLogTest {
    private static final String LINE = "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  Derby: .+";

    @Test
    void aBootReport_losesDerbysDateAndRules_andEachLineGetsATime() throws IOException {
        StringWriter out = new StringWriter();
        try (PrintWriter derby = new PrintWriter(new DerbyLog(out), true)) {
            derby.println("----------------------------------------------------------------");
            derby.println("Sat Dec 05 20:24:42 UTC 2026:");
            derby.print("Booting Derby version 10.16.1.1: instance a816c00e\r\n");
            derby.println("on database directory /tmp/store with class loader app");
            derby.println();
            derby.println("Sat Dec 05 20:24:43 UTC 2026 : Apache Derby Network Server - 10.16.1.1 started");
            derby.print("a last line without its end");
        }
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        assertTrue(lines.stream().allMatch(l -> l.matches(LINE)), out.toString());
        assertTrue(lines.get(0).endsWith("Derby: Booting Derby version 10.16.1.1: instance a816c00e"), lines.get(0));
        assertTrue(lines.get(2).endsWith("Derby: Apache Derby Network Server - 10.16.1.1 started"), lines.get(2));
        assertTrue(lines.get(3).endsWith("Derby: a last line without its end"), lines.get(3));
    }
}
