package io.tandemmq.broker.core.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TruthTest {

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @CsvSource({
        "TRUE, TRUE, TRUE", "TRUE, FALSE, FALSE", "TRUE, UNKNOWN, UNKNOWN",
        "FALSE, TRUE, FALSE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, FALSE",
        "UNKNOWN, TRUE, UNKNOWN", "UNKNOWN, FALSE, FALSE", "UNKNOWN, UNKNOWN, UNKNOWN"})
    void and_followsTheSpecificationTruthTable(Truth left, Truth right, Truth expected) {
        assertEquals(expected, left.and(right));
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @CsvSource({
        "TRUE, TRUE, TRUE", "TRUE, FALSE, TRUE", "TRUE, UNKNOWN, TRUE",
        "FALSE, TRUE, TRUE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, UNKNOWN",
        "UNKNOWN, TRUE, TRUE", "UNKNOWN, FALSE, UNKNOWN", "UNKNOWN, UNKNOWN, UNKNOWN"})
    void or_followsTheSpecificationTruthTable(Truth left, Truth right, Truth expected) {
        assertEquals(expected, left.or(right));
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"TRUE, FALSE", "FALSE, TRUE", "UNKNOWN, UNKNOWN"})
    void not_followsTheSpecificationTruthTable(Truth operand, Truth expected) {
        assertEquals(expected, operand.not());
    }

    @Test
    void nonBooleanValues_areUnknown() {
        assertEquals(Truth.UNKNOWN, Truth.of((Object) null));
        assertEquals(Truth.UNKNOWN, Truth.of("true"));
        assertEquals(Truth.UNKNOWN, Truth.of(1L));
    }

    @Test
    void toValue_mapsUnknownToNull() {
        assertEquals(Boolean.TRUE, Truth.TRUE.toValue());
        assertEquals(Boolean.FALSE, Truth.FALSE.toValue());
        assertNull(Truth.UNKNOWN.toValue());
    }
}
