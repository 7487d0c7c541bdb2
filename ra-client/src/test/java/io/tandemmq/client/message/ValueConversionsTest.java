package io.tandemmq.client.message;

import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The values the allowed conversions produce, and how null and bad strings fail. */
class ValueConversionsTest {

    @Test
    void widening_keepsTheValue() throws MessageFormatException {
        assertEquals(-5, ValueConversions.toShort((byte) -5));
        assertEquals(-5, ValueConversions.toInt((byte) -5));
        assertEquals(-5L, ValueConversions.toLong((byte) -5));
        assertEquals(30000, ValueConversions.toInt((short) 30000));
        assertEquals(30000L, ValueConversions.toLong((short) 30000));
        assertEquals(Integer.MIN_VALUE, ValueConversions.toLong(Integer.MIN_VALUE));
        assertEquals(1.5d, ValueConversions.toDouble(1.5f));
    }

    @Test
    void everyTypeButBytes_readsAsItsStringForm() throws MessageFormatException {
        assertEquals("true", ValueConversions.toText(true));
        assertEquals("-7", ValueConversions.toText((byte) -7));
        assertEquals("12", ValueConversions.toText((short) 12));
        assertEquals("x", ValueConversions.toText('x'));
        assertEquals("42", ValueConversions.toText(42));
        assertEquals("9000000000", ValueConversions.toText(9_000_000_000L));
        assertEquals("1.5", ValueConversions.toText(1.5f));
        assertEquals("2.25", ValueConversions.toText(2.25d));
        assertEquals("s", ValueConversions.toText("s"));
        assertNull(ValueConversions.toText(null));
        assertThrows(MessageFormatException.class, () -> ValueConversions.toText(new byte[0]));
    }

    @Test
    void strings_parseWithValueOf() throws MessageFormatException {
        assertTrue(ValueConversions.toBoolean("TRUE"));
        assertFalse(ValueConversions.toBoolean("yes"));
        assertEquals((byte) -128, ValueConversions.toByte("-128"));
        assertEquals((short) 300, ValueConversions.toShort("300"));
        assertEquals(-7, ValueConversions.toInt("-7"));
        assertEquals(1L << 40, ValueConversions.toLong(Long.toString(1L << 40)));
        assertEquals(2.5f, ValueConversions.toFloat("2.5"));
        assertEquals(1e300, ValueConversions.toDouble("1e300"));
    }

    @Test
    void unparsableStrings_throwNumberFormatException() {
        assertThrows(NumberFormatException.class, () -> ValueConversions.toByte("128"));
        assertThrows(NumberFormatException.class, () -> ValueConversions.toShort("1.0"));
        assertThrows(NumberFormatException.class, () -> ValueConversions.toInt("seven"));
        assertThrows(NumberFormatException.class, () -> ValueConversions.toLong(""));
        assertThrows(NumberFormatException.class, () -> ValueConversions.toFloat("x"));
        assertThrows(NumberFormatException.class, () -> ValueConversions.toDouble("1,5"));
    }

    @Test
    void null_readsAsValueOfNull() throws MessageFormatException {
        assertFalse(ValueConversions.toBoolean(null));
        assertNull(ValueConversions.toText(null));
        assertNull(ValueConversions.toBytes(null));
        assertThrows(NumberFormatException.class, () -> ValueConversions.toByte(null));
        assertThrows(NumberFormatException.class, () -> ValueConversions.toShort(null));
        assertThrows(NumberFormatException.class, () -> ValueConversions.toInt(null));
        assertThrows(NumberFormatException.class, () -> ValueConversions.toLong(null));
        // Float.valueOf(null) and Double.valueOf(null) throw NullPointerException, not NumberFormatException
        assertThrows(NullPointerException.class, () -> ValueConversions.toFloat(null));
        assertThrows(NullPointerException.class, () -> ValueConversions.toDouble(null));
        assertThrows(NullPointerException.class, () -> ValueConversions.toChar(null));
    }

    @Test
    void bytes_areCopiedOnRead() throws MessageFormatException {
        byte[] stored = {1, 2};
        byte[] read = ValueConversions.toBytes(stored);
        assertArrayEquals(stored, read);
        assertNotSame(stored, read);
        assertNotSame(stored, ValueConversions.copyOf(stored));
    }

    @Test
    void propertyValues_areTheEightTypesAndNull() {
        for (Object ok : new Object[] {null, true, (byte) 1, (short) 1, 1, 1L, 1f, 1d, "s"}) {
            assertTrue(ValueConversions.isPropertyValue(ok), String.valueOf(ok));
        }
        for (Object bad : new Object[] {'c', new byte[0], new Object(), java.math.BigDecimal.ONE}) {
            assertFalse(ValueConversions.isPropertyValue(bad), String.valueOf(bad));
        }
    }

    @Test
    void itemValues_addCharAndBytes() {
        assertTrue(ValueConversions.isItemValue('c'));
        assertTrue(ValueConversions.isItemValue(new byte[0]));
        assertTrue(ValueConversions.isItemValue(null));
        assertFalse(ValueConversions.isItemValue(new Byte[0]));
        assertFalse(ValueConversions.isItemValue(new StringBuilder()));
    }
}
