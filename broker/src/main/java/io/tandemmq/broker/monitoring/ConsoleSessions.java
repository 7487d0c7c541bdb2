package io.tandemmq.broker.monitoring;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Who logged in to the console: a random token in a cookie stands for a user whose password was
 * checked once, so that the page's polling does not check it every second. A token unused for
 * {@code idleMillis} is forgotten; tokens live in this server's memory only (a takeover asks the
 * user to log in on the other server).
 */
final class ConsoleSessions {
    static final String COOKIE = "tandem_console";
    private static final int MAX_SESSIONS = 1000;

    private record Session(String user, long lastUsedMillis) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final long idleMillis;
    private final LongSupplier clock;

    ConsoleSessions(long idleMillis, LongSupplier clock) {
        this.idleMillis = idleMillis;
        this.clock = clock;
    }

    /** @return the new session's token */
    String open(String user) {
        forgetIdle();
        if (sessions.size() >= MAX_SESSIONS) {
            // many logins never used again: drop an arbitrary one rather than grow without bound
            Iterator<String> it = sessions.keySet().iterator();
            it.next();
            it.remove();
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(user == null ? "" : user, clock.getAsLong()));
        return token;
    }

    /** @return the session's user ("" when security was off at login), or null for an unknown or idle token */
    String user(String token) {
        if (token == null) {
            return null;
        }
        Session s = sessions.get(token);
        long now = clock.getAsLong();
        if (s == null || now - s.lastUsedMillis() > idleMillis) {
            sessions.remove(token);
            return null;
        }
        sessions.put(token, new Session(s.user(), now));
        return s.user();
    }

    void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    private void forgetIdle() {
        long now = clock.getAsLong();
        sessions.values().removeIf(s -> now - s.lastUsedMillis() > idleMillis);
    }
}
