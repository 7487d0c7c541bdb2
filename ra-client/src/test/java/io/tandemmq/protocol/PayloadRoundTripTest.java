package io.tandemmq.protocol;

import io.tandemmq.protocol.ProtocolSamples.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.tandemmq.protocol.ProtocolSamples.describe;
import static io.tandemmq.protocol.ProtocolSamples.readWhole;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every payload through its encoding and back. */
class PayloadRoundTripTest {

    static List<Sample> samples() {
        return ProtocolSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyPayload_readsBackAsWritten(Sample sample) {
        assertEquals(describe(sample.value()), describe(readWhole(sample.reader(), sample.bytes())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyPayload_readsBackFromTheMiddleOfALargerArray(Sample sample) {
        byte[] bytes = sample.bytes();
        byte[] padded = new byte[bytes.length + 10];
        Arrays.fill(padded, (byte) 0x5a);
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        WireReader in = new WireReader(padded, 3, bytes.length);
        Object read = sample.reader().apply(in);
        in.expectEnd();
        assertEquals(describe(sample.value()), describe(read));
    }

    @Test
    void wireMessage_keepsEveryHeaderField() {
        WireMessage m = WireMessage.decode(ProtocolSamples.fullMessage().encode());
        assertEquals("ID:full-1", m.messageId());
        assertEquals(DestinationRef.topic("market.prices"), m.destination());
        assertEquals(new DestinationRef(DestinationKind.TEMP_QUEUE, "tmp-7"), m.replyTo());
        assertEquals("corr-9", m.correlationId());
        assertEquals("quote", m.type());
        assertEquals(WireMessage.NON_PERSISTENT, m.deliveryMode());
        assertFalse(m.isPersistent());
        assertEquals(9, m.priority());
        assertEquals(1_700_000_000_000L, m.timestamp());
        assertEquals(Long.MAX_VALUE, m.expiration());
        assertEquals(-1L, m.deliveryTime());
        assertEquals(BodyType.BYTES, m.bodyType());
        assertArrayEquals(new byte[] {1, 2, 3, 0, -1}, m.body());
    }

    @Test
    void wireMessage_defaultsSurviveTheRoundTrip() {
        WireMessage m = WireMessage.decode(ProtocolSamples.minimalMessage().encode());
        assertEquals(WireMessage.PERSISTENT, m.deliveryMode());
        assertTrue(m.isPersistent());
        assertEquals(4, m.priority());
        assertNull(m.replyTo());
        assertNull(m.correlationId());
        assertNull(m.type());
        assertEquals(0, m.expiration());
        assertEquals(0, m.deliveryTime());
        assertTrue(m.properties().isEmpty());
        assertEquals(BodyType.NONE, m.bodyType());
        assertNull(m.body());
    }

    @Test
    void wireMessage_keepsEveryPropertyWithItsTypeAndOrder() {
        Map<String, Object> sent = ProtocolSamples.everyPropertyType();
        WireMessage m = WireMessage.decode(ProtocolSamples.fullMessage().encode());
        assertEquals(List.copyOf(sent.keySet()), List.copyOf(m.properties().keySet()));
        for (Map.Entry<String, Object> e : sent.entrySet()) {
            Object got = m.properties().get(e.getKey());
            if (e.getValue() == null) {
                assertNull(got, e.getKey());
            } else {
                assertInstanceOf(e.getValue().getClass(), got, e.getKey());
                assertEquals(describe(e.getValue()), describe(got), e.getKey());
            }
        }
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits((Float) m.properties().get("float")));
        assertTrue(Float.isNaN((Float) m.properties().get("floatNaN")));
    }

    @Test
    void wireMessage_emptyBodyStaysEmptyAndNullBodyStaysNull() {
        WireMessage empty = ProtocolSamples.minimalMessage().toBuilder().body(BodyType.TEXT, new byte[0]).build();
        assertArrayEquals(new byte[0], WireMessage.decode(empty.encode()).body());
        WireMessage none = ProtocolSamples.minimalMessage().toBuilder().body(BodyType.TEXT, null).build();
        assertNull(WireMessage.decode(none.encode()).body());
    }

    @Test
    void valueOfATypeJmsDoesNotAllow_cannotBeWritten() {
        WireWriter out = new WireWriter();
        assertThrows(IllegalArgumentException.class, () -> out.writeValue(new Object()));
        assertThrows(IllegalArgumentException.class, () -> out.writeValue(List.of()));
    }

    @Test
    void writer_growsBeyondItsInitialCapacity() {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 7);
        WireWriter out = new WireWriter(1).writeBytes(big).writeLong(-2);
        WireReader in = new WireReader(out.toByteArray());
        assertArrayEquals(big, in.readBytes());
        assertEquals(-2, in.readLong());
        in.expectEnd();
    }

    @Test
    void frameOfAPayload_carriesItsEncoding() {
        Credit credit = new Credit(1, 2);
        Frame frame = Frame.of(FrameType.CREDIT, 0, credit);
        assertArrayEquals(credit.encode(), frame.payload());
        assertEquals(credit, Credit.read(frame.reader()));
        assertEquals(Frame.HEADER_SIZE + credit.encode().length, frame.encodedSize());
    }

    @Test
    void errorFrame_carriesCodeAndMessage() {
        Frame frame = Frame.error(12, ErrorCode.INVALID_SELECTOR, "bad selector");
        assertEquals(FrameType.ERROR, frame.type());
        assertEquals(12, frame.correlationId());
        assertEquals(new ErrorReply(ErrorCode.INVALID_SELECTOR, "bad selector"), ErrorReply.read(frame.reader()));
        assertEquals(0, Frame.ok(3).payload().length);
    }

    @Test
    void unknownErrorCode_readsAsGeneral() {
        byte[] bytes = new WireWriter().writeInt(999).writeString("x").writeInt(0).toByteArray();
        assertEquals(new ErrorReply(ErrorCode.GENERAL, "x"), readWhole(ErrorReply::read, bytes));
    }

    @Test
    void helloToString_doesNotShowThePassword() {
        assertFalse(new Hello(1, "u", "secret", "c", 1, 2).toString().contains("secret"));
    }

    @Test
    void adminRequestToString_doesNotShowThePassword() {
        String shown = new AdminRequest(java.util.List.of("user", "add", "ann", "--password", "secret")).toString();
        assertFalse(shown.contains("secret"), shown);
        assertTrue(shown.contains("ann"), shown);
    }

    @Test
    void bindingKindLabels_parseBack_andAnUnknownLabelIsNamed() {
        for (BindingKind k : BindingKind.values()) {
            assertEquals(k, BindingKind.parse(k.label()));
        }
        assertEquals("connection-factory", BindingKind.CONNECTION_FACTORY.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BindingKind.parse("table"));
        assertTrue(e.getMessage().contains("'table'") && e.getMessage().contains("connection-factory"), e.getMessage());
    }

    @Test
    void everyFrameTypeCode_mapsBackToItsType() {
        for (FrameType t : FrameType.values()) {
            assertEquals(t, FrameType.of(t.code()));
        }
    }
}
