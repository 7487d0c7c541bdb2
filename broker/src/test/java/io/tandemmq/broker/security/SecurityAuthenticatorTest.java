package io.tandemmq.broker.security;

import io.tandemmq.broker.store.StoreLocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandemmq.broker.store.DerbyDialect;
import io.tandemmq.broker.store.JdbcUserStore;
import io.tandemmq.protocol.DestinationKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authenticator on a real embedded store, with short refusal delays. */
class SecurityAuthenticatorTest {
    private static final long FIRST_DELAY = 200;
    @TempDir
    Path dir;
    private String url;
    private JdbcUserStore users;
    private Authenticator authenticator;

    @BeforeEach
    void open() {
        url = "jdbc:derby:" + dir.resolve("store").toAbsolutePath() + ";create=true";
        users = new JdbcUserStore(StoreLocation.of(url, null, null));
        users.ensureSchema();
        authenticator = new Authenticator(users, 2, FIRST_DELAY, 1_000, 60_000);
    }

    @AfterEach
    void close() {
        authenticator.close();
        DerbyDialect.INSTANCE.shutdown(url);
    }

    private void addBob() {
        users.addUser(new StoredUser("bob", PasswordHash.create("pw".toCharArray(), 1_000), Set.of("app")));
        users.grant(List.of(new Grant("app", Permission.SEND, DestinationPattern.parse("queue:orders"))));
    }

    private static String refusal(CompletableFuture<AccessCheck> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(LoginRefusedException.class, e.getCause()).getMessage();
    }

    @Test
    void withoutUsers_everyoneIsAllowedEverything() throws Exception {
        assertSame(AccessCheck.ALLOW_ALL, authenticator.authenticate(null, null, "h").get(10, TimeUnit.SECONDS));
        assertSame(AccessCheck.ALLOW_ALL, authenticator.authenticate("x", "y", "h").get(10, TimeUnit.SECONDS));
    }

    @Test
    void rightCredentials_getTheGrantsOfTheUsersRoles() throws Exception {
        addBob();
        AccessCheck bob = authenticator.authenticate("bob", "pw", "h").get(10, TimeUnit.SECONDS);
        assertEquals("bob", bob.principal());
        assertTrue(bob.allows(Permission.SEND, DestinationKind.QUEUE, "orders"));
        assertFalse(bob.allows(Permission.SEND, DestinationKind.QUEUE, "other"));
    }

    @Test
    void wrongPasswordAndUnknownUser_areRefusedWithTheSameMessage_afterAGrowingDelay() throws Exception {
        addBob();
        long start = System.nanoTime();
        CompletableFuture<AccessCheck> wrongPassword = authenticator.authenticate("bob", "nope", "10.1.1.1");
        assertFalse(wrongPassword.isDone(), "the caller must not wait for hashing or the delay");
        String first = refusal(wrongPassword);
        long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        start = System.nanoTime();
        String second = refusal(authenticator.authenticate("mallory", "pw", "10.1.1.1"));
        long secondMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(first, second);
        assertTrue(firstMillis >= FIRST_DELAY, "first refusal after " + firstMillis + " ms");
        assertTrue(secondMillis >= 2 * FIRST_DELAY, "second refusal after " + secondMillis + " ms");
    }

    @Test
    void aStoreThatCannotBeRead_givesATransientRefusal_notAVerdictOnTheCredentials() throws Exception {
        String missing = "jdbc:derby:" + dir.resolve("missing").toAbsolutePath();
        try (Authenticator cut = new Authenticator(new JdbcUserStore(StoreLocation.of(missing, null, null)), 1, FIRST_DELAY, 1_000, 60_000)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> cut.authenticate("bob", "pw", "h").get(10, TimeUnit.SECONDS));
            LoginRefusedException refused = assertInstanceOf(LoginRefusedException.class, e.getCause());
            assertTrue(refused.isTransient());
            assertTrue(refused.getMessage().contains("cannot read its users"), refused.getMessage());
        }
    }

    @Test
    void noCredentials_areRefusedUnlessAnonymousAccessIsOn_thenTheyGetTheGuestRole() throws Exception {
        addBob();
        assertTrue(refusal(authenticator.authenticate(null, null, "h")).contains("needs a user name and password"));
        users.setAnonymousAccess(true);
        users.grant(List.of(new Grant(Authenticator.GUEST_ROLE, Permission.RECEIVE, DestinationPattern.parse("topic:#"))));
        AccessCheck guest = authenticator.authenticate("", "", "h").get(10, TimeUnit.SECONDS);
        assertEquals(Authenticator.ANONYMOUS, guest.principal());
        assertTrue(guest.allows(Permission.RECEIVE, DestinationKind.TOPIC, "news"));
        assertFalse(guest.allows(Permission.SEND, DestinationKind.QUEUE, "orders"));
        refusal(authenticator.authenticate("bob", "wrong", "h"));
    }

    @Test
    void withTheCacheOn_aChangedPasswordOrARemovedUserCountsAtTheNextConnection() throws Exception {
        addBob();
        // another user, so that security stays on when bob goes
        users.addUser(new StoredUser("alice", PasswordHash.create("a".toCharArray(), 1_000), Set.of("app")));
        assertEquals("bob", authenticator.authenticate("bob", "pw", "h").get(10, TimeUnit.SECONDS).principal());
        assertEquals("bob", authenticator.authenticate("bob", "pw", "h").get(10, TimeUnit.SECONDS).principal(),
                "known from the cache");

        // a new password: the user removed and added again (the store's way to change one)
        users.removeUser("bob");
        users.addUser(new StoredUser("bob", PasswordHash.create("new".toCharArray(), 1_000), Set.of("app")));
        refusal(authenticator.authenticate("bob", "pw", "h2"));
        assertEquals("bob", authenticator.authenticate("bob", "new", "h3").get(10, TimeUnit.SECONDS).principal());

        users.removeUser("bob");
        refusal(authenticator.authenticate("bob", "new", "h4"));
    }
}
