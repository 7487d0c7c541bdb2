package io.tandemmq.broker.monitoring;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConsoleSessionsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ConsoleSessions sessions = new ConsoleSessions(100, now::get);

    @Test
    void aToken_namesItsUser_untilIdleLongerThanAllowed() {
        String token = sessions.open("ops");
        now.addAndGet(90);
        assertEquals("ops", sessions.user(token));
        now.addAndGet(90);
        assertEquals("ops", sessions.user(token), "each use keeps it alive");
        now.addAndGet(101);
        assertNull(sessions.user(token));
    }

    @Test
    void unknownOrClosedTokens_nameNobody() {
        assertNull(sessions.user(null));
        assertNull(sessions.user("made-up"));
        String token = sessions.open("ops");
        sessions.close(token);
        assertNull(sessions.user(token));
    }

    @Test
    void tokens_areDifferentEachTime() {
        assertNotEquals(sessions.open("ops"), sessions.open("ops"));
    }
}
