package io.tandemmq.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.tandemmq.it.Jms.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every body type and every property type survive a trip through the broker unchanged. */
class MessageTypesIT {
    @RegisterExtension
    static final BrokerExtension BROKER = new BrokerExtension();

    private Session session;
    private Queue queue;
    private MessageConsumer consumer;

    @BeforeEach
    void open() throws Exception {
        Connection c = BROKER.connect();
        session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue(BROKER.name("q"));
        consumer = session.createConsumer(queue);
        c.start();
    }

    /** Sends the message and returns the copy the consumer receives, which must be of the given type. */
    private <T extends Message> T roundTrip(T m, Class<T> type) throws Exception {
        session.createProducer(queue).send(m);
        Message got = expect(consumer);
        assertInstanceOf(type, got);
        assertEquals(m.getJMSMessageID(), got.getJMSMessageID());
        return type.cast(got);
    }

    private static Set<String> names(Enumeration<?> e) {
        Set<String> names = new HashSet<>();
        while (e.hasMoreElements()) {
            names.add((String) e.nextElement());
        }
        return names;
    }

    @Test
    void textMessage_keepsItsText_includingCharactersOutsideLatin1() throws Exception {
        String text = "grüße, 你好, 🚀 and a \u0000 nul";
        TextMessage got = roundTrip(session.createTextMessage(text), TextMessage.class);

        assertEquals(text, got.getText());
        assertEquals(text, got.getBody(String.class));
    }

    @Test
    void textMessage_withoutText_arrivesWithNullText() throws Exception {
        TextMessage got = roundTrip(session.createTextMessage(), TextMessage.class);

        assertNull(got.getText());
    }

    @Test
    void bytesMessage_keepsEveryValueWrittenInOrder() throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeBoolean(true);
        m.writeByte((byte) -7);
        m.writeShort((short) -30000);
        m.writeChar('λ');
        m.writeInt(Integer.MIN_VALUE);
        m.writeLong(Long.MAX_VALUE);
        m.writeFloat(3.25f);
        m.writeDouble(-1.5e300);
        m.writeUTF("utf ✓");
        m.writeBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
        m.writeObject(42);

        BytesMessage got = roundTrip(m, BytesMessage.class);

