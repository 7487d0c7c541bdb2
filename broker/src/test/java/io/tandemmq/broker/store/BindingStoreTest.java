package io.tandemmq.broker.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandemmq.broker.admin.Binding;
import io.tandemmq.broker.security.DestinationPattern;
import io.tandemmq.broker.security.Grant;
import io.tandemmq.broker.security.PasswordHash;
import io.tandemmq.broker.security.Permission;
import io.tandemmq.broker.security.SecurityStoreException;
import io.tandemmq.broker.security.StoredUser;
import io.tandemmq.protocol.BindingKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema version 3 on embedded Derby: JNDI bindings, upgrade from version 2, and removing users and grants. */
class BindingStoreTest {
    @TempDir
    Path dir;
    private String url;

    private JdbcBindingStore open() {
        url = "jdbc:derby:" + dir.resolve("store").toAbsolutePath() + ";create=true";
        new JdbcUserStore(StoreLocation.of(url, null, null)).ensureSchema();
        return new JdbcBindingStore(StoreLocation.of(url, null, null));
    }

    @AfterEach
    void shutdown() {
        if (url != null) {
            DerbyDialect.INSTANCE.shutdown(url);
        }
    }

    @Test
    void bindings_areStoredAndListedByName() {
        JdbcBindingStore store = open();
        Binding cf = Binding.of("jms/cf", BindingKind.CONNECTION_FACTORY, "tandem://a:1,b:2?clientID=x");
        Binding q = Binding.of("jms/orders", BindingKind.QUEUE, "orders");
        store.bind(q);
        store.bind(cf);
        assertEquals(List.of(cf, q), store.list());
        assertEquals(Optional.of(q), store.find("jms/orders"));
        assertEquals(Optional.empty(), store.find("jms/none"));
    }

    @Test
    void bindingANameTwice_failsAndKeepsTheFirst() {
        JdbcBindingStore store = open();
        Binding first = Binding.of("jms/x", BindingKind.QUEUE, "one");
        store.bind(first);
        StoreException e = assertThrows(StoreException.class, () -> store.bind(Binding.of("jms/x", BindingKind.TOPIC, "two")));
        assertTrue(e.getMessage().contains("'jms/x' is bound already"), e.getMessage());
        assertEquals(List.of(first), store.list());
    }

    @Test
    void unbindingANameThatIsNotBound_fails() {
        JdbcBindingStore store = open();
        store.bind(Binding.of("jms/x", BindingKind.QUEUE, "one"));
        store.unbind("jms/x");
        StoreException e = assertThrows(StoreException.class, () -> store.unbind("jms/x"));
        assertTrue(e.getMessage().contains("is not bound"), e.getMessage());
    }

    @Test
    void aBindingThatDoesNotParse_isRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> Binding.of("", BindingKind.QUEUE, "q"));
        assertThrows(IllegalArgumentException.class, () -> Binding.of("n", BindingKind.QUEUE, "a*b"));
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> Binding.of("n", BindingKind.CONNECTION_FACTORY, "tcp://h:1"));
        assertTrue(url.getMessage().contains("tandem://"), url.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Binding.of("n", BindingKind.CONNECTION_FACTORY, "tandem://h"));
    }

    @Test
    void aStoreOfSchemaVersion2_isUpgradedWithItsUsersKept() throws Exception {
        open();
        JdbcUserStore users = new JdbcUserStore(StoreLocation.of(url, null, null));
        users.addUser(new StoredUser("ann", PasswordHash.create("pw".toCharArray(), 1_000), Set.of("a")));
        users.setAnonymousAccess(true);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE TQ_BINDING");
            s.executeUpdate("DROP TABLE TQ_COMMIT_MARK");
            s.executeUpdate("UPDATE TQ_META SET VAL = '2' WHERE NAME = 'schema'");
        }
        JdbcBindingStore store = open();
        assertEquals(List.of(), store.list());
        assertTrue(users.find("ann").isPresent());
        assertTrue(users.anonymousAccess(), "the upgrade from 2 keeps the anonymous-access setting");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VAL FROM TQ_META WHERE NAME = 'schema'")) {
            assertTrue(rs.next());
            assertEquals(StoreSchema.VERSION, rs.getString(1));
        }
    }

    @Test
    void removingAUser_deletesItsRoles_andRemovingAnUnknownUserFails() {
        open();
        JdbcUserStore users = new JdbcUserStore(StoreLocation.of(url, null, null));
        users.addUser(new StoredUser("ann", PasswordHash.create("pw".toCharArray(), 1_000), Set.of("a", "b")));
        users.addUser(new StoredUser("bob", PasswordHash.create("pw".toCharArray(), 1_000), Set.of("b")));
        users.removeUser("ann");
        assertEquals(List.of("bob"), users.users().stream().map(StoredUser::name).toList());
        SecurityStoreException e = assertThrows(SecurityStoreException.class, () -> users.removeUser("ann"));
        assertEquals("there is no user 'ann'", e.getMessage());
        users.addUser(new StoredUser("ann", PasswordHash.create("pw".toCharArray(), 1_000), Set.of("c")));
        assertEquals(Set.of("c"), users.find("ann").orElseThrow().roles());
    }

    @Test
    void revokingGrants_isAllOrNothing() {
        open();
        JdbcUserStore users = new JdbcUserStore(StoreLocation.of(url, null, null));
        Grant send = new Grant("app", Permission.SEND, DestinationPattern.parse("queue:orders"));
        Grant receive = new Grant("app", Permission.RECEIVE, DestinationPattern.parse("queue:orders"));
        users.grant(List.of(send));
        SecurityStoreException e = assertThrows(SecurityStoreException.class, () -> users.revoke(List.of(send, receive)));
        assertTrue(e.getMessage().contains("no 'receive' grant on queue:orders"), e.getMessage());
        assertEquals(List.of(send), users.grants(Set.of("app")));
        users.revoke(List.of(send));
        assertEquals(List.of(), users.grants(Set.of("app")));
    }
}
