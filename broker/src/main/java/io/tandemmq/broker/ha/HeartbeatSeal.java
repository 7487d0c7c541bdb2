package io.tandemmq.broker.ha;

import io.tandemmq.protocol.MalformedFrameException;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Signs and checks the heartbeats of one authenticated link connection: each carries a sequence
 * number (the frame's correlation id) and {@code HMAC(key, seq | heartbeat)} after the heartbeat.
 * A heartbeat with a wrong MAC, or a sequence number not above the last one (a replay), is refused.
 * One instance per connection end; not thread-safe (each end uses it on its event loop).
 */
final class HeartbeatSeal {
    private final byte[] key;
    private long sequence;

    HeartbeatSeal(byte[] key) {
        this.key = key;
    }

    /** The next sequence number to send. */
    long next() {
        return ++sequence;
    }

    /** The heartbeat's bytes followed by their MAC. */
    byte[] seal(long seq, byte[] heartbeat) {
        byte[] mac = PeerChallenge.mac(key, "heartbeat", seqBytes(seq), heartbeat);
        byte[] out = Arrays.copyOf(heartbeat, heartbeat.length + mac.length);
        System.arraycopy(mac, 0, out, heartbeat.length, mac.length);
        return out;
    }

    /**
     * @return the heartbeat's bytes without the MAC
     * @throws MalformedFrameException when the MAC is wrong or the sequence number was seen before
     */
    byte[] open(long seq, byte[] sealed) {
        if (sealed.length < PeerChallenge.MAC_BYTES) {
            throw new MalformedFrameException("heartbeat without its MAC");
        }
        byte[] heartbeat = Arrays.copyOf(sealed, sealed.length - PeerChallenge.MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(sealed, heartbeat.length, sealed.length);
        if (!PeerChallenge.same(PeerChallenge.mac(key, "heartbeat", seqBytes(seq), heartbeat), mac)) {
            throw new MalformedFrameException("heartbeat with a wrong MAC");
        }
        if (seq <= sequence) {
            throw new MalformedFrameException("heartbeat " + seq + " replayed (last was " + sequence + ")");
        }
        sequence = seq;
        return heartbeat;
    }

    private static byte[] seqBytes(long seq) {
        return ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
    }
}
