package io.tandemmq.broker.config;

import java.util.Arrays;

/**
 * The secret both servers of a pair share, read from {@code --peer-secret-file}: the heartbeat
 * link proves it (HMAC challenge and response) without sending it. Immutable; never printed.
 */
public final class PeerSecret {
    /** Shorter secrets could be guessed from a recorded challenge and response. */
    public static final int MIN_LENGTH = 16;

    private final byte[] bytes;

    public PeerSecret(byte[] bytes) {
        if (bytes.length < MIN_LENGTH) {
            throw new IllegalArgumentException("a peer secret has at least " + MIN_LENGTH + " bytes");
        }
        this.bytes = bytes.clone();
    }

    /** A copy of the secret's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerSecret p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "PeerSecret[***]";
    }
}
