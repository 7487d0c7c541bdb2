package io.tandemmq.broker.core.selector;

import static io.tandemmq.broker.core.selector.Selectors.selects;
import static io.tandemmq.broker.core.selector.Selectors.truthOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Literals as they appear in whole selectors; number syntax details are in NumericLiteralScannerTest. */
class SelectorLiteralTest {

    @Test
    void doubledQuote_isAnEmbeddedQuote() {
        assertTrue(selects("s = 'literal''s'", MapContext.of("s", "literal's")));
        assertTrue(selects("s = ''''", MapContext.of("s", "'")));
        assertTrue(selects("s = 'a''''b'", MapContext.of("s", "a''b")));
    }

    @Test
    void emptyStringLiteral_equalsEmptyString() {
        assertTrue(selects("s = ''", MapContext.of("s", "")));
        assertFalse(selects("s = ''", MapContext.of("s", " ")));
    }

    @Test
    void stringLiteral_keepsUnicodeSpacesAndKeywordsVerbatim() {
        assertTrue(selects("s = 'Grüße, 世界 😀'", MapContext.of("s", "Grüße, 世界 😀")));
        assertTrue(selects("s = ' AND OR NOT ( '", MapContext.of("s", " AND OR NOT ( ")));
        assertTrue(selects("s = 'a\nb'", MapContext.of("s", "a\nb")));
    }

    @Test
    void backslash_isAnOrdinaryCharacterInStrings() {
        assertTrue(selects("s = 'a\\n'", MapContext.of("s", "a\\n")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "n = 31", "n = 0x1F", "n = 0X1f", "n = 037", "n = 0b11111", "n = 31L", "n = 31l", "n = 3_1",
        "n = 31.0", "n = 3.1E1", "n = 310e-1", "n = 31.", "n = 31f", "n = 31D", "n = 0x1.fp4"})
    void numericLiteralsInAnyNotation_denoteTheirValue(String selector) {
        assertTrue(selects(selector, MapContext.of("n", 31)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "n = -57.9E2 + 5790", "n = .5 - 0.5", "n = 7E3 - 7000", "n = +6.2 - 6.2", "n = -957 + 957", "n = +62 - 62"})
    void specificationExampleLiterals_parse(String selector) {
        assertTrue(selects(selector, MapContext.of("n", 0)));
    }

    @Test
    void longRangeBounds_areAccepted() {
        assertTrue(selects("n = 9223372036854775807", MapContext.of("n", Long.MAX_VALUE)));
        assertTrue(selects("n = -9223372036854775808", MapContext.of("n", Long.MIN_VALUE)));
        assertTrue(selects("n = -9223372036854775808L", MapContext.of("n", Long.MIN_VALUE)));
        assertTrue(selects("n = 0xFFFFFFFFFFFFFFFF", MapContext.of("n", -1L)));
    }

    @Test
    void hexLiteralWithoutSuffix_hasLongRangeNotIntRange() {
        assertTrue(selects("n = 0xFFFFFFFF", MapContext.of("n", 4294967295L)));
    }

    @Test
    void booleanLiterals_areCaseInsensitive() {
        MapContext m = MapContext.of("b", true);
        assertTrue(selects("b = true", m));
        assertTrue(selects("b = True", m));
        assertTrue(selects("b <> fAlSe", m));
    }

    @Test
    void nullAsAnOperand_isASyntaxError_itAppearsOnlyInIsNull() {
        for (String selector : new String[] {"NULL = 0", "a = NULL", "NULL <> NULL", "NULL IS NULL", "null is null",
                "a IN (NULL)", "a BETWEEN NULL AND 2", "(NULL)"}) {
            Selectors.rejected(selector);
        }
        assertTrue(Selectors.rejected("NULL = 0").problem().contains("NULL is not a value"));
        assertTrue(selects("a IS NULL", MapContext.empty()));
        assertTrue(selects("a is not null", MapContext.of("a", 1)));
    }
}
