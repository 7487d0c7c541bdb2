package io.tandemmq.broker.ha;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.MalformedFrameException;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.WireWriter;
import io.tandemmq.broker.fatal.ProcessHalt;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * The accepting end of one heartbeat-link connection: with a shared secret it first challenges the
 * connecting server ({@link PeerChallenge}) and opens sealed heartbeats only; without one every
 * heartbeat counts (TLS, when on, already checked the partner's certificate). Anything else is
 * refused: logged once and closed, and — unless the connection had brought heartbeats — not
 * reported as a lost link, so that a stranger cannot move the role decisions. One instance per
 * connection, used on its event loop only.
 */
final class HeartbeatReceiver extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = System.getLogger(HeartbeatLink.class.getName());

    private final PeerChallenge challenge;
    private final HeartbeatLink.Listener listener;
    private final byte[] nonce = PeerChallenge.nonce();
    private boolean authenticated;
    private HeartbeatSeal seal;
    private boolean heard;
    /** Set when this connection was refused: frames decoded after that are dropped. */
    private boolean refused;

    /** @param challenge the shared secret's handshake, or null when the link has no secret */
    HeartbeatReceiver(PeerChallenge challenge, HeartbeatLink.Listener listener) {
        this.challenge = challenge;
        this.listener = listener;
        this.authenticated = challenge == null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (challenge == null) {
            return;
        }
        // with TLS this waits in the TLS handler until its handshake is done
        ctx.writeAndFlush(Frame.of(FrameType.PEER_CHALLENGE, 0, new WireWriter().writeBytes(nonce).toByteArray()));
        ctx.executor().schedule(() -> {
            if (!authenticated && ctx.channel().isActive()) {
                refuse(ctx, "it did not prove the shared secret within " + HeartbeatLink.AUTHENTICATION_TIMEOUT_MILLIS
                        + " ms");
            }
        }, HeartbeatLink.AUTHENTICATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (refused) {
            return;
        }
        try {
            if (!authenticated) {
                authenticate(ctx, frame);
            } else if (frame.type() == FrameType.HEARTBEAT) {
                byte[] payload = seal == null ? frame.payload() : seal.open(frame.correlationId(), frame.payload());
                WireReader in = new WireReader(payload);
                Heartbeat hb = Heartbeat.read(in);
                in.expectEnd();
                heard = true;
                listener.heartbeat(hb);
            }
        } catch (MalformedFrameException e) {
            refuse(ctx, "malformed " + frame.type() + ": " + e.getMessage());
        }
    }

    private void authenticate(ChannelHandlerContext ctx, Frame frame) {
        if (frame.type() != FrameType.PEER_PROOF) {
            refuse(ctx, "it sent " + frame.type() + " without proving the shared secret (does it have"
                    + " the same --peer-secret-file?)");
            return;
        }
        WireReader in = frame.reader();
        byte[] theirs = in.readBytes();
        byte[] proof = in.readBytes();
        in.expectEnd();
        if (theirs.length != PeerChallenge.NONCE_BYTES || !PeerChallenge.same(challenge.proof(nonce, theirs), proof)) {
            refuse(ctx, "wrong proof of the shared secret (a stranger, or a partner with another --peer-secret-file)");
            return;
        }
        authenticated = true;
        seal = challenge.seal(nonce, theirs);
        ctx.writeAndFlush(Frame.of(FrameType.PEER_ACCEPT, 0,
                new WireWriter().writeBytes(challenge.acceptance(nonce, theirs)).toByteArray()));
        LOG.log(Level.INFO, "heartbeat link from {0}: the partner proved the shared secret", ctx.channel().remoteAddress());
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        if (refused) {
            return;
        }
        refused = true;
        LOG.log(Level.WARNING, "heartbeat link: refused {0}: {1}", ctx.channel().remoteAddress(), why);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // only a connection that brought heartbeats is the partner's: a stranger's going away is no news
        if (authenticated && heard) {
            listener.linkLost();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProcessHalt.haltIfFatal(cause, "the heartbeat link");
        if (!authenticated || !heard) {
            refuse(ctx, HeartbeatLink.describe(cause));
        } else {
            LOG.log(Level.DEBUG, "heartbeat link from {0} failed: {1}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
