package io.tandemmq.broker.core.selector;

import static io.tandemmq.broker.core.selector.Selectors.parse;
import static io.tandemmq.broker.core.selector.Selectors.rejected;
import static io.tandemmq.broker.core.selector.Selectors.selects;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identifiers, keywords and the header field restriction. */
class SelectorIdentifierTest {

    @Test
    void identifiers_areCaseSensitive() {
        MapContext m = MapContext.of("Color", "red");
        assertTrue(selects("Color = 'red'", m));
        assertFalse(selects("color = 'red'", m));
        assertFalse(selects("COLOR = 'red'", m));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "a is null", "a IS NULL", "a Is NoT nUlL OR TRUE", "n between 1 and 2", "n NOT between 1 AND 2",
        "s in ('x')", "s not IN ('x')", "s like 'x' escape '!'", "s LiKe 'x' EsCaPe '!'",
        "not n = 1 or n = 2 and n = 3", "b = true OR b = False"})
    void keywords_areCaseInsensitive(String selector) {
        parse(selector);
    }

    @Test
    void lowerCaseKeywords_evaluateLikeUpperCase() {
        MapContext m = MapContext.of("n", 2, "s", "x");
        assertTrue(selects("n between 1 and 3 and s in ('x') and s like 'x%' and t is null", m));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"_under", "$dollar", "a1", "camelCase", "größe", "数量", "a_b$c", "JMSX", "J"})
    void javaIdentifiers_areAccepted(String identifier) {
        assertTrue(selects(identifier + " = 1", MapContext.of(identifier, 1)));
    }

    @Test
    void wordsContainingKeywords_areIdentifiers() {
        MapContext m = MapContext.of("ANDROID", 1, "order", 2, "island", 3, "nullable", 4, "NOTE", 5);
        assertTrue(selects("ANDROID = 1 AND order = 2 AND island = 3 AND nullable = 4 AND NOTE = 5", m));
    }

    @Test
    void nonAsciiLookalikeOfKeyword_isAnIdentifier() {
        // Dotless i: full Unicode upper-casing would make this "IN".
        assertTrue(selects("\u0131n = 1", MapContext.of("\u0131n", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "JMSDeliveryMode = 'PERSISTENT'", "JMSPriority > 4", "JMSMessageID = 'ID:1'", "JMSTimestamp > 0",
        "JMSCorrelationID IS NULL", "JMSType = 'car'"})
    void selectableHeaderFields_areAccepted(String selector) {
        parse(selector);
    }

    @Test
    void nullableHeaderFields_areNullWhenUnset() {
        assertTrue(selects("JMSCorrelationID IS NULL AND JMSType IS NULL", MapContext.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "JMSXGroupID = 'g'", "JMSXDeliveryCount > 1", "JMSXUserID IS NULL", "JMS_vendor_flag = TRUE",
        "JMS_IBM_Format = 'x'"})
    void jmsxAndProviderSpecificProperties_areAccepted(String selector) {
        parse(selector);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JMSDestination", "JMSReplyTo", "JMSExpiration", "JMSRedelivered", "JMSDeliveryTime"})
    void unselectableHeaderFields_areSyntaxErrors(String header) {
        SelectorSyntaxException e = rejected(header + " IS NULL");
        assertTrue(e.getMessage().contains(header), e::getMessage);
        rejected("a = 1 AND (" + header + " = 'x')");
    }

    @Test
    void headerRestriction_isCaseSensitiveLikeIdentifiers() {
        assertTrue(selects("jmsdestination = 'x'", MapContext.of("jmsdestination", "x")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "AND = 1", "or = 1", "a = 1 AND between = 2", "like = 'x'", "In = 'x'", "is = 1", "escape = 'x'",
        "NOT = 1", "a = not", "TRUE = 1", "s IN (null)"})
    void keywords_cannotBeIdentifiers(String selector) {
        rejected(selector);
    }
}
