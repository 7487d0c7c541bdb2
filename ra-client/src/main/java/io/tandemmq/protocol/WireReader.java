package io.tandemmq.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads payload fields written by {@link WireWriter}. Every read checks the remaining length, so a
 * truncated or lying payload raises {@link MalformedFrameException} and never allocates more than
 * the payload could hold.
 */
public final class WireReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new MalformedFrameException("payload truncated: needs " + n + " more bytes, has " + (end - pos));
        }
    }

    public int remaining() {
        return end - pos;
    }

    public byte readByte() {
        need(1);
        return buf[pos++];
    }

    public boolean readBoolean() {
        byte b = readByte();
        if (b != 0 && b != 1) {
            throw new MalformedFrameException("bad boolean " + b);
        }
        return b == 1;
    }

    public short readShort() {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return (short) v;
    }

    public int readInt() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long readLong() {
        long hi = readInt() & 0xffffffffL;
        long lo = readInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    public byte[] readBytes() {
        int len = readInt();
        if (len == -1) {
            return null;
        }
        need(len);
        byte[] b = new byte[len];
        System.arraycopy(buf, pos, b, 0, len);
        pos += len;
        return b;
    }

    public String readString() {
        int len = readInt();
        if (len == -1) {
            return null;
        }
        need(len);
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    public long[] readLongs() {
        int n = readCount(8);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = readLong();
        }
        return v;
    }

    /** Reads an element count and checks that at least {@code minBytesEach} per element remain. */
    public int readCount(int minBytesEach) {
        int n = readInt();
        if (n < 0 || (long) n * minBytesEach > remaining()) {
            throw new MalformedFrameException("bad element count " + n);
        }
        return n;
    }

    public Object readValue() {
        ValueTag tag = ValueTag.fromByte(readByte());
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> readBoolean();
            case BYTE -> readByte();
            case SHORT -> readShort();
            case CHAR -> (char) readShort();
            case INT -> readInt();
            case LONG -> readLong();
            case FLOAT -> Float.intBitsToFloat(readInt());
            case DOUBLE -> Double.longBitsToDouble(readLong());
            case STRING -> readString();
            case BYTES -> {
                byte[] b = readBytes();
                if (b == null) {
                    throw new MalformedFrameException("null byte array in a typed value");
                }
                yield b;
            }
        };
    }

    public Map<String, Object> readValueMap() {
        int n = readCount(5);
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            String key = readString();
            if (key == null) {
                throw new MalformedFrameException("null map key");
            }
            map.put(key, readValue());
        }
        return map;
    }

    public List<Object> readValueList() {
        int n = readCount(1);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readValue());
        }
        return list;
    }

    /** @throws MalformedFrameException when bytes are left over after a complete payload */
    public void expectEnd() {
        if (pos != end) {
            throw new MalformedFrameException((end - pos) + " unexpected bytes after the payload");
        }
    }
}
