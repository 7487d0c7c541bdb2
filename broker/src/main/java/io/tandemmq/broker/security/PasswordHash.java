package io.tandemmq.broker.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A salted PBKDF2 ({@code PBKDF2WithHmacSHA256}) hash of a password, as kept in the store; the
 * password itself is never kept. Immutable. Hashing and verifying take on purpose a noticeable
 * time (the iteration count): never call them on a Netty event loop or the broker's core thread.
 *
 * @param iterations PBKDF2 iteration count the hash was made with
 * @param salt random salt, {@value #SALT_BYTES} bytes for new hashes
 * @param hash derived key, {@value #HASH_BYTES} bytes
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    /** Iterations for new hashes (OWASP's recommendation for PBKDF2-HMAC-SHA256 in 2023). */
    public static final int DEFAULT_ITERATIONS = 210_000;
    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** @throws IllegalArgumentException when the iteration count is not positive or salt or hash is empty */
    public PasswordHash {
        if (iterations < 1 || salt.length == 0 || hash.length == 0) {
            throw new IllegalArgumentException("a password hash needs iterations > 0, a salt and a hash");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** Hashes a new password with a fresh random salt and {@link #DEFAULT_ITERATIONS}. */
    public static PasswordHash create(char[] password) {
        return create(password, DEFAULT_ITERATIONS);
    }

    /** Hashes a new password with a fresh random salt. */
    public static PasswordHash create(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Whether the password is the one this hash was made from; compares in constant time. */
    public boolean verify(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // every Java 17 runtime has this algorithm; without it no password can be checked at all
            throw new IllegalStateException(ALGORITHM + " is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Base64 text of the salt, as stored. */
    public String saltText() {
        return Base64.getEncoder().encodeToString(salt);
    }

    /** Base64 text of the hash, as stored. */
    public String hashText() {
        return Base64.getEncoder().encodeToString(hash);
    }

    /**
     * Reads the stored columns back.
     *
     * @throws IllegalArgumentException when the text is not Base64 or the values are invalid
     */
    public static PasswordHash fromText(int iterations, String saltText, String hashText) {
        return new PasswordHash(iterations, Base64.getDecoder().decode(saltText), Base64.getDecoder().decode(hashText));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && p.iterations == iterations && Arrays.equals(p.salt, salt)
                && Arrays.equals(p.hash, hash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * iterations + Arrays.hashCode(salt)) + Arrays.hashCode(hash);
    }

    /** Never shows the hash or the salt. */
    @Override
    public String toString() {
        return "PasswordHash[pbkdf2-sha256, " + iterations + " iterations]";
    }
}
