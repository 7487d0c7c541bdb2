package io.tandemmq.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TandemMapMessageTest {

    @Test
    void everySetter_readsBackWithItsGetter() throws JMSException {
        TandemMapMessage m = filled();
        assertTrue(m.getBoolean("z"));
        assertEquals(1, m.getByte("b"));
        assertEquals(2, m.getShort("s"));
        assertEquals('c', m.getChar("c"));
        assertEquals(3, m.getInt("i"));
        assertEquals(4L, m.getLong("l"));
        assertEquals(5f, m.getFloat("f"));
        assertEquals(6d, m.getDouble("d"));
        assertEquals("seven", m.getString("t"));
        assertArrayEquals(new byte[] {8}, m.getBytes("y"));
        assertEquals(Character.valueOf('c'), m.getObject("c"));
    }

    @Test
    void mapNames_listEveryEntry() throws JMSException {
        TandemMapMessage m = filled();
        List<String> names = new ArrayList<>();
        for (Enumeration<String> e = m.getMapNames(); e.hasMoreElements();) {
            names.add(e.nextElement());
        }
        assertEquals(List.of("z", "b", "s", "c", "i", "l", "f", "d", "t", "y"), names);
        assertTrue(m.itemExists("y"));
        assertFalse(m.itemExists("nope"));
    }

    @Test
    void nullOrEmptyName_isIllegalArgumentForEverySetter() {
        TandemMapMessage m = new TandemMapMessage();
        for (String name : new String[] {null, ""}) {
            assertThrows(IllegalArgumentException.class, () -> m.setBoolean(name, true));
            assertThrows(IllegalArgumentException.class, () -> m.setByte(name, (byte) 1));
            assertThrows(IllegalArgumentException.class, () -> m.setShort(name, (short) 1));
            assertThrows(IllegalArgumentException.class, () -> m.setChar(name, 'c'));
            assertThrows(IllegalArgumentException.class, () -> m.setInt(name, 1));
            assertThrows(IllegalArgumentException.class, () -> m.setLong(name, 1));
            assertThrows(IllegalArgumentException.class, () -> m.setFloat(name, 1));
            assertThrows(IllegalArgumentException.class, () -> m.setDouble(name, 1));
            assertThrows(IllegalArgumentException.class, () -> m.setString(name, "s"));
            assertThrows(IllegalArgumentException.class, () -> m.setBytes(name, new byte[0]));
            assertThrows(IllegalArgumentException.class, () -> m.setBytes(name, new byte[1], 0, 1));
            assertThrows(IllegalArgumentException.class, () -> m.setObject(name, 1));
        }
    }

    @Test
    void mapNamesNeedNotBeSelectorIdentifiers() throws JMSException {
        TandemMapMessage m = new TandemMapMessage();
        m.setInt("not an identifier!", 1);
        assertEquals(1, m.getInt("not an identifier!"));
    }

    @Test
    void setObject_acceptsItemTypesIncludingCharAndBytes() throws JMSException {
        TandemMapMessage m = new TandemMapMessage();
        m.setObject("c", 'x');
        m.setObject("y", new byte[] {1});
        m.setObject("n", null);
        assertEquals('x', m.getChar("c"));
        assertArrayEquals(new byte[] {1}, (byte[]) m.getObject("y"));
        assertTrue(m.itemExists("n"));
        assertNull(m.getObject("n"));
    }

    @Test
    void setObject_rejectsOtherTypes() {
        TandemMapMessage m = new TandemMapMessage();
        assertThrows(MessageFormatException.class, () -> m.setObject("o", new Object()));
        assertThrows(MessageFormatException.class, () -> m.setObject("o", List.of(1)));
        assertThrows(MessageFormatException.class, () -> m.setObject("o", new Byte[0]));
        assertFalse(m.itemExists("o"));
    }

    @Test
    void bytes_areCopiedInAndOut() throws JMSException {
        byte[] value = {1, 2};
        TandemMapMessage m = new TandemMapMessage();
        m.setBytes("y", value);
        m.setObject("o", value);
        value[0] = 9;
        assertArrayEquals(new byte[] {1, 2}, m.getBytes("y"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) m.getObject("o"));
        m.getBytes("y")[1] = 9;
        ((byte[]) m.getObject("y"))[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, m.getBytes("y"));
    }

    @Test
    void setBytesWithRange_storesThatRange() throws JMSException {
        TandemMapMessage m = new TandemMapMessage();
        m.setBytes("y", new byte[] {1, 2, 3, 4}, 1, 2);
        assertArrayEquals(new byte[] {2, 3}, m.getBytes("y"));
        assertThrows(IndexOutOfBoundsException.class, () -> m.setBytes("z", new byte[] {1, 2}, 1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.setBytes("z", new byte[] {1, 2}, 0, -1));
        assertFalse(m.itemExists("z"));
    }

    @Test
    void missingEntry_readsAsNull() throws JMSException {
        TandemMapMessage m = new TandemMapMessage();
        assertFalse(m.getBoolean("none"));
        assertNull(m.getString("none"));
        assertNull(m.getBytes("none"));
        assertNull(m.getObject("none"));
        assertThrows(NumberFormatException.class, () -> m.getInt("none"));
        assertThrows(NumberFormatException.class, () -> m.getByte("none"));
        assertThrows(NullPointerException.class, () -> m.getDouble("none"));
        assertThrows(NullPointerException.class, () -> m.getChar("none"));
    }

    @Test
    void receivedMapMessage_isReadOnlyUntilClearBody() throws JMSException {
        TandemMapMessage received = TestMessages.received(filled());
        assertEquals(3, received.getInt("i"));
        assertThrows(MessageNotWriteableException.class, () -> received.setInt("i", 4));
        assertThrows(MessageNotWriteableException.class, () -> received.setObject("new", 4));
        assertThrows(MessageNotWriteableException.class, () -> received.setBytes("new", new byte[1], 0, 1));

        received.clearBody();
        assertFalse(received.getMapNames().hasMoreElements());
        received.setInt("i", 4);
        assertEquals(4, received.getInt("i"));
    }

    @Test
    void getBody_returnsAnUnmodifiableCopyOfTheMap() throws JMSException {
        TandemMapMessage m = new TandemMapMessage();
        m.setInt("i", 1);
        m.setBytes("y", new byte[] {1});
        @SuppressWarnings("unchecked")
        Map<String, Object> body = m.getBody(Map.class);
        assertEquals(1, body.get("i"));
        assertArrayEquals(new byte[] {1}, (byte[]) body.get("y"));
        assertThrows(UnsupportedOperationException.class, () -> body.put("j", 2));
        ((byte[]) body.get("y"))[0] = 9;
        assertArrayEquals(new byte[] {1}, m.getBytes("y"));
    }

    @Test
    void getBody_asAnotherTypeThanMap_isFormatError() throws JMSException {
        TandemMapMessage m = new TandemMapMessage();
        m.setInt("i", 1);
        assertThrows(MessageFormatException.class, () -> m.getBody(String.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(HashMap.class));
        assertTrue(m.isBodyAssignableTo(Map.class));
        assertTrue(m.isBodyAssignableTo(Object.class));
        assertFalse(m.isBodyAssignableTo(HashMap.class));
    }

    @Test
    void emptyMap_readsAsNullForAnyType() throws JMSException {
        TandemMapMessage m = new TandemMapMessage();
        assertNull(m.getBody(String.class));
        assertTrue(m.isBodyAssignableTo(String.class));
    }

    private static TandemMapMessage filled() throws JMSException {
        TandemMapMessage m = new TandemMapMessage();
        m.setBoolean("z", true);
        m.setByte("b", (byte) 1);
        m.setShort("s", (short) 2);
        m.setChar("c", 'c');
        m.setInt("i", 3);
        m.setLong("l", 4);
        m.setFloat("f", 5);
        m.setDouble("d", 6);
        m.setString("t", "seven");
        m.setBytes("y", new byte[] {8});
        return m;
    }
}
