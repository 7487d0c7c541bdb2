package io.tandemmq.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TandemBytesMessageTest {

    @Test
    void everyWrite_readsBackAfterReset() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeBoolean(true);
        m.writeByte((byte) -2);
        m.writeByte((byte) -3);
        m.writeShort((short) -4);
        m.writeShort((short) -5);
        m.writeChar('\u20ac');
        m.writeInt(Integer.MIN_VALUE);
        m.writeLong(Long.MAX_VALUE);
        m.writeFloat(1.25f);
        m.writeDouble(-2.5);
        m.writeUTF("h\u00e9llo");
        m.writeBytes(new byte[] {7, 8, 9}, 1, 2);
        m.reset();

        assertTrue(m.readBoolean());
        assertEquals(-2, m.readByte());
        assertEquals(253, m.readUnsignedByte());
        assertEquals(-4, m.readShort());
        assertEquals(65531, m.readUnsignedShort());
        assertEquals('\u20ac', m.readChar());
        assertEquals(Integer.MIN_VALUE, m.readInt());
        assertEquals(Long.MAX_VALUE, m.readLong());
        assertEquals(1.25f, m.readFloat());
        assertEquals(-2.5, m.readDouble());
        assertEquals("h\u00e9llo", m.readUTF());
        byte[] rest = new byte[5];
        assertEquals(2, m.readBytes(rest));
        assertEquals(8, rest[0]);
        assertEquals(9, rest[1]);
        assertEquals(-1, m.readBytes(rest));
    }

    @Test
    void bodyBytes_matchDataOutputStream() throws JMSException, IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        data.writeInt(0x01020304);
        data.writeUTF("nul\u0000 and \uD83D\uDE00");
        data.writeDouble(Math.PI);

        TandemBytesMessage m = new TandemBytesMessage();
        m.writeInt(0x01020304);
        m.writeUTF("nul\u0000 and \uD83D\uDE00");
        m.writeDouble(Math.PI);
        assertArrayEquals(expected.toByteArray(), m.encodeBody());
    }

    @Test
    void newMessage_isWriteOnly() {
        TandemBytesMessage m = new TandemBytesMessage();
        assertThrows(MessageNotReadableException.class, m::readInt);
        assertThrows(MessageNotReadableException.class, m::getBodyLength);
        assertThrows(MessageNotReadableException.class, () -> m.readBytes(new byte[1]));
    }

    @Test
    void afterReset_writesAreRefusedUntilClearBody() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeInt(1);
        m.reset();
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(2));
        assertEquals(4, m.getBodyLength());

        m.clearBody();
        assertThrows(MessageNotReadableException.class, m::readInt);
        m.writeByte((byte) 5);
        m.reset();
        assertEquals(1, m.getBodyLength());
        assertEquals(5, m.readByte());
    }

    @Test
    void reset_repositionsAtTheStart() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeInt(42);
        m.reset();
        assertEquals(42, m.readInt());
        m.reset();
        assertEquals(42, m.readInt());
    }

    @Test
    void receivedBytesMessage_isReadOnlyAtTheStart() throws JMSException {
        TandemBytesMessage sent = new TandemBytesMessage();
        sent.writeLong(99);
        TandemBytesMessage received = TestMessages.received(sent);
        assertEquals(8, received.getBodyLength());
        assertEquals(99, received.readLong());
        assertThrows(MessageNotWriteableException.class, () -> received.writeInt(1));
        received.clearBody();
        received.writeInt(1);
    }

    @Test
    void getBodyLength_isTheWholeBodyWhereverThePosition() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeBytes(new byte[10]);
        m.reset();
        m.readInt();
        assertEquals(10, m.getBodyLength());
    }

    @Test
    void readPastTheEnd_isEofAndDoesNotMove() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeShort((short) 7);
        m.writeByte((byte) 1);
        m.reset();
        assertThrows(MessageEOFException.class, m::readInt);
        assertEquals(7, m.readShort());
        assertThrows(MessageEOFException.class, m::readShort);
        assertThrows(MessageEOFException.class, m::readLong);
        assertEquals(1, m.readByte());
        assertThrows(MessageEOFException.class, m::readBoolean);
        assertThrows(MessageEOFException.class, m::readUTF);
    }

    @Test
    void readUtf_withTruncatedString_isEofAndDoesNotMove() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeShort((short) 10);
        m.writeByte((byte) 'a');
        m.reset();
        assertThrows(MessageEOFException.class, m::readUTF);
        assertEquals(10, m.readShort());
    }

    @Test
    void readUtf_ofMalformedBytes_isFormatErrorAndDoesNotMove() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeShort((short) 1);
        m.writeByte((byte) 0xff);
        m.reset();
        assertThrows(MessageFormatException.class, m::readUTF);
        assertEquals(1, m.readShort());
    }

    @Test
    void readBytes_returnsShortCountThenMinusOneAtTheEnd() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4, 5});
        m.reset();
        byte[] buffer = new byte[2];
        assertEquals(2, m.readBytes(buffer));
        assertArrayEquals(new byte[] {1, 2}, buffer);
        assertEquals(2, m.readBytes(buffer));
        assertEquals(1, m.readBytes(buffer));
        assertEquals(5, buffer[0]);
        assertEquals(-1, m.readBytes(buffer));
    }

    @Test
    void readBytesWithLength_readsAtMostLength() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeBytes(new byte[] {1, 2, 3});
        m.reset();
        byte[] buffer = new byte[10];
        assertEquals(2, m.readBytes(buffer, 2));
        assertEquals(1, m.readBytes(buffer, 2));
        assertEquals(3, buffer[0]);
        assertEquals(-1, m.readBytes(buffer, 2));
    }

    @Test
    void readBytesWithBadLength_isOutOfBoundsAndReadsNothing() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeByte((byte) 1);
        m.reset();
        assertThrows(IndexOutOfBoundsException.class, () -> m.readBytes(new byte[2], 3));
        assertThrows(IndexOutOfBoundsException.class, () -> m.readBytes(new byte[2], -1));
        assertEquals(1, m.readByte());
    }

    @Test
    void emptyBody_readsMinusOne() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.reset();
        assertEquals(-1, m.readBytes(new byte[4]));
        assertEquals(0, m.getBodyLength());
    }

    @Test
    void writeObject_writesBoxedValuesAsTheirPrimitiveWrite() throws JMSException {
        TandemBytesMessage explicit = new TandemBytesMessage();
        explicit.writeBoolean(true);
        explicit.writeByte((byte) 1);
        explicit.writeShort((short) 2);
        explicit.writeChar('c');
        explicit.writeInt(3);
        explicit.writeLong(4);
        explicit.writeFloat(5);
        explicit.writeDouble(6);
        explicit.writeUTF("seven");
        explicit.writeBytes(new byte[] {8});

        TandemBytesMessage generic = new TandemBytesMessage();
        for (Object v : new Object[] {true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6d, "seven", new byte[] {8}}) {
            generic.writeObject(v);
        }
        assertArrayEquals(explicit.encodeBody(), generic.encodeBody());
    }

    @Test
    void writeObject_rejectsNullAndOtherTypes() {
        TandemBytesMessage m = new TandemBytesMessage();
        assertThrows(NullPointerException.class, () -> m.writeObject(null));
        assertThrows(MessageFormatException.class, () -> m.writeObject(new Object()));
        assertThrows(MessageFormatException.class, () -> m.writeObject(new int[0]));
        assertFalse(m.hasBody());
    }

    @Test
    void writingNull_isNullPointer() {
        TandemBytesMessage m = new TandemBytesMessage();
        assertThrows(NullPointerException.class, () -> m.writeUTF(null));
        assertThrows(NullPointerException.class, () -> m.writeBytes(null));
    }

    @Test
    void writeBytesWithBadRange_isOutOfBounds() {
        TandemBytesMessage m = new TandemBytesMessage();
        assertThrows(IndexOutOfBoundsException.class, () -> m.writeBytes(new byte[2], 1, 2));
        assertFalse(m.hasBody());
    }

    @Test
    void writeUtf_longerThan65535Bytes_isFormatError() {
        TandemBytesMessage m = new TandemBytesMessage();
        assertThrows(MessageFormatException.class, () -> m.writeUTF("x".repeat(65536)));
        assertFalse(m.hasBody());
    }

    @Test
    void getBody_returnsTheWholeBodyAndLeavesTheMessageResetForReading() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeInt(0x0a0b0c0d);
        assertArrayEquals(new byte[] {10, 11, 12, 13}, m.getBody(byte[].class));
        assertEquals(0x0a0b0c0d, m.readInt());
        assertArrayEquals(new byte[] {10, 11, 12, 13}, (byte[]) m.getBody(Object.class));
        assertEquals(0x0a0b0c0d, m.readInt());
    }

    @Test
    void getBody_returnsACopy() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeByte((byte) 1);
        m.getBody(byte[].class)[0] = 9;
        assertEquals(1, m.readByte());
    }

    @Test
    void getBody_asAnotherType_isFormatError() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeByte((byte) 1);
        assertThrows(MessageFormatException.class, () -> m.getBody(String.class));
        assertFalse(m.isBodyAssignableTo(String.class));
        assertTrue(m.isBodyAssignableTo(byte[].class));
        assertTrue(m.isBodyAssignableTo(Object.class));
    }

    @Test
    void isBodyAssignableTo_doesNotChangeTheMode() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        m.writeByte((byte) 1);
        assertTrue(m.isBodyAssignableTo(byte[].class));
        m.writeByte((byte) 2);
    }

    @Test
    void emptyBytesMessage_readsAsNullForAnyType() throws JMSException {
        TandemBytesMessage m = new TandemBytesMessage();
        assertNull(m.getBody(String.class));
        assertTrue(m.isBodyAssignableTo(String.class));
    }
}
