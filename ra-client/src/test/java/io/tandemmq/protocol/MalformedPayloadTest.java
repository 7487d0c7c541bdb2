package io.tandemmq.protocol;

import io.tandemmq.protocol.ProtocolSamples.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static io.tandemmq.protocol.ProtocolSamples.readWhole;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Truncated, lying and inconsistent payloads raise {@link MalformedFrameException} and nothing else. */
class MalformedPayloadTest {

    static List<Sample> samples() {
        return ProtocolSamples.all();
    }

    private static MalformedFrameException rejected(Function<WireReader, Object> reader, byte[] bytes) {
        return assertThrows(MalformedFrameException.class, () -> readWhole(reader, bytes));
    }

    private static void assertMessageContains(Exception e, String text) {
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyTruncationOfAPayload_isRejected(Sample sample) {
        byte[] bytes = sample.bytes();
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            int length = cut;
            assertThrows(MalformedFrameException.class, () -> readWhole(sample.reader(), truncated),
                    () -> sample + " cut to " + length + " of " + bytes.length + " bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void truncatedReaderOverALargerArray_neverReadsPastItsEnd(Sample sample) {
        byte[] bytes = sample.bytes();
        for (int cut = 0; cut < bytes.length; cut++) {
            WireReader in = new WireReader(bytes, 0, cut);
            assertThrows(MalformedFrameException.class, () -> {
                sample.reader().apply(in);
                in.expectEnd();
            }, () -> sample + " limited to " + in.remaining() + " bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void trailingBytes_areRejectedByExpectEnd(Sample sample) {
        byte[] longer = Arrays.copyOf(sample.bytes(), sample.bytes().length + 2);
        MalformedFrameException e = rejected(sample.reader(), longer);
        assertMessageContains(e, "2 unexpected bytes after the payload");
    }

    @Test
    void decodeOfAMessage_rejectsTrailingBytes() {
        byte[] bytes = ProtocolSamples.minimalMessage().encode();
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertMessageContains(assertThrows(MalformedFrameException.class, () -> WireMessage.decode(longer)),
                "1 unexpected bytes");
    }

    @Test
    void readPastTheEnd_namesWhatIsMissing() {
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> new WireReader(new byte[3]).readInt());
        assertMessageContains(e, "needs 4 more bytes, has 3");
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, -100, Integer.MIN_VALUE, Integer.MAX_VALUE, 5})
    void stringOrBytesLengthBeyondThePayload_isRejected(int length) {
        byte[] bytes = new WireWriter().writeInt(length).writeInt(0).toByteArray();
        assertThrows(MalformedFrameException.class, () -> new WireReader(bytes).readString());
        assertThrows(MalformedFrameException.class, () -> new WireReader(bytes).readBytes());
    }

    @Test
    void lengthMinusOne_isNull() {
        byte[] bytes = new WireWriter().writeInt(-1).toByteArray();
        assertNull(readWhole(WireReader::readString, bytes));
        assertNull(readWhole(WireReader::readBytes, bytes));
    }

    @Test
    void lengthThatFitsExactly_isAccepted() {
        byte[] bytes = new WireWriter().writeInt(4).writeInt(0x41424344).toByteArray();
        assertEquals("ABCD", readWhole(WireReader::readString, bytes));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x10000000, 100})
    void elementCountBeyondThePayload_isRejectedBeforeAllocating(int count) {
        // 16 bytes follow the count: too few for that many elements of any kind
        byte[] countFirst = new WireWriter().writeInt(count).writeLong(0).writeLong(0).toByteArray();
        for (Function<WireReader, Object> reader : List.<Function<WireReader, Object>>of(WireReader::readLongs,
                BrowseBatch::read, DestinationInfo::readList, WireReader::readValueMap, WireReader::readValueList)) {
            MalformedFrameException e = rejected(reader, countFirst);
            assertMessageContains(e, "bad element count " + count);
        }
        byte[] idThenCount = new WireWriter().writeLong(1).writeInt(count).writeLong(0).writeLong(0).toByteArray();
        assertMessageContains(rejected(Ack::read, idThenCount), "bad element count " + count);
        assertMessageContains(rejected(ConsumerClose::read, idThenCount), "bad element count " + count);
    }

    @Test
    void countJustAboveWhatFits_isRejected() {
        byte[] bytes = new WireWriter().writeInt(3).writeLong(5).writeLong(6).toByteArray();
        assertMessageContains(rejected(WireReader::readLongs, bytes), "bad element count 3");
    }

    @Test
    void elementCountThatFitsExactly_isAccepted() {
        byte[] bytes = new WireWriter().writeInt(2).writeLong(5).writeLong(6).toByteArray();
        assertArrayEquals(new long[] {5, 6}, (long[]) readWhole(WireReader::readLongs, bytes));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 127, -1, -128})
    void unknownAcknowledgeMode_isRejected(int ordinal) {
        byte[] bytes = new WireWriter().writeLong(1).writeByte(ordinal).toByteArray();
        assertMessageContains(rejected(SessionOpen::read, bytes), "unknown acknowledge mode " + ordinal);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, -1})
    void unknownSubscriptionMode_isRejected(int ordinal) {
        WireWriter out = new WireWriter().writeLong(1).writeLong(2);
        DestinationRef.topic("t").writeTo(out);
        out.writeString(null).writeBoolean(false).writeByte(ordinal).writeString(null).writeInt(10);
        assertMessageContains(rejected(ConsumerOpen::read, out.toByteArray()), "unknown subscription mode " + ordinal);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, -1})
    void unknownDestinationKind_isRejected(int ordinal) {
        byte[] bytes = new WireWriter().writeByte(ordinal).writeString("d").toByteArray();
        assertMessageContains(rejected(DestinationRef::read, bytes), "unknown destination kind " + ordinal);
    }

    @ParameterizedTest
    @ValueSource(ints = {11, -1, 100})
    void unknownValueType_isRejected(int tag) {
        byte[] bytes = new WireWriter().writeByte(tag).writeInt(0).toByteArray();
        assertMessageContains(assertThrows(MalformedFrameException.class, () -> new WireReader(bytes).readValue()),
                "unknown value type " + tag);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, -1})
    void booleanOtherThanZeroOrOne_isRejected(int b) {
        byte[] bytes = new WireWriter().writeByte(b).toByteArray();
        assertMessageContains(rejected(DestinationRef::readOptional, bytes), "bad boolean " + b);
    }

    @Test
    void unknownBodyType_isRejected() {
        assertMessageContains(rejected(WireMessage::read, message("ID:1", 2, 4, 6)), "unknown body type 6");
        assertMessageContains(rejected(WireMessage::read, message("ID:1", 2, 4, -1)), "unknown body type -1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, -1})
    void unknownDeliveryMode_isRejected(int mode) {
        assertMessageContains(rejected(WireMessage::read, message("ID:1", mode, 4, 0)), "bad delivery mode " + mode);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, -1, 127})
    void priorityOutside0To9_isRejected(int priority) {
        assertMessageContains(rejected(WireMessage::read, message("ID:1", 1, priority, 0)), "bad priority " + priority);
    }

    @Test
    void handWrittenMessage_isReadLikeAnEncodedOne() {
        WireMessage m = (WireMessage) readWhole(WireMessage::read, message("ID:1", 1, 0, 1));
        assertEquals("ID:1", m.messageId());
        assertEquals(BodyType.TEXT, m.bodyType());
    }

    @Test
    void messageWithoutAnId_isRejected() {
        assertMessageContains(rejected(WireMessage::read, message(null, 2, 4, 0)), "message without an id");
    }

    @Test
    void destinationWithoutAName_isRejected() {
        byte[] bytes = new WireWriter().writeByte(0).writeString(null).toByteArray();
        assertMessageContains(rejected(DestinationRef::read, bytes), "destination without a name");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 127})
    void unknownBindingKind_isRejected(int code) {
        byte[] bytes = new WireWriter().writeByte(code).writeString("q").toByteArray();
        assertThrows(MalformedFrameException.class, () -> BoundObject.read(new WireReader(bytes)));
    }

    @Test
    void adminRequestWithMoreWordsThanAnyVerbNeeds_isRejected() {
        WireWriter w = new WireWriter().writeInt(65);
        for (int i = 0; i < 65; i++) {
            w.writeString("w");
        }
        byte[] bytes = w.toByteArray();
        assertThrows(MalformedFrameException.class, () -> AdminRequest.read(new WireReader(bytes)));
    }

    @Test
    void nameRefWithoutAName_isRejected() {
        byte[] bytes = new WireWriter().writeString(null).toByteArray();
        assertMessageContains(rejected(NameRef::read, bytes), "name missing");
    }

    @Test
    void mapWithANullKey_isRejected() {
        byte[] bytes = new WireWriter().writeInt(1).writeString(null).writeByte(0).toByteArray();
        assertMessageContains(rejected(WireReader::readValueMap, bytes), "null map key");
    }

    @Test
    void typedByteArrayOfLengthMinusOne_isRejected() {
        byte[] bytes = new WireWriter().writeByte(ValueTag.BYTES.ordinal()).writeInt(-1).toByteArray();
        assertMessageContains(rejected(WireReader::readValue, bytes), "null byte array");
    }

    /** A message written field by field, so that fields can hold values the builder would not encode. */
    private static byte[] message(String id, int deliveryMode, int priority, int bodyType) {
        WireWriter out = new WireWriter().writeString(id);
        DestinationRef.queue("q").writeTo(out);
        DestinationRef.writeOptional(out, null);
        out.writeString(null).writeString(null).writeByte(deliveryMode).writeByte(priority)
                .writeLong(0).writeLong(0).writeLong(0).writeInt(0).writeByte(bodyType).writeBytes(null);
        return out.toByteArray();
    }
}
