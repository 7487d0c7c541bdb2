package io.tandemmq.broker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandemmq.broker.security.DestinationPattern;
import io.tandemmq.broker.security.Grant;
import io.tandemmq.broker.security.PasswordHash;
import io.tandemmq.broker.security.Permission;
import io.tandemmq.broker.security.SecurityStoreException;
import io.tandemmq.broker.security.StoredUser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security tables on embedded Derby: a new store, a store of schema version 1, and the user store's contract. */
class SecuritySchemaTest {
    @TempDir
    Path dir;
    private String url;

    private JdbcUserStore open() {
        url = "jdbc:derby:" + dir.resolve("store").toAbsolutePath() + ";create=true";
        JdbcUserStore users = new JdbcUserStore(StoreLocation.of(url, null, null));
        users.ensureSchema();
        return users;
    }

    @AfterEach
    void shutdown() {
        if (url != null) {
            DerbyDialect.INSTANCE.shutdown(url);
        }
    }

    @Test
    void aNewStore_hasNoUsers_andAnonymousAccessOff() {
        JdbcUserStore users = open();
        assertFalse(users.hasUsers());
        assertFalse(users.anonymousAccess());
    }

    @Test
    void aUser_isStoredWithItsHashAndRoles_neverThePassword() throws Exception {
        JdbcUserStore users = open();
        users.addUser(new StoredUser("ann", PasswordHash.create("pw-ann".toCharArray(), 1_000), Set.of("a", "b")));
        StoredUser ann = users.find("ann").orElseThrow();
        assertEquals(Set.of("a", "b"), ann.roles());
        assertTrue(ann.password().verify("pw-ann".toCharArray()));
        assertEquals(1_000, ann.password().iterations());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT PASSWORD_HASH, SALT FROM TQ_USER")) {
            assertTrue(rs.next());
            assertFalse(rs.getString(1).contains("pw-ann") || rs.getString(2).contains("pw-ann"));
        }
        assertTrue(users.find("nobody").isEmpty());
    }

    @Test
    void addingAUserTwice_failsAndKeepsTheFirst() {
        JdbcUserStore users = open();
        users.addUser(new StoredUser("ann", PasswordHash.create("one".toCharArray(), 1_000), Set.of("a")));
        SecurityStoreException e = assertThrows(SecurityStoreException.class,
                () -> users.addUser(new StoredUser("ann", PasswordHash.create("two".toCharArray(), 1_000), Set.of("z"))));
        assertEquals("user 'ann' exists already", e.getMessage());
        StoredUser ann = users.find("ann").orElseThrow();
        assertTrue(ann.password().verify("one".toCharArray()));
        assertEquals(Set.of("a"), ann.roles());
    }

    @Test
    void grants_areReadBackPerRole_andAGrantGivenTwiceIsKeptOnce() {
        JdbcUserStore users = open();
        Grant send = new Grant("app", Permission.SEND, DestinationPattern.parse("queue:orders.*"));
        Grant receive = new Grant("other", Permission.RECEIVE, DestinationPattern.parse("topic:#"));
        users.grant(List.of(send, receive));
        users.grant(List.of(send));
        assertEquals(List.of(send), users.grants(Set.of("app")));
        assertEquals(2, users.grants(Set.of("app", "other")).size());
        assertEquals(List.of(), users.grants(Set.of("none")));
    }

    @Test
    void anonymousAccess_canBeTurnedOnAndOff() {
        JdbcUserStore users = open();
        users.setAnonymousAccess(true);
        assertTrue(users.anonymousAccess());
        users.setAnonymousAccess(false);
        assertFalse(users.anonymousAccess());
    }

    @Test
    void aStoreOfSchemaVersion1_isUpgradedWithItsDataKept() throws Exception {
        open();
        // turn the new store back into what a version 1 broker made, with a destination in it
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE TQ_USER");
            s.executeUpdate("DROP TABLE TQ_USER_ROLE");
            s.executeUpdate("DROP TABLE TQ_ROLE_PERMISSION");
            s.executeUpdate("DROP TABLE TQ_BINDING");
            s.executeUpdate("DROP TABLE TQ_COMMIT_MARK");
            s.executeUpdate("DELETE FROM TQ_META WHERE NAME = 'anonymous-access'");
            s.executeUpdate("UPDATE TQ_META SET VAL = '1' WHERE NAME = 'schema'");
            s.executeUpdate("INSERT INTO TQ_DESTINATION (KIND, NAME) VALUES (0, 'kept')");
        }
        JdbcUserStore users = open();
        assertFalse(users.hasUsers());
        assertFalse(users.anonymousAccess());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT VAL FROM TQ_META WHERE NAME = 'schema'")) {
                assertTrue(rs.next());
                assertEquals(StoreSchema.VERSION, rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT NAME FROM TQ_DESTINATION")) {
                assertTrue(rs.next());
                assertEquals("kept", rs.getString(1));
            }
        }
    }

    @Test
    void aStoreOfANewerSchema_isRefused() throws Exception {
        open();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE TQ_META SET VAL = '99' WHERE NAME = 'schema'");
        }
        SecurityStoreException e = assertThrows(SecurityStoreException.class, this::open);
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }
}
