package io.tandemmq.client.message;

import io.tandemmq.client.TandemDestination;
import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import io.tandemmq.protocol.BodyType;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.MalformedFrameException;
import io.tandemmq.protocol.WireMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every message type through toWire, the encoded wire form and fromWire, as producer and consumer use them. */
class MessageWireRoundTripTest {

    @Test
    void headers_surviveTheRoundTrip() throws JMSException {
        TandemMessage sent = new TandemMessage();
        sent.setJMSMessageID("ID:abc");
        sent.setJMSDestination(new TandemTopic("prices"));
        sent.setJMSReplyTo(new TandemQueue("replies"));
        sent.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        sent.setJMSPriority(7);
        sent.setJMSTimestamp(1000);
        sent.setJMSExpiration(2000);
        sent.setJMSDeliveryTime(1500);
        sent.setJMSCorrelationIDAsBytes(new byte[] {0, (byte) 0x80, (byte) 0xff});
        sent.setJMSType("quote");

        TandemMessage received = TestMessages.received(sent, false, 1);
        assertEquals("ID:abc", received.getJMSMessageID());
        assertEquals(new TandemTopic("prices"), received.getJMSDestination());
        assertEquals(new TandemQueue("replies"), received.getJMSReplyTo());
        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(7, received.getJMSPriority());
        assertEquals(1000, received.getJMSTimestamp());
        assertEquals(2000, received.getJMSExpiration());
        assertEquals(1500, received.getJMSDeliveryTime());
        assertArrayEquals(new byte[] {0, (byte) 0x80, (byte) 0xff}, received.getJMSCorrelationIDAsBytes());
        assertEquals("quote", received.getJMSType());
        assertFalse(received.getJMSRedelivered());
        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void absentOptionalHeaders_stayAbsent() throws JMSException {
        TandemMessage received = TestMessages.received(new TandemMessage());
        assertNull(received.getJMSReplyTo());
        assertNull(received.getJMSCorrelationID());
        assertNull(received.getJMSType());
    }

    @Test
    void temporaryDestinations_comeBackAsTemporaryOnes() {
        WireMessage wire = WireMessage.builder()
                .messageId("ID:t")
                .destination(new DestinationRef(DestinationKind.TEMP_QUEUE, "tq"))
                .replyTo(new DestinationRef(DestinationKind.TEMP_TOPIC, "tt"))
                .build();
        TandemMessage received = TandemMessage.fromWire(wire, false, 1);
        assertTrue(received.getJMSDestination() instanceof TemporaryQueue);
        assertTrue(received.getJMSReplyTo() instanceof TemporaryTopic);
        assertEquals("tq", ((TandemDestination) received.getJMSDestination()).getName());
    }

    @Test
    void properties_surviveWithTheirTypes() throws JMSException {
        TandemMessage sent = new TandemMessage();
        Object[] values = {true, (byte) 1, (short) 2, 3, 4L, 5.5f, 6.5d, "seven", null};
        for (int i = 0; i < values.length; i++) {
            sent.setObjectProperty("p" + i, values[i]);
        }
        TandemMessage received = TestMessages.received(sent);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], received.getObjectProperty("p" + i), "p" + i);
        }
        assertTrue(received.propertyExists("p8"));
    }

    @Test
    void toWire_neverCarriesTheDeliveryCount() throws JMSException {
        TandemMessage received = TestMessages.received(new TandemMessage(), true, 4);
        received.setJMSDestination(new TandemQueue("forward"));
        WireMessage forwarded = received.toWire();
        assertFalse(forwarded.properties().containsKey("JMSXDeliveryCount"));

        TandemMessage own = new TandemMessage();
        own.setObjectProperty("JMSXDeliveryCount", 9);
        own.setJMSMessageID("ID:own");
        own.setJMSDestination(new TandemQueue("q"));
        assertFalse(own.toWire().properties().containsKey("JMSXDeliveryCount"));
    }

    @Test
    void redeliveredFlagAndCount_comeFromTheDelivery() throws JMSException {
        TandemMessage received = TestMessages.received(new TandemMessage(), true, 2);
        assertTrue(received.getJMSRedelivered());
        assertEquals(2, received.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void bareMessage_roundTripsAsBareMessage() throws JMSException {
        TandemMessage received = TestMessages.received(new TandemMessage());
        assertEquals(TandemMessage.class, received.getClass());
        assertEquals(BodyType.NONE, new TandemMessage().bodyType());
    }

    @Test
    void textMessage_roundTrips() throws JMSException {
        TandemTextMessage received = TestMessages.received(new TandemTextMessage("Grüße \uD83D\uDE00"));
        assertEquals("Grüße \uD83D\uDE00", received.getText());
    }

    @Test
    void bytesMessage_roundTripsWhetherResetOrNot() throws JMSException {
        TandemBytesMessage writeOnly = new TandemBytesMessage();
        writeOnly.writeInt(12);
        writeOnly.writeUTF("end");
        TandemBytesMessage received = TestMessages.received(writeOnly);
        assertEquals(12, received.readInt());
        assertEquals("end", received.readUTF());

        writeOnly.reset();
        writeOnly.readInt();
        TandemBytesMessage again = TestMessages.received(writeOnly);
        assertEquals(12, again.readInt());
    }

    @Test
    void mapMessage_roundTripsEveryItemType() throws JMSException {
        TandemMapMessage sent = new TandemMapMessage();
        Map<String, Object> values = Map.of("z", true, "b", (byte) 1, "s", (short) 2, "c", 'c', "i", 3,
                "l", 4L, "f", 5f, "d", 6d, "t", "seven");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            sent.setObject(e.getKey(), e.getValue());
        }
        sent.setBytes("y", new byte[] {8, 9});
        sent.setObject("n", null);
        TandemMapMessage received = TestMessages.received(sent);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            assertEquals(e.getValue(), received.getObject(e.getKey()), e.getKey());
        }
        assertArrayEquals(new byte[] {8, 9}, received.getBytes("y"));
        assertTrue(received.itemExists("n"));
    }

    @Test
    void streamMessage_roundTripsEveryItemType() throws JMSException {
        List<Object> values = List.of(true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6d, "seven");
        TandemStreamMessage sent = new TandemStreamMessage();
        for (Object v : values) {
            sent.writeObject(v);
        }
        sent.writeBytes(new byte[] {8});
        sent.writeObject(null);
        TandemStreamMessage received = TestMessages.received(sent);
        for (Object v : values) {
            assertEquals(v, received.readObject());
        }
        assertArrayEquals(new byte[] {8}, (byte[]) received.readObject());
        assertNull(received.readObject());
    }

    @Test
    void objectMessage_roundTrips() throws JMSException {
        TandemObjectMessage sent = new TandemObjectMessage();
        sent.setObject(new java.util.ArrayList<>(List.of("a", "b")));
        TandemObjectMessage received = TestMessages.received(sent);
        assertEquals(List.of("a", "b"), received.getObject());
    }

    @Test
    void emptyBodies_roundTripAsEmpty() throws JMSException {
        assertFalse(TestMessages.received(new TandemMapMessage()).getMapNames().hasMoreElements());
        TandemStreamMessage stream = TestMessages.received(new TandemStreamMessage());
        assertThrows(jakarta.jms.MessageEOFException.class, stream::readObject);
        assertEquals(0, TestMessages.received(new TandemBytesMessage()).getBodyLength());
        assertNull(TestMessages.received(new TandemObjectMessage()).getObject());
    }

    @Test
    void toWire_withoutMessageId_isIllegalState() {
        TandemMessage m = new TandemMessage();
        m.setJMSDestination(new TandemQueue("q"));
        assertThrows(jakarta.jms.IllegalStateException.class, m::toWire);
    }

    @Test
    void toWire_withUndefinedDeliveryModeOrPriority_isIllegalState() {
        TandemMessage m = new TandemMessage();
        m.setJMSMessageID("ID:1");
        m.setJMSDestination(new TandemQueue("q"));
        m.setJMSDeliveryMode(0);
        assertThrows(jakarta.jms.IllegalStateException.class, m::toWire);
        m.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        m.setJMSPriority(10);
        assertThrows(jakarta.jms.IllegalStateException.class, m::toWire);
        m.setJMSPriority(-1);
        assertThrows(jakarta.jms.IllegalStateException.class, m::toWire);
    }

    @Test
    void toWire_withoutTandemDestination_isInvalidDestination() {
        TandemMessage m = new TandemMessage();
        m.setJMSMessageID("ID:1");
        assertThrows(InvalidDestinationException.class, m::toWire);
        m.setJMSDestination(ForeignMessages.queue("q"));
        assertThrows(InvalidDestinationException.class, m::toWire);
        m.setJMSDestination(new TandemQueue("q"));
        m.setJMSReplyTo(ForeignMessages.temporaryQueue("tq"));
        assertThrows(InvalidDestinationException.class, m::toWire);
    }

    @Test
    void toWire_isASnapshot() throws JMSException {
        TandemTextMessage m = new TandemTextMessage("one");
        m.setJMSMessageID("ID:1");
        m.setJMSDestination(new TandemQueue("q"));
        WireMessage first = m.toWire();
        m.setText("two");
        m.setIntProperty("p", 1);
        assertEquals(BodyType.TEXT, first.bodyType());
        assertEquals("one", new String(first.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(first.properties().isEmpty());
    }

    @Test
    void malformedMapBody_failsOnReceive() {
        WireMessage wire = WireMessage.builder()
                .messageId("ID:bad")
                .destination(DestinationRef.queue("q"))
                .body(BodyType.MAP, new byte[] {0, 0, 0, 1})
                .build();
        assertThrows(MalformedFrameException.class, () -> TandemMessage.fromWire(wire, false, 1));
    }
}
