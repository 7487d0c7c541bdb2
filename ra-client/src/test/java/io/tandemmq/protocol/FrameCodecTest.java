package io.tandemmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FrameEncoder} and {@link FrameDecoder} in an {@link EmbeddedChannel}. */
class FrameCodecTest {
    private static final int MAX = 1024;

    private final EmbeddedChannel encoder = new EmbeddedChannel(new FrameEncoder());
    private final EmbeddedChannel decoder = new EmbeddedChannel(new FrameDecoder(MAX));

    @AfterEach
    void close() {
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }

    private byte[] encode(Frame frame) {
        assertTrue(encoder.writeOutbound(frame));
        ByteBuf buf = encoder.readOutbound();
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    private static byte[] header(int length, int type, long correlationId) {
        return ByteBuffer.allocate(13).putInt(length).put((byte) type).putLong(correlationId).array();
    }

    private static void assertSameFrame(Frame expected, Frame actual) {
        assertEquals(expected.type(), actual.type());
        assertEquals(expected.correlationId(), actual.correlationId());
        assertArrayEquals(expected.payload(), actual.payload());
    }

    private List<Frame> decoded() {
        List<Frame> frames = new ArrayList<>();
        for (Object o = decoder.readInbound(); o != null; o = decoder.readInbound()) {
            frames.add((Frame) o);
        }
        return frames;
    }

    private MalformedFrameException decodeFailure(byte[] bytes) {
        DecoderException e = assertThrows(DecoderException.class,
                () -> decoder.writeInbound(Unpooled.wrappedBuffer(bytes)));
        return assertInstanceOf(MalformedFrameException.class, e.getCause());
    }

    @Test
    void encodedFrame_isLengthTypeCorrelationIdAndPayload() {
        byte[] bytes = encode(Frame.of(FrameType.SEND, 0x0102030405060708L, new byte[] {9, 8}));
        assertArrayEquals(new byte[] {0, 0, 0, 11, 30, 1, 2, 3, 4, 5, 6, 7, 8, 9, 8}, bytes);
    }

    @Test
    void everyFrameType_roundTrips() {
        long correlationId = 1;
        for (FrameType type : FrameType.values()) {
            Frame sent = Frame.of(type, correlationId++, new Credit(correlationId, type.code()));
            decoder.writeInbound(Unpooled.wrappedBuffer(encode(sent)));
            List<Frame> frames = decoded();
            assertEquals(1, frames.size(), type.name());
            assertSameFrame(sent, frames.get(0));
        }
    }

    @Test
    void frameWithoutPayload_roundTrips() {
        Frame sent = Frame.ok(-1L);
        decoder.writeInbound(Unpooled.wrappedBuffer(encode(sent)));
        Frame received = decoder.readInbound();
        assertSameFrame(sent, received);
        assertEquals(0, received.payload().length);
    }

    @Test
    void frameOfExactlyMaxFrameSize_isAccepted() {
        Frame sent = Frame.of(FrameType.SEND, 5, new byte[MAX - Frame.HEADER_SIZE]);
        decoder.writeInbound(Unpooled.wrappedBuffer(encode(sent)));
        assertSameFrame(sent, decoder.readInbound());
    }

    @Test
    void frameSplitIntoSingleBytes_isReassembled() {
        Frame sent = Frame.of(FrameType.DELIVER, 0, new Delivery(1, 2, 1, ProtocolSamples.fullMessage()));
        byte[] bytes = encode(sent);
        for (int i = 0; i < bytes.length - 1; i++) {
            decoder.writeInbound(Unpooled.wrappedBuffer(bytes, i, 1));
            assertNull(decoder.readInbound(), "nothing decoded after " + (i + 1) + " bytes");
        }
        decoder.writeInbound(Unpooled.wrappedBuffer(bytes, bytes.length - 1, 1));
        assertSameFrame(sent, decoder.readInbound());
    }

    @Test
    void frameSplitAtEveryPoint_isReassembled() {
        Frame sent = Frame.of(FrameType.HELLO, 77, new Hello(1, "u", "p", "c", 1, 2));
        byte[] bytes = encode(sent);
        for (int cut = 1; cut < bytes.length; cut++) {
            decoder.writeInbound(Unpooled.wrappedBuffer(bytes, 0, cut));
            decoder.writeInbound(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut));
            List<Frame> frames = decoded();
            assertEquals(1, frames.size(), "cut at " + cut);
            assertSameFrame(sent, frames.get(0));
        }
    }

