package io.tandemmq.broker.core.selector;

import static io.tandemmq.broker.core.selector.Selectors.selects;
import static io.tandemmq.broker.core.selector.Selectors.truthOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BETWEEN, IN, LIKE and IS NULL. LIKE pattern details are in {@link LikePatternTest}. */
class SelectorPredicateTest {

    @ParameterizedTest(name = "age {0}: BETWEEN {1}, NOT BETWEEN {2}")
    @CsvSource({"14, false, true", "15, true, false", "17, true, false", "19, true, false", "20, false, true"})
    void between_includesBothBounds(int age, boolean between, boolean notBetween) {
        MapContext m = MapContext.of("age", age);
        assertEquals(between, selects("age BETWEEN 15 AND 19", m));
        assertEquals(between, selects("age >= 15 AND age <= 19", m));
        assertEquals(notBetween, selects("age NOT BETWEEN 15 AND 19", m));
        assertEquals(notBetween, selects("age < 15 OR age > 19", m));
    }

    @Test
    void between_acceptsArithmeticAndApproximateBounds() {
        MapContext m = MapContext.of("x", 2.5, "y", 2);
        assertTrue(selects("x BETWEEN y AND y + 1", m));
        assertTrue(selects("x * 2 BETWEEN 4.9 AND 5.1", m));
        assertTrue(selects("y BETWEEN -1 AND 2.0", m));
    }

    @Test
    void betweenFollowedByAnd_parsesTheSecondAndAsConjunction() {
        MapContext m = MapContext.of("a", 2, "b", 1);
        assertTrue(selects("a BETWEEN 1 AND 3 AND b = 1", m));
        assertFalse(selects("a BETWEEN 1 AND 3 AND b = 2", m));
    }

    @Test
    void betweenWithNullOperand_isUnknownEitherWay() {
        assertEquals(Truth.UNKNOWN, truthOf("a BETWEEN 1 AND 2", MapContext.empty()));
        assertEquals(Truth.UNKNOWN, truthOf("a NOT BETWEEN 1 AND 2", MapContext.empty()));
    }

    @Test
    void betweenWithOneNullBound_canStillBeDecidedFalse() {
        // x >= NULL AND x <= 0 is UNKNOWN AND FALSE, which is FALSE.
        assertEquals(Truth.FALSE, truthOf("x BETWEEN missing AND 0", MapContext.of("x", 5)));
        assertEquals(Truth.UNKNOWN, truthOf("x BETWEEN missing AND 10", MapContext.of("x", 5)));
    }

    @Test
    void betweenOnAString_isFalse() {
        assertEquals(Truth.FALSE, truthOf("s BETWEEN 1 AND 2", MapContext.of("s", "1")));
    }

    @ParameterizedTest(name = "Country = {0}")
    @CsvSource({"' UK', true", "US, true", "France, true", "Peru, false", "UK, false", "us, false"})
    void in_isTrueForListedStrings(String country, boolean listed) {
        // The specification's example, leading space in ' UK' included.
        MapContext m = MapContext.of("Country", country);
        assertEquals(listed, selects("Country IN (' UK', 'US', 'France')", m));
        assertEquals(!listed, selects("Country NOT IN (' UK', 'US', 'France')", m));
    }

    @Test
    void inWithNullIdentifier_isUnknownEitherWay() {
        assertEquals(Truth.UNKNOWN, truthOf("Country IN ('UK')", MapContext.empty()));
        assertEquals(Truth.UNKNOWN, truthOf("Country NOT IN ('UK')", MapContext.empty()));
    }

    @Test
    void inWithNonStringValue_isUnknown() {
        assertEquals(Truth.UNKNOWN, truthOf("n IN ('1')", MapContext.of("n", 1)));
        assertEquals(Truth.UNKNOWN, truthOf("n NOT IN ('1')", MapContext.of("n", 1)));
    }

    @Test
    void in_acceptsOneItemDuplicatesAndEmbeddedQuotes() {
        assertTrue(selects("s IN ('a')", MapContext.of("s", "a")));
        assertTrue(selects("s IN ('a', 'a', 'b')", MapContext.of("s", "b")));
        assertTrue(selects("s IN ('it''s', 'x')", MapContext.of("s", "it's")));
        assertTrue(selects("s IN ('')", MapContext.of("s", "")));
    }

    @ParameterizedTest(name = "phone {0}: {1}")
    @CsvSource({"123, true", "12993, true", "1234, false"})
    void likeWithPercent_matchesAnySequence(String phone, boolean expected) {
        MapContext m = MapContext.of("phone", phone);
        assertEquals(expected, selects("phone LIKE '12%3'", m));
        assertEquals(!expected, selects("phone NOT LIKE '12%3'", m));
    }

    @ParameterizedTest(name = "word {0}: {1}")
    @CsvSource({"lose, true", "loose, false", "lse, false"})
    void likeWithUnderscore_matchesExactlyOneCharacter(String word, boolean expected) {
        assertEquals(expected, selects("word LIKE 'l_se'", MapContext.of("word", word)));
    }

    @Test
    void likeWithEscape_matchesLiteralUnderscore() {
        assertTrue(selects("underscored LIKE '\\_%' ESCAPE '\\'", MapContext.of("underscored", "_foo")));
        assertFalse(selects("underscored LIKE '\\_%' ESCAPE '\\'", MapContext.of("underscored", "bar")));
        assertFalse(selects("underscored LIKE '\\_%' ESCAPE '\\'", MapContext.of("underscored", "xfoo")));
    }

    @Test
    void likeWithEscape_matchesLiteralPercent() {
        assertTrue(selects("rate LIKE '100!%' ESCAPE '!'", MapContext.of("rate", "100%")));
        assertFalse(selects("rate LIKE '100!%' ESCAPE '!'", MapContext.of("rate", "1000")));
    }

    @Test
    void likeWithNullIdentifier_isUnknownEitherWay() {
        assertEquals(Truth.UNKNOWN, truthOf("s LIKE '%'", MapContext.empty()));
        assertEquals(Truth.UNKNOWN, truthOf("s NOT LIKE '%'", MapContext.empty()));
    }

    @Test
    void likeOnNonStringValue_isUnknown() {
        assertEquals(Truth.UNKNOWN, truthOf("n LIKE '1%'", MapContext.of("n", 12)));
    }

    @Test
    void isNull_isTrueForMissingProperty() {
        assertTrue(selects("prop_name IS NULL", MapContext.empty()));
        assertFalse(selects("prop_name IS NOT NULL", MapContext.empty()));
    }

    @Test
    void isNotNull_isTrueForPresentPropertyOfAnyType() {
        for (Object value : new Object[] {"", 0, false, 0.0}) {
            MapContext m = MapContext.of("p", value);
            assertTrue(selects("p IS NOT NULL", m), () -> "value " + value);
            assertFalse(selects("p IS NULL", m), () -> "value " + value);
        }
    }

    @Test
    void isNull_isNeverUnknown() {
        assertEquals(Truth.TRUE, truthOf("a IS NULL", MapContext.empty()));
        assertEquals(Truth.FALSE, truthOf("NOT (a IS NULL)", MapContext.empty()));
    }
}
