package io.tandemmq.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every cell of the spec's conversion tables, through the public API of properties (table 3-2),
 * map messages and stream messages (table 3-7): marked cells convert, unmarked ones throw
 * MessageFormatException.
 */
class ConversionTableTest {

    private static final String[] TYPES = {
        "boolean", "byte", "short", "char", "int", "long", "float", "double", "String", "byte[]"};

    /** Table 3-7, rows as written and columns as read in the order of TYPES; 'X' marks a conversion. */
    private static final String[] TABLE_3_7 = {
        // bool byte short char int long float double String byte[]
        "X.......X.", // boolean
        ".XX.XX..X.", // byte
        "..X.XX..X.", // short
        "...X....X.", // char
        "....XX..X.", // int
        ".....X..X.", // long
        "......XXX.", // float
        ".......XX.", // double
        "XXX.XXXXX.", // String
        ".........X", // byte[]
    };

    /** A value of each row type; the String one parses as every numeric type. */
    private static final Object[] SAMPLES = {
        true, (byte) 1, (short) 1, 'c', 1, 1L, 1f, 1d, "1", new byte[] {1}};

    /** Table 3-2 is table 3-7 without the char and byte[] rows and columns. */
    private static boolean isPropertyType(int type) {
        return type != 3 && type != 9;
    }

    static Stream<Arguments> mapAndStreamCells() {
        List<Arguments> cells = new ArrayList<>();
        for (int row = 0; row < TYPES.length; row++) {
            for (int col = 0; col < TYPES.length; col++) {
                cells.add(Arguments.of(TYPES[row], TYPES[col], row, col, TABLE_3_7[row].charAt(col) == 'X'));
            }
        }
        return cells.stream();
    }

    static Stream<Arguments> propertyCells() {
        return mapAndStreamCells().filter(a -> isPropertyType((int) a.get()[2]) && isPropertyType((int) a.get()[3]));
    }

    @ParameterizedTest(name = "property {0} read as {1}: allowed={4}")
    @MethodSource("propertyCells")
    void propertyConversion_followsSpecTable(String written, String read, int row, int col, boolean allowed)
            throws JMSException {
        TandemMessage m = new TandemMessage();
        m.setObjectProperty("p", SAMPLES[row]);
        expect(allowed, () -> readProperty(m, col));
    }

    @ParameterizedTest(name = "map {0} read as {1}: allowed={4}")
    @MethodSource("mapAndStreamCells")
    void mapConversion_followsSpecTable(String written, String read, int row, int col, boolean allowed)
            throws JMSException {
        TandemMapMessage m = new TandemMapMessage();
        m.setObject("k", SAMPLES[row]);
        expect(allowed, () -> readMap(m, col));
    }

    @ParameterizedTest(name = "stream {0} read as {1}: allowed={4}")
    @MethodSource("mapAndStreamCells")
    void streamConversion_followsSpecTableAndFailureKeepsPosition(String written, String read, int row, int col,
            boolean allowed) throws JMSException {
        TandemStreamMessage m = new TandemStreamMessage();
        m.writeObject(SAMPLES[row]);
        m.reset();
        expect(allowed, () -> readStream(m, col));
        if (!allowed) {
            Object again = m.readObject();
            if (again instanceof byte[] b) {
                assertArrayEquals((byte[]) SAMPLES[row], b);
            } else {
                assertEquals(SAMPLES[row], again);
            }
        }
    }

    private static void expect(boolean allowed, Read read) {
        if (allowed) {
            assertDoesNotThrow(read::run);
        } else {
            assertThrows(MessageFormatException.class, read::run);
        }
    }

    @FunctionalInterface
    private interface Read {
        Object run() throws JMSException;
    }

    private static Object readProperty(TandemMessage m, int col) throws JMSException {
        return switch (TYPES[col]) {
            case "boolean" -> m.getBooleanProperty("p");
            case "byte" -> m.getByteProperty("p");
            case "short" -> m.getShortProperty("p");
            case "int" -> m.getIntProperty("p");
            case "long" -> m.getLongProperty("p");
            case "float" -> m.getFloatProperty("p");
            case "double" -> m.getDoubleProperty("p");
            case "String" -> m.getStringProperty("p");
            default -> throw new IllegalArgumentException(TYPES[col]);
        };
    }

    private static Object readMap(TandemMapMessage m, int col) throws JMSException {
        return switch (TYPES[col]) {
            case "boolean" -> m.getBoolean("k");
            case "byte" -> m.getByte("k");
            case "short" -> m.getShort("k");
            case "char" -> m.getChar("k");
            case "int" -> m.getInt("k");
            case "long" -> m.getLong("k");
            case "float" -> m.getFloat("k");
            case "double" -> m.getDouble("k");
            case "String" -> m.getString("k");
            default -> m.getBytes("k");
        };
    }

    private static Object readStream(TandemStreamMessage m, int col) throws JMSException {
        return switch (TYPES[col]) {
            case "boolean" -> m.readBoolean();
            case "byte" -> m.readByte();
            case "short" -> m.readShort();
            case "char" -> m.readChar();
            case "int" -> m.readInt();
            case "long" -> m.readLong();
            case "float" -> m.readFloat();
            case "double" -> m.readDouble();
            case "String" -> m.readString();
            default -> m.readBytes(new byte[4]);
        };
    }
}
