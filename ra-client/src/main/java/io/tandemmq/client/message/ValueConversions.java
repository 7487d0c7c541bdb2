package io.tandemmq.client.message;

import jakarta.jms.MessageFormatException;

/**
 * The type conversions JMS allows when a value is read as another type than it was written as:
 * spec table 3-2 for properties and table 3-7 for {@code MapMessage} and {@code StreamMessage}
 * items. Table 3-2 is table 3-7 without the {@code char} and {@code byte[]} rows and columns; as
 * properties can never hold those two types, one set of rules serves both.
 *
 * <p>Every conversion fails with {@link MessageFormatException} when the table has no mark for it.
 * A {@code String} (or a missing value, read as {@code null}) is converted with the target's
 * {@code valueOf(String)}, so its exceptions pass through unchanged: {@link NumberFormatException}
 * for the integral types and for malformed floating point text, {@link NullPointerException} for
 * {@code float} and {@code double} from null, and {@code false} for {@code boolean} from null. A
 * null read as {@code char} throws {@link NullPointerException} as the spec demands.
 */
final class ValueConversions {

    private ValueConversions() {
    }

    /** Whether a value may be a message property: null, a boxed primitive but char, or a String. */
    static boolean isPropertyValue(Object v) {
        return v == null || v instanceof String || v instanceof Boolean || v instanceof Byte
                || v instanceof Short || v instanceof Integer || v instanceof Long
                || v instanceof Float || v instanceof Double;
    }

    /** Whether a value may be a map entry or stream item: a property value, a Character or a byte[]. */
    static boolean isItemValue(Object v) {
        return isPropertyValue(v) || v instanceof Character || v instanceof byte[];
    }

    static boolean toBoolean(Object v) throws MessageFormatException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Boolean.valueOf((String) v);
        }
        throw cannotConvert(v, "boolean");
    }

    static byte toByte(Object v) throws MessageFormatException {
        if (v instanceof Byte b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Byte.valueOf((String) v);
        }
        throw cannotConvert(v, "byte");
    }

    static short toShort(Object v) throws MessageFormatException {
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).shortValue();
        }
        if (v == null || v instanceof String) {
            return Short.valueOf((String) v);
        }
        throw cannotConvert(v, "short");
    }

    static int toInt(Object v) throws MessageFormatException {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v == null || v instanceof String) {
            return Integer.valueOf((String) v);
        }
        throw cannotConvert(v, "int");
    }

    static long toLong(Object v) throws MessageFormatException {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v == null || v instanceof String) {
            return Long.valueOf((String) v);
        }
        throw cannotConvert(v, "long");
    }

    static float toFloat(Object v) throws MessageFormatException {
        if (v instanceof Float f) {
            return f;
        }
        if (v == null || v instanceof String) {
            return Float.valueOf((String) v);
        }
        throw cannotConvert(v, "float");
    }

    static double toDouble(Object v) throws MessageFormatException {
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v == null || v instanceof String) {
            return Double.valueOf((String) v);
        }
        throw cannotConvert(v, "double");
    }

    /** @throws NullPointerException for null, because char has no String conversion to delegate to */
    static char toChar(Object v) throws MessageFormatException {
        if (v instanceof Character c) {
            return c;
        }
        if (v == null) {
            throw new NullPointerException("a null value cannot be read as a char");
        }
        throw cannotConvert(v, "char");
    }

    /** Every type but byte[] converts to its string form; null stays null. */
    static String toText(Object v) throws MessageFormatException {
        if (v instanceof byte[]) {
            throw cannotConvert(v, "String");
        }
        return v == null ? null : v.toString();
    }

    /** A copy of a byte[] value, so the caller cannot change what the message holds; null stays null. */
    static byte[] toBytes(Object v) throws MessageFormatException {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return b.clone();
        }
        throw cannotConvert(v, "byte[]");
    }

    /** The value itself, or a copy of it when it is a byte[]. */
    static Object copyOf(Object v) {
        return v instanceof byte[] b ? b.clone() : v;
    }

    private static MessageFormatException cannotConvert(Object v, String target) {
        return new MessageFormatException(typeName(v) + " value cannot be read as " + target);
    }

    static String typeName(Object v) {
        return v instanceof byte[] ? "byte[]" : v.getClass().getSimpleName();
    }
}
