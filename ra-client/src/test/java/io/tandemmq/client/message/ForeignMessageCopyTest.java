package io.tandemmq.client.message;

import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForeignMessageCopyTest {

    @Test
    void foreignHeadersAndProperties_areCopied() throws JMSException {
        Message foreign = ForeignMessages.message(Message.class, null);
        foreign.setJMSMessageID("ID:f");
        foreign.setJMSDestination(new TandemQueue("q"));
        foreign.setJMSReplyTo(new TandemTopic("t"));
        foreign.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        foreign.setJMSPriority(2);
        foreign.setJMSTimestamp(10);
        foreign.setJMSExpiration(20);
        foreign.setJMSDeliveryTime(15);
        foreign.setJMSCorrelationID("corr");
        foreign.setJMSType("type");
        foreign.setIntProperty("count", 3);
        foreign.setStringProperty("name", "n");

        TandemMessage copy = TandemMessage.copyOf(foreign);
        assertEquals(TandemMessage.class, copy.getClass());
        assertEquals("ID:f", copy.getJMSMessageID());
        assertEquals(new TandemQueue("q"), copy.getJMSDestination());
        assertEquals(new TandemTopic("t"), copy.getJMSReplyTo());
        assertEquals(DeliveryMode.NON_PERSISTENT, copy.getJMSDeliveryMode());
        assertEquals(2, copy.getJMSPriority());
        assertEquals(10, copy.getJMSTimestamp());
        assertEquals(20, copy.getJMSExpiration());
        assertEquals(15, copy.getJMSDeliveryTime());
        assertEquals("corr", copy.getJMSCorrelationID());
        assertEquals("type", copy.getJMSType());
        assertEquals(3, copy.getIntProperty("count"));
        assertEquals("n", copy.getStringProperty("name"));
        copy.toWire();
    }

    @Test
    void foreignQueueReplyTo_becomesTheTandemQueueOfTheSameName() throws JMSException {
        Message foreign = ForeignMessages.message(Message.class, null);
        foreign.setJMSReplyTo(ForeignMessages.queue("answers"));
        TandemMessage copy = TandemMessage.copyOf(foreign);
        assertEquals(new TandemQueue("answers"), copy.getJMSReplyTo());
    }

    @Test
    void foreignTemporaryReplyTo_cannotBeSent() throws JMSException {
        Message foreign = ForeignMessages.message(Message.class, null);
        foreign.setJMSMessageID("ID:f");
        foreign.setJMSDestination(new TandemQueue("q"));
        foreign.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        foreign.setJMSReplyTo(ForeignMessages.temporaryQueue("tmp"));
        TandemMessage copy = TandemMessage.copyOf(foreign);
        assertThrows(InvalidDestinationException.class, copy::toWire);
    }

    @Test
    void foreignTextMessage_isCopiedWithItsText() throws JMSException {
        TandemMessage copy = TandemMessage.copyOf(ForeignMessages.message(TextMessage.class, "hi"));
        assertEquals("hi", ((TandemTextMessage) copy).getText());
    }

    @Test
    void foreignBytesMessage_isReadFromTheStartAndResetAfter() throws JMSException {
        byte[] body = new byte[20_000];
        Arrays.fill(body, (byte) 7);
        body[19_999] = 8;
        BytesMessage foreign = ForeignMessages.message(BytesMessage.class, body);
        TandemBytesMessage copy = (TandemBytesMessage) TandemMessage.copyOf(foreign);
        assertEquals(2, ForeignMessages.resets(foreign));
        assertEquals(20_000, copy.getBodyLength());
        assertArrayEquals(body, copy.getBody(byte[].class));
    }

    @Test
    void foreignMapMessage_isCopiedEntryByEntry() throws JMSException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("i", 1);
        body.put("c", 'c');
        body.put("y", new byte[] {1});
        body.put("n", null);
        MapMessage foreign = ForeignMessages.message(MapMessage.class, body);
        TandemMapMessage copy = (TandemMapMessage) TandemMessage.copyOf(foreign);
        assertEquals(1, copy.getInt("i"));
        assertEquals('c', copy.getChar("c"));
        assertArrayEquals(new byte[] {1}, copy.getBytes("y"));
        assertTrue(copy.itemExists("n"));
    }

    @Test
    void foreignStreamMessage_isCopiedItemByItem() throws JMSException {
        List<Object> items = new ArrayList<>(List.of(1, "two", new byte[] {3}));
        items.add(null);
        StreamMessage foreign = ForeignMessages.message(StreamMessage.class, items);
        TandemStreamMessage copy = (TandemStreamMessage) TandemMessage.copyOf(foreign);
        assertEquals(2, ForeignMessages.resets(foreign));
        assertEquals(1, copy.readInt());
        assertEquals("two", copy.readString());
        assertArrayEquals(new byte[] {3}, (byte[]) copy.readObject());
        assertNull(copy.readObject());
        assertThrows(MessageEOFException.class, copy::readObject);
    }

    @Test
    void foreignObjectMessage_isCopiedWithItsObject() throws JMSException {
        TandemObjectMessage copy = (TandemObjectMessage) TandemMessage.copyOf(
                ForeignMessages.message(ObjectMessage.class, new ArrayList<>(List.of("x"))));
        assertEquals(List.of("x"), copy.getObject());
    }

    @Test
    void foreignMessageWithAnInvalidPropertyName_cannotBeCopied() throws JMSException {
        Message foreign = ForeignMessages.message(Message.class, null);
        foreign.setStringProperty("not valid", "x");
        assertThrows(IllegalArgumentException.class, () -> TandemMessage.copyOf(foreign));
    }

    @Test
    void copyOfATandemMessage_isThatMessage() throws JMSException {
        TandemTextMessage own = new TandemTextMessage("mine");
        assertSame(own, TandemMessage.copyOf(own));
    }

    @Test
    void copiedForeignMessage_survivesTheWire() throws JMSException {
        TextMessage foreign = ForeignMessages.message(TextMessage.class, "over the wire");
        foreign.setJMSMessageID("ID:w");
        foreign.setJMSDestination(new TandemQueue("q"));
        foreign.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        foreign.setJMSPriority(4);
        foreign.setLongProperty("seq", 5);
        TandemTextMessage received = TestMessages.received((TandemTextMessage) TandemMessage.copyOf(foreign));
        assertEquals("over the wire", received.getText());
        assertEquals(5L, received.getLongProperty("seq"));
    }
}
