package io.tandemmq.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TandemStreamMessageTest {

    @Test
    void everyWrite_readsBackInOrderAfterReset() throws JMSException {
        TandemStreamMessage m = filled();
        m.reset();
        assertTrue(m.readBoolean());
        assertEquals(1, m.readByte());
        assertEquals(2, m.readShort());
        assertEquals('c', m.readChar());
        assertEquals(3, m.readInt());
        assertEquals(4L, m.readLong());
        assertEquals(5f, m.readFloat());
        assertEquals(6d, m.readDouble());
        assertEquals("seven", m.readString());
        assertArrayEquals(new byte[] {8}, (byte[]) m.readObject());
        assertArrayEquals(new byte[] {9, 10}, (byte[]) m.readObject());
        assertThrows(MessageEOFException.class, m::readObject);
    }

    @Test
    void newMessage_isWriteOnly() {
        TandemStreamMessage m = new TandemStreamMessage();
        assertThrows(MessageNotReadableException.class, m::readInt);
        assertThrows(MessageNotReadableException.class, m::readObject);
        assertThrows(MessageNotReadableException.class, () -> m.readBytes(new byte[1]));
    }

    @Test
    void afterReset_writesAreRefusedUntilClearBody() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeInt(1);
        m.reset();
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(2));
        assertThrows(MessageNotWriteableException.class, () -> m.writeObject(2));
        assertThrows(MessageNotWriteableException.class, () -> m.writeBytes(new byte[1], 0, 1));

        m.clearBody();
        assertThrows(MessageNotReadableException.class, m::readInt);
        m.writeString("again");
        m.reset();
        assertEquals("again", m.readString());
        assertThrows(MessageEOFException.class, m::readString);
    }

    @Test
    void receivedStreamMessage_isReadOnlyAtTheFirstItem() throws JMSException {
        TandemStreamMessage received = TestMessages.received(filled());
        assertTrue(received.readBoolean());
        assertThrows(MessageNotWriteableException.class, () -> received.writeInt(1));
        received.reset();
        assertTrue(received.readBoolean());
    }

    @Test
    void streamReadFailedConversion_doesNotAdvance() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeString("not a number");
        m.writeLong(5);
        m.reset();
        assertThrows(NumberFormatException.class, m::readInt);
        assertThrows(MessageFormatException.class, m::readChar);
        assertThrows(MessageFormatException.class, () -> m.readBytes(new byte[2]));
        assertEquals("not a number", m.readString());
        assertThrows(MessageFormatException.class, m::readInt);
        assertEquals("5", m.readString());
    }

    @Test
    void nullItem_readsAsValueOfNull() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeObject(null);
        m.writeString(null);
        m.writeObject(null);
        m.reset();
        assertThrows(NullPointerException.class, m::readChar);
        assertThrows(NumberFormatException.class, m::readInt);
        assertFalse(m.readBoolean());
        assertNull(m.readString());
        assertNull(m.readObject());
        assertThrows(MessageEOFException.class, m::readObject);
    }

    @Test
    void readBytes_ofAnItemOfExactlyTheBufferLength_endsWithMinusOne() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3});
        m.writeInt(4);
        m.reset();
        byte[] buffer = new byte[3];
        assertEquals(3, m.readBytes(buffer));
        assertArrayEquals(new byte[] {1, 2, 3}, buffer);
        assertEquals(-1, m.readBytes(buffer));
        assertEquals(4, m.readInt());
    }

    @Test
    void readBytes_inChunks_endsWithAShortChunk() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4, 5});
        m.writeBytes(new byte[] {6});
        m.reset();
        byte[] buffer = new byte[2];
        assertEquals(2, m.readBytes(buffer));
        assertEquals(2, m.readBytes(buffer));
        assertArrayEquals(new byte[] {3, 4}, buffer);
        assertEquals(1, m.readBytes(buffer));
        assertEquals(5, buffer[0]);
        // the short chunk ended the item: the next call starts the next one
        assertEquals(1, m.readBytes(buffer));
        assertEquals(6, buffer[0]);
        assertThrows(MessageEOFException.class, () -> m.readBytes(buffer));
    }

    @Test
    void readBytes_ofNullItemIsMinusOne_ofEmptyItemIsZero() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeBytes(null);
        m.writeBytes(new byte[0]);
        m.writeInt(7);
        m.reset();
        assertEquals(-1, m.readBytes(new byte[4]));
        assertEquals(0, m.readBytes(new byte[4]));
        assertEquals(7, m.readInt());
    }

    @Test
    void readingAnotherItemBeforeTheBytesAreFinished_isFormatError() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3});
        m.writeInt(4);
        m.reset();
        assertEquals(2, m.readBytes(new byte[2]));
        assertThrows(MessageFormatException.class, m::readInt);
        assertThrows(MessageFormatException.class, m::readObject);
        assertEquals(1, m.readBytes(new byte[2]));
        assertEquals(4, m.readInt());
    }

    @Test
    void reset_abandonsAPartlyReadByteItem() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3});
        m.reset();
        m.readBytes(new byte[1]);
        m.reset();
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) m.readObject());
    }

    @Test
    void bytes_areCopiedInAndOut() throws JMSException {
        byte[] value = {1, 2};
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeBytes(value);
        m.writeObject(value);
        m.writeBytes(new byte[] {0, 1, 2, 3}, 1, 2);
        value[0] = 9;
        m.reset();
        byte[] first = (byte[]) m.readObject();
        assertArrayEquals(new byte[] {1, 2}, first);
        assertArrayEquals(new byte[] {1, 2}, (byte[]) m.readObject());
        assertArrayEquals(new byte[] {1, 2}, (byte[]) m.readObject());
        first[0] = 9;
        m.reset();
        assertArrayEquals(new byte[] {1, 2}, (byte[]) m.readObject());
    }

    @Test
    void writeBytesWithBadRange_isOutOfBounds() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        assertThrows(IndexOutOfBoundsException.class, () -> m.writeBytes(new byte[2], 2, 1));
        m.reset();
        assertThrows(MessageEOFException.class, m::readObject);
    }

    @Test
    void writeObject_acceptsItemTypesAndRejectsOthers() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        for (Object v : new Object[] {true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6d, "s", new byte[0], null}) {
            m.writeObject(v);
        }
        assertThrows(MessageFormatException.class, () -> m.writeObject(new Object()));
        assertThrows(MessageFormatException.class, () -> m.writeObject(List.of()));
    }

    @Test
    void getBody_isAlwaysAFormatError() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        assertThrows(MessageFormatException.class, () -> m.getBody(Object.class));
        assertFalse(m.isBodyAssignableTo(Object.class));
        m.writeInt(1);
        assertThrows(MessageFormatException.class, () -> m.getBody(Object.class));
        assertFalse(m.isBodyAssignableTo(Object.class));
    }

    private static TandemStreamMessage filled() throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeBoolean(true);
        m.writeByte((byte) 1);
        m.writeShort((short) 2);
        m.writeChar('c');
        m.writeInt(3);
        m.writeLong(4);
        m.writeFloat(5);
        m.writeDouble(6);
        m.writeString("seven");
        m.writeBytes(new byte[] {8});
        m.writeBytes(new byte[] {7, 9, 10}, 1, 2);
        return m;
    }
}
