package io.tandemmq.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagePropertiesTest {

    @Test
    void nullOrEmptyPropertyName_isIllegalArgument() {
        TandemMessage m = new TandemMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(null, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setStringProperty("", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.setObjectProperty(null, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1st", "a-b", "a b", "a.b", "NULL", "true", "False", "not", "AND", "or",
        "between", "Like", "in", "IS", "escape"})
    void propertyNameThatIsNoSelectorIdentifier_isIllegalArgument(String name) {
        TandemMessage m = new TandemMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setBooleanProperty(name, true));
        assertFalse(m.propertyExists(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "JMSXGroupID", "JMS_Tandem_Hint", "größe", "a1$_", "NULLABLE", "Island"})
    void selectorIdentifier_isAValidPropertyName(String name) throws JMSException {
        TandemMessage m = new TandemMessage();
        m.setStringProperty(name, "v");
        assertEquals("v", m.getStringProperty(name));
    }

    @Test
    void setObjectProperty_acceptsTheEightTypesAndNull() throws JMSException {
        TandemMessage m = new TandemMessage();
        Object[] values = {true, (byte) 1, (short) 2, 3, 4L, 5f, 6d, "seven", null};
        for (int i = 0; i < values.length; i++) {
            m.setObjectProperty("p" + i, values[i]);
            assertEquals(values[i], m.getObjectProperty("p" + i));
        }
        assertTrue(m.propertyExists("p8"));
    }

    @Test
    void setObjectProperty_rejectsOtherTypes() {
        TandemMessage m = new TandemMessage();
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("c", 'c'));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("b", new byte[0]));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("o", new Object()));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("l", List.of()));
        assertFalse(m.propertyExists("c"));
    }

    @Test
    void typedSetters_storeBoxedValuesOfTheirType() throws JMSException {
        TandemMessage m = new TandemMessage();
        m.setByteProperty("b", (byte) 1);
        m.setShortProperty("s", (short) 1);
        m.setIntProperty("i", 1);
        m.setLongProperty("l", 1);
        m.setFloatProperty("f", 1);
        m.setDoubleProperty("d", 1);
        m.setBooleanProperty("z", true);
        assertEquals(Byte.valueOf((byte) 1), m.getObjectProperty("b"));
        assertEquals(Short.valueOf((short) 1), m.getObjectProperty("s"));
        assertEquals(Integer.valueOf(1), m.getObjectProperty("i"));
        assertEquals(Long.valueOf(1), m.getObjectProperty("l"));
        assertEquals(Float.valueOf(1), m.getObjectProperty("f"));
        assertEquals(Double.valueOf(1), m.getObjectProperty("d"));
        assertEquals(Boolean.TRUE, m.getObjectProperty("z"));
    }

    @Test
    void intPropertyReadAsString_convertsPerTable() throws JMSException {
        TandemMessage m = new TandemMessage();
        m.setIntProperty("n", -12);
        assertEquals("-12", m.getStringProperty("n"));
        assertEquals(-12L, m.getLongProperty("n"));
        assertThrows(MessageFormatException.class, () -> m.getShortProperty("n"));
        assertThrows(MessageFormatException.class, () -> m.getDoubleProperty("n"));
    }

    @Test
    void stringPropertyReadAsNumber_parsesWithValueOf() throws JMSException {
        TandemMessage m = new TandemMessage();
        m.setStringProperty("n", "42");
        m.setStringProperty("x", "4.5");
        m.setStringProperty("t", "True");
        assertEquals(42, m.getIntProperty("n"));
        assertEquals((byte) 42, m.getByteProperty("n"));
        assertEquals(4.5f, m.getFloatProperty("x"));
        assertTrue(m.getBooleanProperty("t"));
        assertThrows(NumberFormatException.class, () -> m.getIntProperty("x"));
    }

    @Test
    void missingProperty_readsAsValueOfNull() throws JMSException {
        TandemMessage m = new TandemMessage();
        assertFalse(m.propertyExists("none"));
        assertFalse(m.getBooleanProperty("none"));
        assertNull(m.getStringProperty("none"));
        assertNull(m.getObjectProperty("none"));
        assertThrows(NumberFormatException.class, () -> m.getByteProperty("none"));
        assertThrows(NumberFormatException.class, () -> m.getShortProperty("none"));
        assertThrows(NumberFormatException.class, () -> m.getIntProperty("none"));
        assertThrows(NumberFormatException.class, () -> m.getLongProperty("none"));
        assertThrows(NullPointerException.class, () -> m.getFloatProperty("none"));
        assertThrows(NullPointerException.class, () -> m.getDoubleProperty("none"));
    }

    @Test
    void settingAgain_replacesValueAndType() throws JMSException {
        TandemMessage m = new TandemMessage();
        m.setIntProperty("p", 1);
        m.setStringProperty("p", "two");
        assertEquals("two", m.getObjectProperty("p"));
        assertEquals(List.of("p"), names(m));
    }

    @Test
    void getPropertyNames_listsEveryPropertyButNoHeaders() throws JMSException {
        TandemMessage m = new TandemMessage();
        m.setJMSType("t");
        m.setIntProperty("a", 1);
        m.setStringProperty("b", null);
        List<String> names = names(m);
        Collections.sort(names);
        assertEquals(List.of("a", "b"), names);
    }

    @Test
    void getPropertyNames_isASnapshot() throws JMSException {
        TandemMessage m = new TandemMessage();
        m.setIntProperty("a", 1);
        Enumeration<?> e = m.getPropertyNames();
        m.setIntProperty("b", 2);
        assertEquals("a", e.nextElement());
        assertFalse(e.hasMoreElements());
    }

    @Test
    void receivedProperties_areReadOnlyUntilClearProperties() throws JMSException {
        TandemMessage sent = new TandemMessage();
        sent.setStringProperty("a", "x");
        TandemMessage received = TestMessages.received(sent);
        assertEquals("x", received.getStringProperty("a"));
        assertThrows(MessageNotWriteableException.class, () -> received.setStringProperty("a", "y"));
        assertThrows(MessageNotWriteableException.class, () -> received.setObjectProperty("b", 1));

        received.clearProperties();
        assertFalse(received.propertyExists("a"));
        assertFalse(received.getPropertyNames().hasMoreElements());
        received.setStringProperty("a", "y");
        assertEquals("y", received.getStringProperty("a"));
    }

    @Test
    void receivedMessage_hasDeliveryCountReadableAsInt() throws JMSException {
        TandemMessage received = TestMessages.received(new TandemMessage(), true, 3);
        assertEquals(3, received.getIntProperty("JMSXDeliveryCount"));
        assertEquals(3L, received.getLongProperty("JMSXDeliveryCount"));
        assertEquals(Integer.valueOf(3), received.getObjectProperty("JMSXDeliveryCount"));
        assertTrue(received.propertyExists("JMSXDeliveryCount"));
        assertTrue(names(received).contains("JMSXDeliveryCount"));
        assertTrue(received.getJMSRedelivered());
    }

    @Test
    void clearProperties_keepsBodyAndHeaders() throws JMSException {
        TandemTextMessage m = new TandemTextMessage("body");
        m.setJMSType("type");
        m.setIntProperty("a", 1);
        m.clearProperties();
        assertEquals("body", m.getText());
        assertEquals("type", m.getJMSType());
        assertFalse(m.propertyExists("a"));
    }

    @Test
    void clearProperties_onReceivedMessage_leavesBodyReadOnly() throws JMSException {
        TandemTextMessage received = TestMessages.received(new TandemTextMessage("body"));
        received.clearProperties();
        assertThrows(MessageNotWriteableException.class, () -> received.setText("other"));
    }

    private static List<String> names(TandemMessage m) {
        List<String> names = new ArrayList<>();
        Enumeration<String> e = m.getPropertyNames();
        while (e.hasMoreElements()) {
            names.add(e.nextElement());
        }
        return names;
    }
}
