package io.tandemmq.broker.core.selector;

import static io.tandemmq.broker.core.selector.Selectors.selects;
import static io.tandemmq.broker.core.selector.Selectors.truthOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorArithmeticTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "2 + 3 * 4 = 14",
        "(2 + 3) * 4 = 20",
        "2 * 3 + 4 = 10",
        "10 - 4 - 3 = 3",
        "100 / 10 / 5 = 2",
        "12 / 3 * 2 = 8",
        "-2 * 3 = -6",
        "- -5 = 5",
        "-(2 + 3) = -5",
        "+4 = 4",
        "1 - -1 = 2",
        "2+3*4=14"})
    void arithmetic_followsPrecedenceAndLeftAssociativity(String selector) {
        assertTrue(selects(selector, MapContext.empty()));
    }

    @Test
    void arithmeticOnProperties_usesTheirValues() {
        MapContext m = MapContext.of("price", 20, "quantity", 3L, "rate", 0.5);
        assertTrue(selects("price * quantity = 60", m));
        assertTrue(selects("price * rate = 10", m));
        assertTrue(selects("-price = -20", m));
        assertTrue(selects("+price = 20", m));
    }

    @Test
    void integerDivision_truncatesLikeJava() {
        assertTrue(selects("7 / 2 = 3", MapContext.empty()));
        assertTrue(selects("-7 / 2 = -3", MapContext.empty()));
    }

    @Test
    void anyApproximateOperand_makesTheResultApproximate() {
        assertTrue(selects("7 / 2.0 = 3.5", MapContext.empty()));
        assertTrue(selects("i / f = 3.5", MapContext.of("i", 7, "f", 2f)));
    }

    @Test
    void intProperty_isWidenedToLongBeforeArithmetic() {
        assertTrue(selects("i + 1 = 2147483648", MapContext.of("i", Integer.MAX_VALUE)));
    }

    @Test
    void longOverflow_wrapsLikeJava() {
        assertTrue(selects("9223372036854775807 + 1 = -9223372036854775808", MapContext.empty()));
    }

    @Test
    void integerDivisionByZero_isUnknown() {
        MapContext m = MapContext.of("a", 1);
        assertEquals(Truth.UNKNOWN, truthOf("a / 0 = 1", m));
        assertEquals(Truth.UNKNOWN, truthOf("NOT (a / 0 = 1)", m));
        assertTrue(selects("(a / 0) IS NULL", m));
    }

    @Test
    void approximateDivisionByZero_isInfinityLikeJava() {
        assertTrue(selects("1.0 / 0 > 1E308", MapContext.empty()));
        assertTrue(selects("a / 0.0 < -1E308", MapContext.of("a", -1)));
    }

    @Test
    void nullOperand_makesArithmeticUnknown() {
        assertEquals(Truth.UNKNOWN, truthOf("missing + 1 = 1", MapContext.empty()));
        assertEquals(Truth.UNKNOWN, truthOf("1 + missing = 1", MapContext.empty()));
        assertEquals(Truth.UNKNOWN, truthOf("-missing = 0", MapContext.empty()));
        assertTrue(selects("(missing * 2) IS NULL", MapContext.empty()));
    }

    @Test
    void stringOrBooleanOperand_makesArithmeticUnknown() {
        assertEquals(Truth.UNKNOWN, truthOf("s + 1 = 3", MapContext.of("s", "2")));
        assertEquals(Truth.UNKNOWN, truthOf("b * 1 = 1", MapContext.of("b", true)));
        assertEquals(Truth.UNKNOWN, truthOf("-s = -2", MapContext.of("s", "2")));
        assertEquals(Truth.UNKNOWN, truthOf("+s = 2", MapContext.of("s", "2")));
    }
}
