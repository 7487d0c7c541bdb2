package io.tandemmq.broker.ha;

import io.netty.channel.Channel;
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
import java.util.function.Consumer;

/**
 * The connecting end of one heartbeat-link connection: with a shared secret it answers the
 * partner's challenge, checks that the partner knows the secret too, and only then sends (sealed)
 * heartbeats. A partner that fails, or that asks for a secret this server lacks, is given up:
 * the connection is closed and the link reconnects at the next beat. One instance per connection,
 * used on the link's single event loop only.
 */
final class HeartbeatSender extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = System.getLogger(HeartbeatLink.class.getName());

    private final PeerChallenge challenge;
    private final Consumer<String> problems;
    private final byte[] nonce = PeerChallenge.nonce();
    private byte[] theirs;
    private boolean ready;
    private HeartbeatSeal seal;
    private Channel channel;
    /** Set when this side gave up the connection: frames decoded after that are dropped. */
    private boolean given;

    /**
     * @param challenge the shared secret's handshake, or null when the link has no secret
     * @param problems told why a connection was given up, and null once one works
     */
    HeartbeatSender(PeerChallenge challenge, Consumer<String> problems) {
        this.challenge = challenge;
        this.problems = problems;
        this.ready = challenge == null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        if (challenge != null) {
            ctx.executor().schedule(() -> {
                if (!ready && ctx.channel().isActive()) {
                    give(ctx, "it did not ask for the shared secret within " + HeartbeatLink.AUTHENTICATION_TIMEOUT_MILLIS
                            + " ms (give it --peer-secret-file too)");
                }
            }, HeartbeatLink.AUTHENTICATION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    boolean isActive() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Sends the heartbeat, or nothing while the partner has not proved the secret yet. */
    void send(Heartbeat heartbeat) {
        if (!ready) {
            return;
        }
        if (seal == null) {
            channel.writeAndFlush(Frame.oneWay(FrameType.HEARTBEAT, heartbeat), channel.voidPromise());
        } else {
            long seq = seal.next();
            channel.writeAndFlush(Frame.of(FrameType.HEARTBEAT, seq, seal.seal(seq, heartbeat.encode())),
                    channel.voidPromise());
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (given) {
            return;
        }
        try {
            if (challenge == null) {
                give(ctx, "it sent " + frame.type() + "; it asks for a shared secret this server does not have"
                        + " (give both servers the same --peer-secret-file)");
            } else if (frame.type() == FrameType.PEER_CHALLENGE && theirs == null) {
                WireReader in = frame.reader();
                theirs = in.readBytes();
                in.expectEnd();
                ctx.writeAndFlush(Frame.of(FrameType.PEER_PROOF, 0, new WireWriter().writeBytes(nonce)
                        .writeBytes(challenge.proof(theirs, nonce)).toByteArray()));
            } else if (frame.type() == FrameType.PEER_ACCEPT && theirs != null && !ready) {
                accept(ctx, frame);
            } else {
                give(ctx, "unexpected " + frame.type());
            }
        } catch (MalformedFrameException e) {
            give(ctx, "malformed " + frame.type() + ": " + e.getMessage());
        }
    }

    private void accept(ChannelHandlerContext ctx, Frame frame) {
        WireReader in = frame.reader();
        byte[] acceptance = in.readBytes();
        in.expectEnd();
        if (!PeerChallenge.same(challenge.acceptance(theirs, nonce), acceptance)) {
            give(ctx, "it does not know the shared secret (a stranger on the partner's port?)");
            return;
        }
        seal = challenge.seal(theirs, nonce);
        ready = true;
        problems.accept(null);
        LOG.log(Level.INFO, "heartbeat link to {0}: the partner proved the shared secret", ctx.channel().remoteAddress());
    }

    private void give(ChannelHandlerContext ctx, String why) {
        given = true;
        ready = false;
        problems.accept(why);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProcessHalt.haltIfFatal(cause, "the heartbeat link");
        give(ctx, HeartbeatLink.describe(cause));
    }

    void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
