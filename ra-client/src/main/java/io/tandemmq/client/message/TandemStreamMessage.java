package io.tandemmq.client.message;

import io.tandemmq.protocol.BodyType;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.WireWriter;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message whose body is a sequence of typed values, read back in order with the conversions of
 * {@link ValueConversions}.
 *
 * <p>A new or cleared message is write-only: reads throw
 * {@link jakarta.jms.MessageNotReadableException}. {@link #reset()} and receiving make it
 * read-only: writes throw {@link jakarta.jms.MessageNotWriteableException}. A read that fails
 * (a conversion the table does not allow, a string that does not parse, a null read as char)
 * leaves the position on the item, so it can be read again as another type. Reading past the
 * last item throws {@link MessageEOFException}.
 */
public final class TandemStreamMessage extends TandemMessage implements StreamMessage {
    private static final int NOT_IN_BYTES = -1;

    private final List<Object> items = new ArrayList<>();
    /** Index of the item the next read returns. */
    private int next;
    /** How much of a byte[] item {@link #readBytes} has handed out, or NOT_IN_BYTES. */
    private int bytesRead = NOT_IN_BYTES;

    /** A new, empty, write-only message. */
    public TandemStreamMessage() {
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(ValueConversions::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(ValueConversions::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(ValueConversions::toShort);
    }

    /** @throws NullPointerException when the item is null */
    @Override
    public char readChar() throws JMSException {
        return read(ValueConversions::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(ValueConversions::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(ValueConversions::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(ValueConversions::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(ValueConversions::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return read(ValueConversions::toText);
    }

    /** The item in boxed form; a byte[] item as a new array. */
    @Override
    public Object readObject() throws JMSException {
        return read(ValueConversions::copyOf);
    }

    /**
     * Reads a byte[] item in chunks of the buffer's length. A chunk shorter than the buffer ends
     * the item; after a full chunk, the next call returns the rest or -1 when nothing is left.
     * A null item reads as -1 and an empty one as 0, each in one call.
     *
     * @throws MessageFormatException when the item is not a byte[] (the position stays on it)
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        Objects.requireNonNull(value, "value");
        checkBodyReadable();
        if (bytesRead == NOT_IN_BYTES) {
            Object item = current();
            if (item == null || item instanceof byte[] b && b.length == 0) {
                next++;
                return item == null ? -1 : 0;
            }
            if (!(item instanceof byte[])) {
                throw new MessageFormatException(ValueConversions.typeName(item) + " item cannot be read as byte[]");
            }
            bytesRead = 0;
        }
        return nextChunk((byte[]) items.get(next), value);
    }

    private int nextChunk(byte[] item, byte[] buffer) {
        int n = Math.min(buffer.length, item.length - bytesRead);
        if (n == 0 && buffer.length > 0) {
            finishItem();
            return -1;
        }
        System.arraycopy(item, bytesRead, buffer, 0, n);
        bytesRead += n;
        if (n < buffer.length) {
            finishItem();
        }
        return n;
    }

    private void finishItem() {
        bytesRead = NOT_IN_BYTES;
        next++;
    }

    /** Converts the current item and moves past it only when the conversion succeeded. */
    private <T> T read(Conversion<T> conversion) throws JMSException {
        checkBodyReadable();
        if (bytesRead != NOT_IN_BYTES) {
            throw new MessageFormatException("the byte[] item being read with readBytes must be read to its end first");
        }
        T value = conversion.apply(current());
        next++;
        return value;
    }

    private Object current() throws MessageEOFException {
        if (next >= items.size()) {
            throw new MessageEOFException("no more items in the stream");
        }
        return items.get(next);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        append(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        append(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        append(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        append(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        append(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        append(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        append(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        append(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        append(value);
    }

    /** Stores a copy, so later changes to the array are not seen; null is a null item. */
    @Override
    public void writeBytes(byte[] value) throws JMSException {
        append(value == null ? null : value.clone());
    }

    /** @throws IndexOutOfBoundsException when the range is not inside the array */
    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        Objects.checkFromIndexSize(offset, length, value.length);
        append(Arrays.copyOfRange(value, offset, offset + length));
    }

    /** @throws MessageFormatException unless the value is null, a boxed primitive, a String or a byte[] */
    @Override
    public void writeObject(Object value) throws JMSException {
        checkBodyWritable();
        if (!ValueConversions.isItemValue(value)) {
            throw new MessageFormatException("a stream message cannot hold a " + ValueConversions.typeName(value));
        }
        items.add(ValueConversions.copyOf(value));
    }

    private void append(Object value) throws JMSException {
        checkBodyWritable();
        items.add(value);
    }

    /** Makes the body read-only and positions at the first item. */
    @Override
    public void reset() {
        makeBodyReadOnly();
        next = 0;
        bytesRead = NOT_IN_BYTES;
    }

    /** @throws MessageFormatException always: a stream body cannot be had in one piece */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be read with getBody");
    }

    /** False for every type, as the body cannot be had in one piece. */
    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return false;
    }

    @Override
    BodyType bodyType() {
        return BodyType.STREAM;
    }

    @Override
    byte[] encodeBody() {
        return new WireWriter().writeValueList(items).toByteArray();
    }

    @Override
    void decodeBody(byte[] body) {
        clearBodyContent();
        if (body != null) {
            WireReader in = new WireReader(body);
            items.addAll(in.readValueList());
            in.expectEnd();
        }
    }

    @Override
    void clearBodyContent() {
        items.clear();
        next = 0;
        bytesRead = NOT_IN_BYTES;
    }

    /** A conversion of one item to the type a read method returns. */
    @FunctionalInterface
    private interface Conversion<T> {
        T apply(Object item) throws MessageFormatException;
    }
}
