package io.tandemmq.broker.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    /** Fewer iterations than in production keep the tests quick; the algorithm is the same. */
    private static final int ITERATIONS = 1_000;

    @Test
    void theRightPassword_verifies() {
        PasswordHash h = PasswordHash.create("s3cret".toCharArray(), ITERATIONS);
        assertTrue(h.verify("s3cret".toCharArray()));
    }

    @Test
    void aWrongPassword_doesNotVerify() {
        PasswordHash h = PasswordHash.create("s3cret".toCharArray(), ITERATIONS);
        assertFalse(h.verify("s3cret ".toCharArray()));
        assertFalse(h.verify("S3cret".toCharArray()));
        assertFalse(h.verify(new char[0]));
    }

    @Test
    void theSamePasswordTwice_getsDifferentSaltsAndHashes() {
        PasswordHash a = PasswordHash.create("same".toCharArray(), ITERATIONS);
        PasswordHash b = PasswordHash.create("same".toCharArray(), ITERATIONS);
        assertNotEquals(a.saltText(), b.saltText());
        assertNotEquals(a.hashText(), b.hashText());
        assertEquals(PasswordHash.SALT_BYTES, a.salt().length);
    }

    @Test
    void newHashes_useTheDefaultIterationCount() {
        PasswordHash h = PasswordHash.create("pw".toCharArray());
        assertEquals(PasswordHash.DEFAULT_ITERATIONS, h.iterations());
        assertTrue(h.verify("pw".toCharArray()));
    }

    @Test
    void storedText_readsBackToAHashThatStillVerifies() {
        PasswordHash h = PasswordHash.create("round trip".toCharArray(), ITERATIONS);
        PasswordHash back = PasswordHash.fromText(h.iterations(), h.saltText(), h.hashText());
        assertEquals(h, back);
        assertTrue(back.verify("round trip".toCharArray()));
    }

    @Test
    void theIterationCount_isPartOfTheHash() {
        PasswordHash h = PasswordHash.create("pw".toCharArray(), ITERATIONS);
        PasswordHash otherCount = PasswordHash.fromText(ITERATIONS + 1, h.saltText(), h.hashText());
        assertFalse(otherCount.verify("pw".toCharArray()));
    }

    @Test
    void toString_showsNeitherHashNorSalt() {
        PasswordHash h = PasswordHash.create("pw".toCharArray(), ITERATIONS);
        assertFalse(h.toString().contains(h.hashText()));
        assertFalse(h.toString().contains(h.saltText()));
    }

    @Test
    void aHashWithoutIterations_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash(0, new byte[16], new byte[32]));
    }
}
