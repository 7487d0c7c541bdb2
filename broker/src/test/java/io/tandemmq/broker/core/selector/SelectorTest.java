package io.tandemmq.broker.core.selector;

import static io.tandemmq.broker.core.selector.Selectors.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public entry points of {@link Selector}. */
class SelectorTest {

    @Test
    void parseOrNull_ofNull_isNoSelector() throws SelectorSyntaxException {
        assertNull(Selector.parseOrNull(null));
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"", " ", "\t\n\r\f  "})
    void parseOrNull_ofEmptyOrBlankText_isNoSelector(String text) throws SelectorSyntaxException {
        assertNull(Selector.parseOrNull(text));
    }

    @Test
    void parseOrNull_ofValidText_parses() throws SelectorSyntaxException {
        Selector selector = Selector.parseOrNull(" a = 1 ");
        assertNotNull(selector);
        assertTrue(selector.matches(MapContext.of("a", 1)));
    }

    @Test
    void parseOrNull_ofInvalidText_throws() {
        assertThrows(SelectorSyntaxException.class, () -> Selector.parseOrNull("a ="));
    }

    @Test
    void parse_ofNull_throwsPointingToParseOrNull() {
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class, () -> Selector.parse(null));
        assertTrue(e.getMessage().contains("parseOrNull"), e::getMessage);
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"", "   ", "\n"})
    void parse_ofEmptyOrBlankText_throws(String text) {
        assertTrue(rejected(text).getMessage().contains("parseOrNull"));
    }

    @Test
    void whitespaceOtherThanJavas_isNotBlankButAnError() throws SelectorSyntaxException {
        assertThrows(SelectorSyntaxException.class, () -> Selector.parseOrNull("\u2003"));
    }

    @Test
    void text_andToString_returnTheTextAsGiven() throws SelectorSyntaxException {
        Selector selector = Selector.parse("  JMSType = 'car'\n");
        assertEquals("  JMSType = 'car'\n", selector.text());
        assertEquals(selector.text(), selector.toString());
    }

    @Test
    void specificationExample_selectsBlueCarsOverWeight() throws SelectorSyntaxException {
        Selector selector = Selector.parse("JMSType = 'car' AND color = 'blue' AND weight > 2500");
        assertTrue(selector.matches(MapContext.of("JMSType", "car", "color", "blue", "weight", 2600)));
        assertFalse(selector.matches(MapContext.of("JMSType", "car", "color", "blue", "weight", 2500)));
        assertFalse(selector.matches(MapContext.of("JMSType", "car", "color", "red", "weight", 2600)));
        assertFalse(selector.matches(MapContext.of("JMSType", "car", "color", "blue")));
    }

    @Test
    void oneSelector_evaluatesManyMessagesIndependently() throws SelectorSyntaxException {
        Selector selector = Selector.parse("n > 1");
        assertTrue(selector.matches(MapContext.of("n", 2)));
        assertFalse(selector.matches(MapContext.of("n", 1)));
        assertTrue(selector.matches(MapContext.of("n", 3)));
    }

    @Test
    void allWhitespaceKinds_separateTokens() throws SelectorSyntaxException {
        assertTrue(Selector.parse("a\t=\n1\rAND\fb\r\n=\t2").matches(MapContext.of("a", 1, "b", 2)));
    }
}
