package io.tandemmq.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes payload fields into a growing byte array. Strings are UTF-8 with an int length prefix
 * ({@code -1} for null); typed values carry a one-byte {@link ValueTag}.
 */
public final class WireWriter {
    private byte[] buf;
    private int pos;

    public WireWriter() {
        this(64);
    }

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }

    public WireWriter writeByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter writeBoolean(boolean v) {
        return writeByte(v ? 1 : 0);
    }

    public WireWriter writeShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter writeInt(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public WireWriter writeString(String s) {
        if (s == null) {
            return writeInt(-1);
        }
        return writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a length-prefixed byte array; null is written as length {@code -1}. */
    public WireWriter writeBytes(byte[] b) {
        if (b == null) {
            return writeInt(-1);
        }
        writeInt(b.length);
        return writeRaw(b, 0, b.length);
    }

    public WireWriter writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    public WireWriter writeLongs(long[] values) {
        writeInt(values.length);
        for (long v : values) {
            writeLong(v);
        }
        return this;
    }

    /**
     * Writes one value of a JMS property, map or stream entry.
     *
     * @throws IllegalArgumentException for a type JMS does not allow
     */
    public WireWriter writeValue(Object v) {
        ValueTag tag = ValueTag.of(v);
        writeByte(tag.ordinal());
        switch (tag) {
            case NULL -> { }
            case BOOLEAN -> writeBoolean((Boolean) v);
            case BYTE -> writeByte((Byte) v);
            case SHORT -> writeShort((Short) v);
            case CHAR -> writeShort((Character) v);
            case INT -> writeInt((Integer) v);
            case LONG -> writeLong((Long) v);
            case FLOAT -> writeInt(Float.floatToRawIntBits((Float) v));
            case DOUBLE -> writeLong(Double.doubleToRawLongBits((Double) v));
            case STRING -> writeString((String) v);
            case BYTES -> writeBytes((byte[]) v);
            default -> throw new IllegalStateException(tag.name());
        }
        return this;
    }

    public WireWriter writeValueMap(Map<String, ?> map) {
        if (map == null) {
            return writeInt(0);
        }
        writeInt(map.size());
        for (Map.Entry<String, ?> e : map.entrySet()) {
            writeString(e.getKey());
            writeValue(e.getValue());
        }
        return this;
    }

    public WireWriter writeValueList(List<?> list) {
        writeInt(list.size());
        for (Object v : list) {
            writeValue(v);
        }
        return this;
    }

    public int size() {
        return pos;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
