package io.tandemmq.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TandemTextMessageTest {

    @Test
    void text_isEncodedAsUtf8() throws JMSException {
        TandemTextMessage m = new TandemTextMessage("grüße \uD83D\uDE00");
        assertArrayEquals("grüße \uD83D\uDE00".getBytes(StandardCharsets.UTF_8), m.encodeBody());
    }

    @Test
    void receivedTextMessage_isReadOnlyUntilClearBody() throws JMSException {
        TandemTextMessage received = TestMessages.received(new TandemTextMessage("hello"));
        assertEquals("hello", received.getText());
        assertThrows(MessageNotWriteableException.class, () -> received.setText("changed"));
        assertEquals("hello", received.getText());

        received.clearBody();
        assertNull(received.getText());
        received.setText("changed");
        assertEquals("changed", received.getText());
    }

    @Test
    void emptyAndNullText_stayDistinctOverTheWire() throws JMSException {
        assertEquals("", TestMessages.received(new TandemTextMessage("")).getText());
        assertNull(TestMessages.received(new TandemTextMessage()).getText());
    }

    @Test
    void getBody_returnsTheTextForStringAndItsSupertypes() throws JMSException {
        TandemTextMessage m = new TandemTextMessage("t");
        assertEquals("t", m.getBody(String.class));
        assertEquals("t", m.getBody(CharSequence.class));
        assertEquals("t", m.getBody(Object.class));
        assertTrue(m.isBodyAssignableTo(CharSequence.class));
    }

    @Test
    void getBody_asAnotherType_isMessageFormatError() throws JMSException {
        TandemTextMessage m = new TandemTextMessage("t");
        assertThrows(MessageFormatException.class, () -> m.getBody(byte[].class));
        assertFalse(m.isBodyAssignableTo(Integer.class));
    }

    @Test
    void textMessageWithoutText_readsAsNullForAnyType() throws JMSException {
        TandemTextMessage m = new TandemTextMessage();
        assertNull(m.getBody(Integer.class));
        assertTrue(m.isBodyAssignableTo(Integer.class));
    }
}
