package io.tandemmq.broker.core.selector;

import static io.tandemmq.broker.core.selector.Selectors.selects;
import static io.tandemmq.broker.core.selector.Selectors.truthOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorComparisonTest {

    @ParameterizedTest(name = "{0} with n = 5 is {1}")
    @CsvSource({
        "n = 5, true", "n = 4, false",
        "n <> 4, true", "n <> 5, false",
        "n < 6, true", "n < 5, false",
        "n <= 5, true", "n <= 4, false",
        "n > 4, true", "n > 5, false",
        "n >= 5, true", "n >= 6, false"})
    void numericComparisonOperators_compareByValue(String selector, boolean expected) {
        assertEquals(expected, selects(selector, MapContext.of("n", 5)));
    }

    @Test
    void exactAndApproximateNumbers_compareAfterPromotion() {
        assertTrue(selects("1 = 1.0", MapContext.empty()));
        assertTrue(selects("n = 5.0", MapContext.of("n", 5)));
        assertTrue(selects("n < 5.5", MapContext.of("n", 5L)));
        assertTrue(selects("d > 5", MapContext.of("d", 5.5)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"byte", "short", "int", "long", "float", "double"})
    void everyNumericPropertyType_comparesWithLiterals(String type) {
        Object seven = switch (type) {
            case "byte" -> (byte) 7;
            case "short" -> (short) 7;
            case "int" -> 7;
            case "long" -> 7L;
            case "float" -> 7f;
            default -> 7d;
        };
        MapContext m = MapContext.of("p", seven);
        assertTrue(selects("p = 7", m));
        assertTrue(selects("p = 7.0", m));
        assertTrue(selects("p BETWEEN 6 AND 8", m));
    }

    @Test
    void numericPropertiesOfDifferentTypes_compareWithEachOther() {
        assertTrue(selects("b = l AND l = f", MapContext.of("b", (byte) 3, "l", 3L, "f", 3f)));
    }

    @Test
    void floatProperty_equalsFloatLiteralButNotTheNearestDouble() {
        MapContext m = MapContext.of("f", 1.1f);
        assertTrue(selects("f = 1.1f", m));
        assertFalse(selects("f = 1.1", m));
    }

    @Test
    void twoLongs_compareExactlyNotAsDoubles() {
        assertFalse(selects("n = 9007199254740992", MapContext.of("n", 9007199254740993L)));
        assertTrue(selects("n > 9007199254740992", MapContext.of("n", 9007199254740993L)));
    }

    @Test
    void longComparedWithDouble_usesJavaPromotionToDouble() {
        assertTrue(selects("n = 9007199254740992.0", MapContext.of("n", 9007199254740993L)));
    }

    @Test
    void nanProperty_isUnorderedAndUnequalToItself() {
        MapContext m = MapContext.of("d", Double.NaN);
        assertFalse(selects("d = d", m));
        assertTrue(selects("d <> d", m));
        assertFalse(selects("d < 1 OR d >= 1", m));
    }

    @Test
    void negativeZero_equalsZero() {
        assertTrue(selects("d = 0", MapContext.of("d", -0.0)));
    }

    @Test
    void strings_areEqualOnlyWithTheSameCharacters() {
        MapContext m = MapContext.of("color", "blue");
        assertTrue(selects("color = 'blue'", m));
        assertFalse(selects("color = 'Blue'", m));
        assertFalse(selects("color = 'blue '", m));
        assertTrue(selects("color <> 'red'", m));
    }

    @Test
    void booleans_compareWithEqualityOperators() {
        MapContext m = MapContext.of("b", true);
        assertTrue(selects("b = TRUE", m));
        assertTrue(selects("b <> FALSE", m));
        assertFalse(selects("b = FALSE", m));
        assertTrue(selects("(n > 1) = TRUE", MapContext.of("n", 2)));
    }

    @Test
    void nullPropertyInComparison_isUnknownAndNotSelected() {
        for (String selector : new String[] {"a = 1", "a <> 1", "a < 1", "a >= 1", "a = 'x'", "a = TRUE"}) {
            assertEquals(Truth.UNKNOWN, truthOf(selector, MapContext.empty()), selector);
            assertFalse(selects(selector, MapContext.empty()), selector);
        }
    }

    @Test
    void stringPropertyComparedWithNumber_isFalse() {
        // The specification's own example: a property set as the string "2" is not a number,
        // and comparing values of unlike types is false (3.8.1.2).
        MapContext m = MapContext.of("NumberOfOrders", "2");
        assertEquals(Truth.FALSE, truthOf("NumberOfOrders > 1", m));
        assertEquals(Truth.FALSE, truthOf("NumberOfOrders = 2", m));
        assertTrue(selects("NOT (NumberOfOrders > 1)", m));
    }

    @Test
    void numberPropertyComparedWithString_isFalse() {
        assertEquals(Truth.FALSE, truthOf("n = '5'", MapContext.of("n", 5)));
        assertEquals(Truth.FALSE, truthOf("n <> '5'", MapContext.of("n", 5)));
    }

    @Test
    void booleanPropertyComparedWithNumber_isFalse() {
        assertEquals(Truth.FALSE, truthOf("b = 1", MapContext.of("b", true)));
    }

    @Test
    void orderingStringsOrBooleansAtRuntime_isFalse() {
        assertEquals(Truth.FALSE, truthOf("a > b", MapContext.of("a", "y", "b", "x")));
        assertEquals(Truth.FALSE, truthOf("a <= b", MapContext.of("a", true, "b", false)));
    }

    @Test
    void twoStringProperties_compareForEquality() {
        assertTrue(selects("a = b", MapContext.of("a", "x", "b", "x")));
        assertTrue(selects("a <> b", MapContext.of("a", "x", "b", "y")));
    }

    @Test
    void deliveryModeHeader_isComparedAsTheStringTheContextSupplies() {
        MapContext m = MapContext.of("JMSDeliveryMode", "PERSISTENT", "JMSPriority", 4);
        assertTrue(selects("JMSDeliveryMode = 'PERSISTENT' AND JMSPriority >= 4", m));
        assertFalse(selects("JMSDeliveryMode = 'NON_PERSISTENT'", m));
    }

    @Test
    void valueOfAnUnsupportedType_isTreatedAsNull() {
        MapContext m = MapContext.of("big", BigDecimal.ONE, "c", 'x');
        assertTrue(selects("big IS NULL AND c IS NULL", m));
        assertEquals(Truth.UNKNOWN, truthOf("big = 1", m));
    }
}
