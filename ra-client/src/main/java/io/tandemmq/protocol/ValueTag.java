package io.tandemmq.protocol;

/** The type marker written before each typed value (JMS property, map entry, stream item). */
public enum ValueTag {
    NULL, BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE, STRING, BYTES;

    private static final ValueTag[] ALL = values();

    /**
     * @throws IllegalArgumentException when the value is of a type JMS does not allow
     */
    public static ValueTag of(Object v) {
        if (v == null) {
            return NULL;
        } else if (v instanceof String) {
            return STRING;
        } else if (v instanceof Integer) {
            return INT;
        } else if (v instanceof Long) {
            return LONG;
        } else if (v instanceof Boolean) {
            return BOOLEAN;
        } else if (v instanceof Double) {
            return DOUBLE;
        } else if (v instanceof Float) {
            return FLOAT;
        } else if (v instanceof Short) {
            return SHORT;
        } else if (v instanceof Byte) {
            return BYTE;
        } else if (v instanceof Character) {
            return CHAR;
        } else if (v instanceof byte[]) {
            return BYTES;
        }
        throw new IllegalArgumentException("type " + v.getClass().getName() + " cannot be sent");
    }

    static ValueTag fromByte(int b) {
        if (b < 0 || b >= ALL.length) {
            throw new MalformedFrameException("unknown value type " + b);
        }
        return ALL[b];
    }
}
