package io.tandemmq.client.message;

import io.tandemmq.protocol.BodyType;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;

/**
 * A message whose body is a stream of uninterpreted bytes, written and read with the encodings of
 * {@link DataOutputStream} and {@link java.io.DataInputStream} (big-endian, modified UTF-8).
 *
 * <p>A new or cleared message is write-only: reads throw
 * {@link jakarta.jms.MessageNotReadableException}. {@link #reset()} and receiving make it
 * read-only: writes throw {@link jakarta.jms.MessageNotWriteableException}. A read past the end
 * throws {@link MessageEOFException} and, like a failed {@link #readUTF()}, leaves the position
 * where it was.
 */
public final class TandemBytesMessage extends TandemMessage implements BytesMessage {
    /** The body while write-only; null while read-only. */
    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(written);
    /** The body while read-only, positioned at the next byte to read; null while write-only. */
    private ByteBuffer in;

    /** A new, empty, write-only message. */
    public TandemBytesMessage() {
    }

    /** The whole length, wherever the read position is. */
    @Override
    public long getBodyLength() throws JMSException {
        checkBodyReadable();
        return in.limit();
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return input(1).get() != 0;
    }

    @Override
    public byte readByte() throws JMSException {
        return input(1).get();
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return input(1).get() & 0xff;
    }

    @Override
    public short readShort() throws JMSException {
        return input(2).getShort();
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return input(2).getShort() & 0xffff;
    }

    @Override
    public char readChar() throws JMSException {
        return input(2).getChar();
    }

    @Override
    public int readInt() throws JMSException {
        return input(4).getInt();
    }

    @Override
    public long readLong() throws JMSException {
        return input(8).getLong();
    }

    @Override
    public float readFloat() throws JMSException {
        return input(4).getFloat();
    }

    @Override
    public double readDouble() throws JMSException {
        return input(8).getDouble();
    }

    /** @throws MessageFormatException when the bytes are not modified UTF-8 */
    @Override
    public String readUTF() throws JMSException {
        ByteBuffer source = input(2);
        int start = source.position();
        try {
            String s = DataInputStream.readUTF(new DataInputStream(
                    new ByteArrayInputStream(source.array(), start, source.remaining())));
            source.position(start + 2 + (source.getShort(start) & 0xffff));
            return s;
        } catch (EOFException e) {
            throw MessageExceptions.link(new MessageEOFException("the body ends inside a UTF string"), e);
        } catch (UTFDataFormatException e) {
            throw MessageExceptions.formatError("malformed UTF string in the body", e);
        } catch (IOException e) {
            throw MessageExceptions.link(new JMSException("cannot read a UTF string"), e);
        }
    }

    /** @return how many bytes were read: less than the array length at the end of the body, -1 after it */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /**
     * @return how many bytes were read: less than {@code length} at the end of the body, -1 after it
     * @throws IndexOutOfBoundsException when length is negative or larger than the array, reading nothing
     */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        checkBodyReadable();
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " for an array of " + value.length);
        }
        if (!in.hasRemaining()) {
            return -1;
        }
        int n = Math.min(length, in.remaining());
        in.get(value, 0, n);
        return n;
    }

    /** Positions at the next value after checking that {@code size} bytes are left, so a failed read moves nothing. */
    private ByteBuffer input(int size) throws JMSException {
        checkBodyReadable();
        if (in.remaining() < size) {
            throw new MessageEOFException("needs " + size + " bytes, the body has " + in.remaining() + " left");
        }
        return in;
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        output(o -> o.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        output(o -> o.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        output(o -> o.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        output(o -> o.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        output(o -> o.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        output(o -> o.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        output(o -> o.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        output(o -> o.writeDouble(value));
    }

    /**
     * @throws NullPointerException when the value is null
     * @throws MessageFormatException when it takes more than 65535 bytes in modified UTF-8
     */
    @Override
    public void writeUTF(String value) throws JMSException {
        output(o -> o.writeUTF(value));
    }

    /** @throws NullPointerException when the value is null */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        output(o -> o.write(value));
    }

    /** @throws IndexOutOfBoundsException when the range is not inside the array */
    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        output(o -> o.write(value, offset, length));
    }

    /**
     * Writes a boxed primitive as its primitive, a String as with {@link #writeUTF} and a byte[]
     * as its bytes.
     *
     * @throws NullPointerException when the value is null
     * @throws MessageFormatException for any other type
     */
    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("a bytes message cannot hold null");
        }
        if (!ValueConversions.isItemValue(value)) {
            throw new MessageFormatException("a bytes message cannot hold a " + ValueConversions.typeName(value));
        }
        output(o -> writeBoxed(o, value));
    }

    /** Writes a boxed value as the matching primitive write would. */
    private static void writeBoxed(DataOutputStream o, Object value) throws IOException {
        if (value instanceof Boolean v) {
            o.writeBoolean(v);
        } else if (value instanceof Byte v) {
            o.writeByte(v);
        } else if (value instanceof Short v) {
            o.writeShort(v);
        } else if (value instanceof Character v) {
            o.writeChar(v);
        } else if (value instanceof Integer v) {
            o.writeInt(v);
        } else if (value instanceof Long v) {
            o.writeLong(v);
        } else if (value instanceof Float v) {
            o.writeFloat(v);
        } else if (value instanceof Double v) {
            o.writeDouble(v);
        } else if (value instanceof String v) {
            o.writeUTF(v);
        } else {
            o.write((byte[]) value);
        }
    }

    private void output(DataWrite write) throws JMSException {
        checkBodyWritable();
        try {
            write.to(out);
        } catch (UTFDataFormatException e) {
            throw MessageExceptions.formatError("string too long for writeUTF", e);
        } catch (IOException e) {
            throw MessageExceptions.link(new JMSException("cannot write to the body"), e);
        }
    }

    /** Makes the body read-only and positions at its start; a written body is complete from now on. */
    @Override
    public void reset() {
        if (in == null) {
            in = ByteBuffer.wrap(written.toByteArray());
            written = null;
            out = null;
        }
        in.rewind();
        makeBodyReadOnly();
    }

    @Override
    BodyType bodyType() {
        return BodyType.BYTES;
    }

    /** The body as written so far, or as received. */
    @Override
    byte[] encodeBody() {
        return in == null ? written.toByteArray() : in.array();
    }

    @Override
    void decodeBody(byte[] body) {
        written = null;
        out = null;
        in = ByteBuffer.wrap(body == null ? new byte[0] : body);
    }

    @Override
    void clearBodyContent() {
        written = new ByteArrayOutputStream();
        out = new DataOutputStream(written);
        in = null;
    }

    @Override
    boolean hasBody() {
        return (in == null ? written.size() : in.limit()) > 0;
    }

    /** The whole body, read from the start; the message is reset before and after, as the spec says. */
    @Override
    Object bodyValue() {
        reset();
        byte[] copy = in.array().clone();
        reset();
        return copy;
    }

    @Override
    Class<?> bodyClass() {
        return byte[].class;
    }

    /** One write on the body's data stream. */
    @FunctionalInterface
    private interface DataWrite {
        void to(DataOutputStream out) throws IOException;
    }
}
