package io.tandemmq.broker.ha;

import io.tandemmq.broker.config.PeerSecret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The shared-secret handshake of the heartbeat link, HMAC-SHA256 over fresh random numbers, so
 * that the secret never travels and an old exchange cannot be replayed:
 *
 * <ol>
 *   <li>the accepting server sends {@code PEER_CHALLENGE} with its nonce {@code a};</li>
 *   <li>the connecting server answers {@code PEER_PROOF} with its nonce {@code c} and
 *       {@code HMAC(secret, "proof" | a | c)};</li>
 *   <li>the accepting server checks it and answers {@code PEER_ACCEPT} with
 *       {@code HMAC(secret, "accept" | a | c)}, which the connecting server checks in turn.</li>
 * </ol>
 *
 * Then heartbeats on that connection are sealed with a key derived from both nonces
 * ({@link HeartbeatSeal}), so that nobody who lacks the secret can inject or replay one either.
 */
final class PeerChallenge {
    static final int NONCE_BYTES = 32;
    static final int MAC_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;

    PeerChallenge(PeerSecret secret) {
        this.secret = secret.bytes();
    }

    static byte[] nonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    /** What the connecting server sends to prove it knows the secret. */
    byte[] proof(byte[] acceptorNonce, byte[] connectorNonce) {
        return mac(secret, "tandem-peer-proof", acceptorNonce, connectorNonce);
    }

    /** What the accepting server sends back to prove it knows the secret too. */
    byte[] acceptance(byte[] acceptorNonce, byte[] connectorNonce) {
        return mac(secret, "tandem-peer-accept", acceptorNonce, connectorNonce);
    }

    /** The seal of the heartbeats on the connection with these nonces. */
    HeartbeatSeal seal(byte[] acceptorNonce, byte[] connectorNonce) {
        return new HeartbeatSeal(mac(secret, "tandem-peer-heartbeats", acceptorNonce, connectorNonce));
    }

    /** Compares in constant time, so that the time of a refusal tells nothing about the secret. */
    static boolean same(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }

    static byte[] mac(byte[] key, String purpose, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update(purpose.getBytes(StandardCharsets.US_ASCII));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is in every JDK
            throw new IllegalStateException(e);
        }
    }
}
