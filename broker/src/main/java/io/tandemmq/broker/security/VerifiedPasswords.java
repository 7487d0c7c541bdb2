package io.tandemmq.broker.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Passwords that passed the slow check a moment ago, so that an application opening a connection
 * per message does not pay the 210,000-iteration hash each time. What is remembered per user is a
 * keyed digest (HMAC-SHA256 with a key that lives only in this process) of the password, together
 * with the stored hash it was checked against. The user is still read from the store at every
 * handshake: a removed user is not found, and a changed password is another stored hash, so either
 * counts at the next connection, as do grant changes (read fresh too). An entry expires after the
 * configured time; 0 turns the cache off. Thread-safe.
 */
final class VerifiedPasswords {
    /** More users than this in the time window: start again rather than grow without bound. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(PasswordHash checkedAgainst, byte[] digest, long expiresAtMillis) { }

    private final long keepMillis;
    private final LongSupplier clock;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    VerifiedPasswords(long keepMillis, LongSupplier clock) {
        this.keepMillis = keepMillis;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Whether {@code password} is what {@code user}'s stored hash accepted within the keep time. */
    boolean knows(StoredUser user, char[] password) {
        if (keepMillis <= 0) {
            return false;
        }
        Entry e = entries.get(user.name());
        if (e == null || clock.getAsLong() >= e.expiresAtMillis() || !e.checkedAgainst().equals(user.password())) {
            return false;
        }
        return MessageDigest.isEqual(e.digest(), digest(user.password(), password));
    }

    /** Records that {@code password} passed the slow check against {@code user}'s stored hash. */
    void remember(StoredUser user, char[] password) {
        if (keepMillis <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(user.name(), new Entry(user.password(), digest(user.password(), password),
                clock.getAsLong() + keepMillis));
    }

    /** HMAC over the stored hash's salt and the password: equal passwords give equal digests for that hash only. */
    private byte[] digest(PasswordHash against, char[] password) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(against.salt());
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
