package io.tandemmq.broker.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * First handler of a TLS client port: looks at the first bytes a client sends. A TLS record puts
 * the TLS handler in its place; anything else (a client of {@code tandem://}, or garbage) gets one
 * clear-text ERROR frame saying the port needs TLS, and the connection is closed, so that a
 * misconfigured client learns why instead of seeing the connection drop.
 */
final class TlsRequired extends ByteToMessageDecoder {
    private static final Logger LOG = System.getLogger(TlsRequired.class.getName());
    /** {@link SslHandler#isEncrypted} needs a TLS record header. */
    private static final int RECORD_HEADER = 5;
    static final String MESSAGE = "this port speaks TLS: connect with tandems://host:port (or ssl=true)";

    private final SslContext context;
    /** Set once the client was found not to speak TLS: nothing it sends afterwards reaches the frames. */
    private boolean refused;

    TlsRequired(SslContext context) {
        this.context = context;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < RECORD_HEADER) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            // the bytes read so far are handed to the TLS handler as this one leaves the pipeline
            ctx.pipeline().replace(this, "tls", context.newHandler(ctx.alloc()));
            return;
        }
        // this handler stays, so that bytes arriving before the close never reach the frame decoder
        refused = true;
        in.skipBytes(in.readableBytes());
        ctx.channel().config().setAutoRead(false);
        LOG.log(Level.INFO, "closing {0}: it does not speak TLS", ctx.channel().remoteAddress());
        ctx.channel().writeAndFlush(Frame.error(0, ErrorCode.PROTOCOL, MESSAGE)).addListener(ChannelFutureListener.CLOSE);
    }
}