    @Test
    void twoFramesInOneBuffer_bothDecode() {
        Frame first = Frame.of(FrameType.CREDIT, 0, new Credit(1, 10));
        Frame second = Frame.of(FrameType.PING, 0, (byte[]) null);
        decoder.writeInbound(Unpooled.wrappedBuffer(encode(first), encode(second)));
        List<Frame> frames = decoded();
        assertEquals(2, frames.size());
        assertSameFrame(first, frames.get(0));
        assertSameFrame(second, frames.get(1));
    }

    @Test
    void oneAndAHalfFrames_decodeTheFirstAndKeepTheRest() {
        byte[] first = encode(Frame.of(FrameType.ACK, 3, new Ack(1, new long[] {1})));
        byte[] second = encode(Frame.of(FrameType.ACK, 4, new Ack(1, new long[] {2})));
        byte[] firstAndHalf = new byte[first.length + second.length / 2];
        System.arraycopy(first, 0, firstAndHalf, 0, first.length);
        System.arraycopy(second, 0, firstAndHalf, first.length, second.length / 2);
        decoder.writeInbound(Unpooled.wrappedBuffer(firstAndHalf));
        assertEquals(List.of(3L), decoded().stream().map(Frame::correlationId).toList());
        decoder.writeInbound(Unpooled.wrappedBuffer(second, second.length / 2, second.length - second.length / 2));
        assertEquals(List.of(4L), decoded().stream().map(Frame::correlationId).toList());
    }

    @Test
    void oversizedLength_failsBeforePayloadArrives() {
        MalformedFrameException e = decodeFailure(header(MAX + 1, FrameType.SEND.code(), 1));
        assertTrue(e.getMessage().contains("frame length " + (MAX + 1)), e.getMessage());
        assertNull(decoder.readInbound());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 0, -1, Integer.MIN_VALUE})
    void lengthBelowHeaderSize_failsAtOnce(int length) {
        MalformedFrameException e = decodeFailure(header(length, FrameType.PING.code(), 0));
        assertTrue(e.getMessage().contains("frame length " + length), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 99, 127, 128, 255})
    void unknownTypeCode_failsBeforePayloadArrives(int code) {
        MalformedFrameException e = decodeFailure(header(100, code, 1));
        assertTrue(e.getMessage().contains("unknown frame type"), e.getMessage());
    }

    @Test
    void badHeader_failsOnlyWhenAllThirteenHeaderBytesAreThere() {
        byte[] bad = header(Integer.MAX_VALUE, 99, 1);
        decoder.writeInbound(Unpooled.wrappedBuffer(bad, 0, 12));
        assertNull(decoder.readInbound());
        DecoderException e = assertThrows(DecoderException.class,
                () -> decoder.writeInbound(Unpooled.wrappedBuffer(bad, 12, 1)));
        assertInstanceOf(MalformedFrameException.class, e.getCause());
    }

    @Test
    void afterAnError_furtherInputIsDiscarded() {
        byte[] bad = header(MAX + 1, FrameType.SEND.code(), 1);
        byte[] payloadOfTheBadFrame = new byte[100];
        byte[] good = encode(Frame.ok(5));
        ByteBuf withTheError = Unpooled.wrappedBuffer(bad, payloadOfTheBadFrame, good);
        assertThrows(DecoderException.class, () -> decoder.writeInbound(withTheError));
        assertEquals(0, withTheError.refCnt(), "input after the error was released");

        ByteBuf later = Unpooled.wrappedBuffer(good);
        assertFalse(decoder.writeInbound(later));
        assertNull(decoder.readInbound());
        assertEquals(0, later.refCnt(), "later input was released");
    }

    @Test
    void decodedPayload_doesNotShareTheInputBuffer() {
        byte[] bytes = encode(Frame.of(FrameType.SEND, 1, new byte[] {1, 2, 3}));
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        decoder.writeInbound(in);
        Frame frame = decoder.readInbound();
        bytes[13] = 42;
        assertArrayEquals(new byte[] {1, 2, 3}, frame.payload());
    }
}