        assertEquals(1 + 1 + 2 + 2 + 4 + 8 + 4 + 8 + (2 + "utf ✓".getBytes(StandardCharsets.UTF_8).length) + 3 + 4,
                got.getBodyLength());
        assertTrue(got.readBoolean());
        assertEquals(-7, got.readByte());
        assertEquals(-30000, got.readShort());
        assertEquals('λ', got.readChar());
        assertEquals(Integer.MIN_VALUE, got.readInt());
        assertEquals(Long.MAX_VALUE, got.readLong());
        assertEquals(3.25f, got.readFloat());
        assertEquals(-1.5e300, got.readDouble());
        assertEquals("utf ✓", got.readUTF());
        byte[] three = new byte[3];
        assertEquals(3, got.readBytes(three, 3));
        assertArrayEquals(new byte[] {2, 3, 4}, three);
        assertEquals(42, got.readInt());
        assertEquals(-1, got.readBytes(new byte[1]), "the end of the body");
    }

    @Test
    void mapMessage_keepsEveryEntryWithItsType() throws Exception {
        MapMessage m = session.createMapMessage();
        m.setBoolean("boolean", true);
        m.setByte("byte", (byte) 1);
        m.setShort("short", (short) 2);
        m.setChar("char", 'c');
        m.setInt("int", 3);
        m.setLong("long", 4L);
        m.setFloat("float", 5.5f);
        m.setDouble("double", 6.5);
        m.setString("string", "seven");
        m.setBytes("bytes", new byte[] {8, 9});
        m.setObject("object", 10);
        m.setString("null", null);

        MapMessage got = roundTrip(m, MapMessage.class);

        assertEquals(Set.of("boolean", "byte", "short", "char", "int", "long", "float", "double", "string", "bytes",
                "object", "null"), names(got.getMapNames()));
        assertTrue(got.getBoolean("boolean"));
        assertEquals(Byte.valueOf((byte) 1), got.getObject("byte"));
        assertEquals(Short.valueOf((short) 2), got.getObject("short"));
        assertEquals(Character.valueOf('c'), got.getObject("char"));
        assertEquals(Integer.valueOf(3), got.getObject("int"));
        assertEquals(Long.valueOf(4L), got.getObject("long"));
        assertEquals(Float.valueOf(5.5f), got.getObject("float"));
        assertEquals(Double.valueOf(6.5), got.getObject("double"));
        assertEquals("seven", got.getObject("string"));
        assertArrayEquals(new byte[] {8, 9}, got.getBytes("bytes"));
        assertEquals(Integer.valueOf(10), got.getObject("object"));
        assertTrue(got.itemExists("null"));
        assertNull(got.getString("null"));
        assertEquals("3", got.getString("int"), "conversions still apply after the trip");
        assertEquals(3L, got.getLong("int"));
    }

    @Test
    void streamMessage_keepsEveryItemWithItsTypeInOrder() throws Exception {
        StreamMessage m = session.createStreamMessage();
        m.writeBoolean(false);
        m.writeByte((byte) 1);
        m.writeShort((short) 2);
        m.writeChar('c');
        m.writeInt(3);
        m.writeLong(4L);
        m.writeFloat(5.5f);
        m.writeDouble(6.5);
        m.writeString("seven");
        m.writeBytes(new byte[] {8, 9});
        m.writeObject(null);
        m.writeObject(10L);

        StreamMessage got = roundTrip(m, StreamMessage.class);

        assertFalse(got.readBoolean());
        assertEquals((byte) 1, got.readByte());
        assertEquals((short) 2, got.readShort());
        assertEquals('c', got.readChar());
        assertEquals(3, got.readInt());
        assertEquals(4L, got.readLong());
        assertEquals(5.5f, got.readFloat());
        assertEquals(6.5, got.readDouble());
        assertEquals("seven", got.readString());
        byte[] bytes = new byte[5];
        assertEquals(2, got.readBytes(bytes));
        assertArrayEquals(new byte[] {8, 9}, Arrays.copyOf(bytes, 2));
        assertNull(got.readObject());
        assertEquals(Long.valueOf(10L), got.readObject());
        assertThrows(MessageEOFException.class, got::readObject);
    }

    /** A serializable type of the test itself: deserialization must find the application's classes. */
    record Order(String item, int quantity, List<String> notes) implements Serializable {
    }

    @Test
    void objectMessage_keepsItsObject() throws Exception {
        Order order = new Order("book", 3, List.of("gift wrap", "express"));
        ObjectMessage got = roundTrip(session.createObjectMessage(order), ObjectMessage.class);

        assertEquals(order, got.getObject());
        assertEquals(order, got.getBody(Order.class));
        assertTrue(got.isBodyAssignableTo(Serializable.class));
    }

    @Test
    void objectMessage_withoutObject_arrivesWithNullObject() throws Exception {
        ObjectMessage got = roundTrip(session.createObjectMessage(), ObjectMessage.class);

        assertNull(got.getObject());
    }

    @Test
    void bareMessage_keepsPropertiesOfEveryTypeAndItsHeaders() throws Exception {
        Message m = session.createMessage();
        m.setBooleanProperty("pBoolean", true);
        m.setByteProperty("pByte", Byte.MIN_VALUE);
        m.setShortProperty("pShort", Short.MAX_VALUE);
        m.setIntProperty("pInt", -123456);
        m.setLongProperty("pLong", Long.MIN_VALUE);
        m.setFloatProperty("pFloat", 1.25f);
        m.setDoubleProperty("pDouble", Double.MAX_VALUE);
        m.setStringProperty("pString", "text ✓");
        m.setObjectProperty("pObject", 77);
        m.setJMSCorrelationID("corr-1");
        m.setJMSType("type-1");
        Queue replyTo = session.createQueue(BROKER.name("reply"));
        m.setJMSReplyTo(replyTo);

        Message got = roundTrip(m, Message.class);

        Map<String, Object> expected = new TreeMap<>(Map.of("pBoolean", true, "pByte", Byte.MIN_VALUE,
                "pShort", Short.MAX_VALUE, "pInt", -123456, "pLong", Long.MIN_VALUE, "pFloat", 1.25f,
                "pDouble", Double.MAX_VALUE, "pString", "text ✓", "pObject", 77));
        Map<String, Object> actual = new TreeMap<>();
        for (String name : names(got.getPropertyNames())) {
            if (!name.startsWith("JMSX")) {
                actual.put(name, got.getObjectProperty(name));
            }
        }
        assertEquals(expected, actual, "names, values and types of the properties");
        assertEquals("-123456", got.getStringProperty("pInt"));
        assertEquals(1, got.getIntProperty("JMSXDeliveryCount"));
        assertEquals("corr-1", got.getJMSCorrelationID());
        assertEquals("type-1", got.getJMSType());
        assertEquals(replyTo, got.getJMSReplyTo());
        assertEquals(queue, got.getJMSDestination());
        assertEquals(m.getJMSTimestamp(), got.getJMSTimestamp());
        assertEquals(Message.DEFAULT_PRIORITY, got.getJMSPriority());
        assertNull(got.getBody(Object.class));
    }

    @Test
    void correlationIdAsBytes_survivesTheTrip() throws Exception {
        Message m = session.createMessage();
        byte[] id = {0, 1, (byte) 0x80, (byte) 0xff, 42};
        m.setJMSCorrelationIDAsBytes(id);

        Message got = roundTrip(m, Message.class);

        assertArrayEquals(id, got.getJMSCorrelationIDAsBytes());
    }

    @Test
    void receivedMessage_hasReadOnlyPropertiesAndBody() throws Exception {
        TextMessage got = roundTrip(session.createTextMessage("fixed"), TextMessage.class);

        assertThrows(MessageNotWriteableException.class, () -> got.setText("changed"));
        assertThrows(MessageNotWriteableException.class, () -> got.setStringProperty("p", "v"));
        got.clearBody();
        got.setText("changed");
        assertEquals("changed", got.getText());
    }
}
