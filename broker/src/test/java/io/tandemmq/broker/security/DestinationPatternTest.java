package io.tandemmq.broker.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandemmq.protocol.DestinationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationPatternTest {

    @ParameterizedTest(name = "{0} matches queue ''{1}'': {2}")
    @CsvSource({
        "queue:orders, orders, true",
        "queue:orders, orders.eu, false",
        "queue:orders, order, false",
        "queue:orders.*, orders.eu, true",
        "queue:orders.*, orders, false",
        "queue:orders.*, orders.eu.north, false",
        "queue:*.eu, orders.eu, true",
        "queue:*.eu, eu, false",
        "queue:orders.#, orders, true",
        "queue:orders.#, orders.eu, true",
        "queue:orders.#, orders.eu.north, true",
        "queue:orders.#, ordersx.eu, false",
        "queue:#, anything.at.all, true",
        "queue:#, x, true",
        "queue:#.audit, orders.eu.audit, true",
        "queue:#.audit, audit, true",
        "queue:#.audit, orders.audit.x, false",
        "queue:a.#.z, a.z, true",
        "queue:a.#.z, a.b.c.z, true",
        "queue:a.#.z, a.b.c, false",
        "queue:a.*.#, a, false",
        "queue:a.*.#, a.b, true",
    })
    void patternsMatchWholeDotSeparatedWords(String pattern, String name, boolean expected) {
        assertEquals(expected, DestinationPattern.parse(pattern).matches(DestinationKind.QUEUE, name));
    }

    @Test
    void aQueuePattern_neverMatchesATopic_andTheOtherWayRound() {
        assertFalse(DestinationPattern.parse("queue:#").matches(DestinationKind.TOPIC, "prices"));
        assertFalse(DestinationPattern.parse("topic:#").matches(DestinationKind.QUEUE, "prices"));
        assertTrue(DestinationPattern.parse("topic:prices.*").matches(DestinationKind.TOPIC, "prices.eur"));
    }

    @Test
    void temporaryDestinations_areNeverMatched() {
        assertFalse(DestinationPattern.parse("queue:#").matches(DestinationKind.TEMP_QUEUE, "tmp-queue-a-1"));
        assertFalse(DestinationPattern.parse("topic:#").matches(DestinationKind.TEMP_TOPIC, "tmp-topic-a-1"));
    }

    @Test
    void aPattern_printsAsWritten() {
        assertEquals("queue:orders.*", DestinationPattern.parse("queue:orders.*").toString());
        assertEquals("topic:#", DestinationPattern.parse(" topic:# ").toString());
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "orders|must start with queue: or topic:",
        "Queue:orders|must start with queue: or topic:",
        "table:orders|must start with queue: or topic:",
        "queue:|the name after queue: is empty",
        "queue:orders..eu|empty word",
        "queue:.orders|empty word",
        "topic:prices.|empty word",
        "queue:orders*|mixes a wildcard",
        "topic:a.#b|mixes a wildcard",
    })
    void badPatterns_areRefusedWithTheReason(String pattern, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DestinationPattern.parse(pattern));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(pattern.trim()), e.getMessage());
    }
}
