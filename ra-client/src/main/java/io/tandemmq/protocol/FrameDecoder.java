package io.tandemmq.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the byte stream into {@link Frame}s. A length below the header size or above
 * {@code maxFrameSize}, or an unknown frame type, raises {@link MalformedFrameException} as soon
 * as the header is read: an oversized frame is never buffered.
 *
 * <p>After the first error the decoder discards everything that follows; the handler behind it
 * reports the error to the peer and closes the channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameSize;
    private boolean failed;

    public FrameDecoder(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4 + Frame.HEADER_SIZE) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getInt(start);
        if (length < Frame.HEADER_SIZE || length > maxFrameSize) {
            fail(in, "frame length " + length + " outside 9.." + maxFrameSize);
        }
        FrameType type;
        try {
            type = FrameType.of(in.getByte(start + 4));
        } catch (MalformedFrameException e) {
            fail(in, e.getMessage());
            return;
        }
        if (in.readableBytes() < 4L + length) {
            return;
        }
        in.skipBytes(5);
        long correlationId = in.readLong();
        byte[] payload = new byte[length - Frame.HEADER_SIZE];
        in.readBytes(payload);
        out.add(Frame.of(type, correlationId, payload));
    }

    private void fail(ByteBuf in, String message) {
        failed = true;
        in.skipBytes(in.readableBytes());
        throw new MalformedFrameException(message);
    }
}
