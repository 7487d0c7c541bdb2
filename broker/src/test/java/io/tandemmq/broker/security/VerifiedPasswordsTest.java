package io.tandemmq.broker.security;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedPasswordsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedPasswords verified = new VerifiedPasswords(60_000, now::get);
    private final StoredUser bob = new StoredUser("bob", PasswordHash.create("pw".toCharArray(), 1_000), Set.of("app"));

    @Test
    void aRememberedPassword_isKnown_anotherIsNot() {
        assertFalse(verified.knows(bob, "pw".toCharArray()), "nothing before the slow check");
        verified.remember(bob, "pw".toCharArray());
        assertTrue(verified.knows(bob, "pw".toCharArray()));
        assertFalse(verified.knows(bob, "pW".toCharArray()));
        assertFalse(verified.knows(bob, new char[0]));
    }

    @Test
    void aNewStoredHash_forgetsThePassword_evenTheSameOne() {
        verified.remember(bob, "pw".toCharArray());
        StoredUser again = new StoredUser("bob", PasswordHash.create("pw".toCharArray(), 1_000), Set.of("app"));
        assertFalse(verified.knows(again, "pw".toCharArray()), "another salt: checked slowly once more");
    }

    @Test
    void anEntry_expiresAfterTheKeepTime() {
        verified.remember(bob, "pw".toCharArray());
        now.addAndGet(59_999);
        assertTrue(verified.knows(bob, "pw".toCharArray()));
        now.addAndGet(1);
        assertFalse(verified.knows(bob, "pw".toCharArray()));
    }

    @Test
    void keepTimeZero_turnsTheCacheOff() {
        VerifiedPasswords off = new VerifiedPasswords(0, now::get);
        off.remember(bob, "pw".toCharArray());
        assertFalse(off.knows(bob, "pw".toCharArray()));
    }
}
