package io.tandemmq.broker.core.selector;

import static io.tandemmq.broker.core.selector.Selectors.parse;
import static io.tandemmq.broker.core.selector.Selectors.rejected;
import static io.tandemmq.broker.core.selector.Selectors.selects;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile and random input: only SelectorSyntaxException may come out of parse, nothing out of matches. */
class SelectorRobustnessTest {
    private static final String[] FRAGMENTS = {
        "a", "b", "s", "JMSPriority", "'x'", "'%_'", "''''", "1", "0", "2.5", "0x1F", "1e3", "9223372036854775808",
        "(", ")", "AND", "OR", "NOT", "=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "BETWEEN", "IN", "LIKE",
        "ESCAPE", "IS", "NULL", "TRUE", "FALSE", ",", "'", "!", ".", " ", "\t"};

    @Test
    void deepNestingOfParentheses_isASyntaxErrorNotAStackOverflow() {
        SelectorSyntaxException e = rejected("(".repeat(10_000));
        assertTrue(e.problem().contains("nested too deeply"), e::getMessage);
        rejected("(".repeat(10_000) + "a = 1" + ")".repeat(10_000));
    }

    @Test
    void deepNestingOfNotAndSigns_isASyntaxError() {
        rejected("NOT ".repeat(10_000) + "a");
        rejected("a = " + "-".repeat(10_000) + "1");
        rejected("a = " + "- ".repeat(10_000) + "1");
    }

    @Test
    void moderateNesting_isAccepted() {
        int depth = Parser.MAX_NESTING - 1;
        assertTrue(selects("(".repeat(depth) + "a = 1" + ")".repeat(depth), MapContext.of("a", 1)));
        assertTrue(selects("NOT ".repeat(100) + "a", MapContext.of("a", true)));
    }

    @Test
    void maximalNestingOnASmallThreadStack_parsesOrIsASyntaxError() throws InterruptedException {
        int depth = Parser.MAX_NESTING - 1;
        String selector = "(".repeat(depth) + "a = 1" + ")".repeat(depth);
        Throwable[] failure = new Throwable[1];
        Thread smallStack = new Thread(null, () -> {
            try {
                Selector.parse(selector).matches(MapContext.of("a", 1));
            } catch (SelectorSyntaxException acceptable) {
                // Too deep for this stack: reported as the selector's fault, which is fine.
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 64 * 1024);
        smallStack.start();
        smallStack.join();
        if (failure[0] != null) {
            fail("unexpected " + failure[0], failure[0]);
        }
    }

    @Test
    void veryLongArithmeticChain_isASyntaxErrorNotAStackOverflow() {
        SelectorSyntaxException e = rejected("a = 0" + " + 1".repeat(100_000));
        assertTrue(e.problem().contains("too complex"), e::getMessage);
    }

    @Test
    void arithmeticChainWithinTheLimit_evaluates() {
        assertTrue(selects("a = 0" + " + 1".repeat(500), MapContext.of("a", 500)));
    }

    @Test
    void hugeOrChainAndLongStrings_parseAndEvaluate() {
        String selector = "s = '" + "x".repeat(1_000_000) + "' OR " + "a = 1 OR ".repeat(20_000) + "a = 2";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertTrue(selects(selector, MapContext.of("a", 2)));
        });
    }

    @Test
    void matches_neverThrowsWhateverTheValues() {
        Selector selector = parse("a + b * c / d - e > 1 AND s LIKE 'x%' AND s IN ('x') AND a BETWEEN b AND c"
                + " OR -a < e OR NOT b OR a / 0 = 1 OR s = a");
        Object[] values = {null, "1", "", true, false, (byte) 1, (short) 0, 0, 1, 0L, Long.MIN_VALUE, -1L, 0f,
            Float.NaN, 0.0, Double.NaN, Double.POSITIVE_INFINITY, new Object(), 'c'};
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            MapContext message = MapContext.empty();
            for (String name : new String[] {"a", "b", "c", "d", "e", "s"}) {
                message.with(name, values[random.nextInt(values.length)]);
            }
            selector.matches(message);
        }
    }

    @Test
    void contextThatThrows_isNotSelected() {
        SelectorContext broken = name -> {
            throw new IllegalStateException("broken context");
        };
        assertFalse(parse("a = 1").matches(broken));
        assertFalse(parse("a = 1").matches(null));
        assertTrue(parse("TRUE").matches(broken));
    }

    @Test
    void randomFragmentSequences_eitherParseOrThrowSyntaxException() {
        Random random = new Random(20240611);
        MapContext message = MapContext.of("a", 1, "b", "x", "s", "xy", "JMSPriority", 4);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(random.nextBoolean() ? " " : "");
            }
            parseOrSyntaxError(text.toString(), message);
        }
    }

    @Test
    void randomCharacters_eitherParseOrThrowSyntaxException() {
        Random random = new Random(7);
        String alphabet = "ab1 0x.eE_'()=<>+-*/,%LlfFdDpP\u0000\u00e9\ud83d\ude00\ud800";
        MapContext message = MapContext.of("a", 1);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            parseOrSyntaxError(text.toString(), message);
        }
    }

    private static void parseOrSyntaxError(String text, SelectorContext message) {
        try {
            Selector.parse(text).matches(message);
        } catch (SelectorSyntaxException expected) {
            // Rejected cleanly, which is fine.
        } catch (RuntimeException | Error e) {
            fail("unexpected " + e + " for selector: " + text, e);
        }
    }
}
