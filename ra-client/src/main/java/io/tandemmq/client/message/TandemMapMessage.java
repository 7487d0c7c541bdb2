package io.tandemmq.client.message;

import io.tandemmq.protocol.BodyType;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.WireWriter;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageFormatException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message whose body is a set of named values, read back with the conversions of
 * {@link ValueConversions}. A name that was never set reads as a null value.
 *
 * <p>Every setter throws {@link IllegalArgumentException} for a null or empty name and
 * {@link jakarta.jms.MessageNotWriteableException} when the message was received and its body not
 * cleared.
 */
public final class TandemMapMessage extends TandemMessage implements MapMessage {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    /** A new message with an empty map. */
    public TandemMapMessage() {
    }

    @Override
    public boolean getBoolean(String name) throws JMSException {
        return ValueConversions.toBoolean(entries.get(name));
    }

    @Override
    public byte getByte(String name) throws JMSException {
        return ValueConversions.toByte(entries.get(name));
    }

    @Override
    public short getShort(String name) throws JMSException {
        return ValueConversions.toShort(entries.get(name));
    }

    /** @throws NullPointerException when there is no such entry or its value is null */
    @Override
    public char getChar(String name) throws JMSException {
        return ValueConversions.toChar(entries.get(name));
    }

    @Override
    public int getInt(String name) throws JMSException {
        return ValueConversions.toInt(entries.get(name));
    }

    @Override
    public long getLong(String name) throws JMSException {
        return ValueConversions.toLong(entries.get(name));
    }

    @Override
    public float getFloat(String name) throws JMSException {
        return ValueConversions.toFloat(entries.get(name));
    }

    @Override
    public double getDouble(String name) throws JMSException {
        return ValueConversions.toDouble(entries.get(name));
    }

    @Override
    public String getString(String name) throws JMSException {
        return ValueConversions.toText(entries.get(name));
    }

    /** A copy of the bytes, or null when there is no such entry. */
    @Override
    public byte[] getBytes(String name) throws JMSException {
        return ValueConversions.toBytes(entries.get(name));
    }

    /** The value in boxed form (a copy for byte[]), or null when there is no such entry. */
    @Override
    public Object getObject(String name) {
        return ValueConversions.copyOf(entries.get(name));
    }

    /** A snapshot of the names, in the order they were first set. */
    @Override
    public Enumeration<String> getMapNames() {
        return Collections.enumeration(new ArrayList<>(entries.keySet()));
    }

    @Override
    public boolean itemExists(String name) {
        return entries.containsKey(name);
    }

    @Override
    public void setBoolean(String name, boolean value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setByte(String name, byte value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setShort(String name, short value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setChar(String name, char value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setInt(String name, int value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setLong(String name, long value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setFloat(String name, float value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setDouble(String name, double value) throws JMSException {
        put(name, value);
    }

    @Override
    public void setString(String name, String value) throws JMSException {
        put(name, value);
    }

    /** Stores a copy, so later changes to the array are not seen. */
    @Override
    public void setBytes(String name, byte[] value) throws JMSException {
        put(name, value == null ? null : value.clone());
    }

    /** @throws IndexOutOfBoundsException when the range is not inside the array */
    @Override
    public void setBytes(String name, byte[] value, int offset, int length) throws JMSException {
        Objects.checkFromIndexSize(offset, length, value.length);
        put(name, Arrays.copyOfRange(value, offset, offset + length));
    }

    /** @throws MessageFormatException unless the value is null, a boxed primitive, a String or a byte[] */
    @Override
    public void setObject(String name, Object value) throws JMSException {
        checkWritable(name);
        if (!ValueConversions.isItemValue(value)) {
            throw new MessageFormatException("a map message cannot hold a " + ValueConversions.typeName(value));
        }
        entries.put(name, ValueConversions.copyOf(value));
    }

    private void put(String name, Object value) throws JMSException {
        checkWritable(name);
        entries.put(name, value);
    }

    private void checkWritable(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a map entry name must not be null or empty");
        }
        checkBodyWritable();
    }

    @Override
    BodyType bodyType() {
        return BodyType.MAP;
    }

    @Override
    byte[] encodeBody() {
        return new WireWriter().writeValueMap(entries).toByteArray();
    }

    @Override
    void decodeBody(byte[] body) {
        entries.clear();
        if (body != null) {
            WireReader in = new WireReader(body);
            entries.putAll(in.readValueMap());
            in.expectEnd();
        }
    }

    @Override
    void clearBodyContent() {
        entries.clear();
    }

    @Override
    boolean hasBody() {
        return !entries.isEmpty();
    }

    /** An unmodifiable copy, so the body cannot be changed through it; byte[] values are copied too. */
    @Override
    Object bodyValue() {
        Map<String, Object> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(k, ValueConversions.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    Class<?> bodyClass() {
        return Map.class;
    }
}
