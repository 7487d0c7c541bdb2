package io.tandemmq.broker.core.selector;

import static io.tandemmq.broker.core.selector.Selectors.selects;
import static io.tandemmq.broker.core.selector.Selectors.truthOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Three-valued logic end to end: x and y are boolean properties, UNKNOWN ones are absent. */
class SelectorLogicTest {

    private static MapContext message(Truth x, Truth y) {
        return MapContext.of("x", x.toValue(), "y", y.toValue());
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @CsvSource({
        "TRUE, TRUE, TRUE", "TRUE, FALSE, FALSE", "TRUE, UNKNOWN, UNKNOWN",
        "FALSE, TRUE, FALSE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, FALSE",
        "UNKNOWN, TRUE, UNKNOWN", "UNKNOWN, FALSE, FALSE", "UNKNOWN, UNKNOWN, UNKNOWN"})
    void and_evaluatesPerTruthTable(Truth x, Truth y, Truth expected) {
        assertEquals(expected, truthOf("x AND y", message(x, y)));
        assertEquals(expected == Truth.TRUE, selects("x AND y", message(x, y)));
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @CsvSource({
        "TRUE, TRUE, TRUE", "TRUE, FALSE, TRUE", "TRUE, UNKNOWN, TRUE",
        "FALSE, TRUE, TRUE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, UNKNOWN",
        "UNKNOWN, TRUE, TRUE", "UNKNOWN, FALSE, UNKNOWN", "UNKNOWN, UNKNOWN, UNKNOWN"})
    void or_evaluatesPerTruthTable(Truth x, Truth y, Truth expected) {
        assertEquals(expected, truthOf("x OR y", message(x, y)));
        assertEquals(expected == Truth.TRUE, selects("x OR y", message(x, y)));
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"TRUE, FALSE", "FALSE, TRUE", "UNKNOWN, UNKNOWN"})
    void not_evaluatesPerTruthTable(Truth x, Truth expected) {
        assertEquals(expected, truthOf("NOT x", message(x, Truth.UNKNOWN)));
    }

    @Test
    void notOfUnknown_isUnknown() {
        MapContext noA = MapContext.empty();
        assertEquals(Truth.UNKNOWN, truthOf("NOT (a = 1)", noA));
        assertFalse(selects("a = 1", noA));
        assertFalse(selects("NOT (a = 1)", noA));
    }

    @Test
    void unknownResult_selectsNothing() {
        assertFalse(selects("missing > 0 OR missing < 0", MapContext.empty()));
    }

    @Test
    void andBindsTighterThanOr() {
        MapContext m = MapContext.of("a", true, "b", false, "c", false);
        assertTrue(selects("a OR b AND c", m));
        assertFalse(selects("(a OR b) AND c", m));
    }

    @Test
    void notBindsTighterThanAnd() {
        MapContext m = MapContext.of("a", false, "b", true);
        assertTrue(selects("NOT a AND b", m));
        assertFalse(selects("NOT (a OR b)", m));
    }

    @Test
    void notAppliesToAWholeComparison() {
        assertTrue(selects("NOT a = 1", MapContext.of("a", 2)));
        assertFalse(selects("NOT a = 1", MapContext.of("a", 1)));
    }

    @Test
    void notCanBeRepeated() {
        MapContext m = MapContext.of("a", true);
        assertTrue(selects("NOT NOT a", m));
        assertFalse(selects("NOT NOT NOT a", m));
    }

    @Test
    void booleanLiterals_selectEverythingOrNothing() {
        assertTrue(selects("TRUE", MapContext.empty()));
        assertFalse(selects("FALSE", MapContext.empty()));
        assertTrue(selects("NOT FALSE", MapContext.empty()));
    }

    @Test
    void booleanPropertyAlone_isACondition() {
        assertTrue(selects("urgent", MapContext.of("urgent", true)));
        assertFalse(selects("urgent", MapContext.of("urgent", false)));
        assertFalse(selects("urgent", MapContext.empty()));
    }

    @Test
    void nonBooleanPropertyAsCondition_isUnknown() {
        assertEquals(Truth.UNKNOWN, truthOf("flag", MapContext.of("flag", "true")));
        assertEquals(Truth.UNKNOWN, truthOf("NOT flag", MapContext.of("flag", 1)));
    }

    @Test
    void falseOperand_decidesAndEvenAfterUnknown() {
        assertEquals(Truth.FALSE, truthOf("missing = 1 AND 1 = 2", MapContext.empty()));
    }

    @Test
    void trueOperand_decidesOrEvenAfterUnknown() {
        assertEquals(Truth.TRUE, truthOf("missing = 1 OR 1 = 1", MapContext.empty()));
    }

    @Test
    void longGeneratedOrChain_evaluates() {
        StringJoiner selector = new StringJoiner(" OR ");
        for (int i = 0; i < 5000; i++) {
            selector.add("id = " + i);
        }
        assertTrue(selects(selector.toString(), MapContext.of("id", 4999)));
        assertFalse(selects(selector.toString(), MapContext.of("id", 5000)));
    }
}
