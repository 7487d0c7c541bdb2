package io.tandemmq.client.message;

import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TandemMessageTest {

    @Test
    void newMessage_hasDefaultDeliveryModeAndPriority() {
        TandemMessage m = new TandemMessage();
        assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, m.getJMSPriority());
        assertNull(m.getJMSMessageID());
        assertNull(m.getJMSCorrelationIDAsBytes());
    }

    @Test
    void headerSetters_storeWhatTheyAreGiven() {
        TandemMessage m = new TandemMessage();
        m.setJMSMessageID("ID:1");
        m.setJMSDestination(new TandemQueue("q"));
        m.setJMSReplyTo(new TandemTopic("t"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(9);
        m.setJMSTimestamp(11);
        m.setJMSExpiration(12);
        m.setJMSDeliveryTime(13);
        m.setJMSType("type");
        m.setJMSRedelivered(true);
        assertEquals("ID:1", m.getJMSMessageID());
        assertEquals(new TandemQueue("q"), m.getJMSDestination());
        assertEquals(new TandemTopic("t"), m.getJMSReplyTo());
        assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(9, m.getJMSPriority());
        assertEquals(11, m.getJMSTimestamp());
        assertEquals(12, m.getJMSExpiration());
        assertEquals(13, m.getJMSDeliveryTime());
        assertEquals("type", m.getJMSType());
        assertTrue(m.getJMSRedelivered());
    }

    @Test
    void correlationIdAsBytes_roundTripsEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        TandemMessage m = new TandemMessage();
        m.setJMSCorrelationIDAsBytes(all);
        assertArrayEquals(all, m.getJMSCorrelationIDAsBytes());
        assertEquals(256, m.getJMSCorrelationID().length());
        assertEquals('\u00ff', m.getJMSCorrelationID().charAt(255));
    }

    @Test
    void correlationIdString_readsAsItsIsoLatin1Bytes() {
        TandemMessage m = new TandemMessage();
        m.setJMSCorrelationID("abc\u00e9");
        assertArrayEquals(new byte[] {'a', 'b', 'c', (byte) 0xe9}, m.getJMSCorrelationIDAsBytes());
        m.setJMSCorrelationIDAsBytes(null);
        assertNull(m.getJMSCorrelationID());
    }

    @Test
    void acknowledge_withoutAcknowledger_doesNothing() throws JMSException {
        new TandemMessage().acknowledge();
    }

    @Test
    void acknowledge_delegatesToTheAcknowledger() throws JMSException {
        AtomicInteger calls = new AtomicInteger();
        TandemMessage m = new TandemMessage();
        m.setAcknowledger(calls::incrementAndGet);
        m.acknowledge();
        m.acknowledge();
        assertEquals(2, calls.get());
    }

    @Test
    void acknowledge_passesTheAcknowledgersFailureOn() {
        TandemMessage m = new TandemMessage();
        m.setAcknowledger(() -> {
            throw new jakarta.jms.IllegalStateException("session closed");
        });
        assertThrows(jakarta.jms.IllegalStateException.class, m::acknowledge);
    }

    @Test
    void bareMessage_hasNoBodyAssignableToAnything() throws JMSException {
        TandemMessage m = new TandemMessage();
        assertNull(m.getBody(String.class));
        assertNull(m.getBody(Integer.class));
        assertTrue(m.isBodyAssignableTo(byte[].class));
        assertTrue(m.isBodyAssignableTo(Thread.class));
    }

    @Test
    void clearBody_keepsHeadersAndProperties() throws JMSException {
        TandemTextMessage m = new TandemTextMessage("text");
        m.setJMSCorrelationID("c");
        m.setIntProperty("p", 1);
        m.clearBody();
        assertNull(m.getText());
        assertEquals("c", m.getJMSCorrelationID());
        assertEquals(1, m.getIntProperty("p"));
    }

    @Test
    void headersOfAReceivedMessage_canBeChanged() throws JMSException {
        TandemMessage received = TestMessages.received(new TandemMessage());
        received.setJMSType("changed");
        received.setJMSPriority(1);
        assertEquals("changed", received.getJMSType());
        assertEquals(1, received.getJMSPriority());
    }

    @Test
    void equality_isIdentity() {
        TandemMessage a = new TandemMessage();
        TandemMessage b = new TandemMessage();
        a.setJMSMessageID("ID:same");
        b.setJMSMessageID("ID:same");
        assertNotEquals(a, b);
        assertSame(a, a);
    }

    @Test
    void toString_namesTypeAndId() {
        TandemTextMessage m = new TandemTextMessage();
        m.setJMSMessageID("ID:9");
        assertEquals("TandemTextMessage[ID:9]", m.toString());
    }
}
