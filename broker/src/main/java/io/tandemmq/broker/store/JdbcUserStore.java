package io.tandemmq.broker.store;

import io.tandemmq.broker.security.DestinationPattern;
import io.tandemmq.broker.security.Grant;
import io.tandemmq.broker.security.PasswordHash;
import io.tandemmq.broker.security.Permission;
import io.tandemmq.broker.security.SecurityStoreException;
import io.tandemmq.broker.security.StoredUser;
import io.tandemmq.broker.security.UserStore;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The security tables ({@code TQ_USER}, {@code TQ_USER_ROLE}, {@code TQ_ROLE_PERMISSION} and the
 * {@code anonymous-access} row of {@code TQ_META}) on a JDBC database. Each call uses its own
 * connection and transaction, so calls from several threads do not interfere. A grant row that no
 * longer parses (written by a newer broker) is skipped with a warning rather than failing logins.
 */
public final class JdbcUserStore implements UserStore {
    private static final Logger LOG = System.getLogger(JdbcUserStore.class.getName());

    private final ShortTransactions transactions;

    public JdbcUserStore(StoreLocation location) {
        this.transactions = new ShortTransactions(location, "users");
    }

    /** Closes the connections kept between calls (the broker stops). */
    public void closeConnections() {
        transactions.closeIdle();
    }

    /** Every write of a broker runs the guard first (its epoch fence while active); offline commands write unfenced. */
    public void fenceWith(WriteGuard guard) {
        transactions.fenceWith(guard);
    }

    private <T> T inWriteTransaction(String what, ShortTransactions.Work<T> work) {
        return transactions.write(what, work, SecurityStoreException::new);
    }

    private <T> T inTransaction(String what, ShortTransactions.Work<T> work) {
        return transactions.run(what, work, SecurityStoreException::new);
    }

    /**
     * Creates or upgrades the schema, for the offline commands that may run before any broker.
     *
     * @throws SecurityStoreException when the store cannot be reached or has a schema this broker does not know
     */
    public void ensureSchema() {
        try {
            inTransaction("create the store schema", c -> {
                StoreSchema.ensure(c, transactions.location().dialect(), transactions.url());
                return null;
            });
        } catch (StoreException e) {
            throw new SecurityStoreException(e.getMessage(), e);
        }
    }

    @Override
    public boolean hasUsers() {
        return inTransaction("read the users", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM TQ_USER")) {
                return rs.next() && rs.getLong(1) > 0;
            }
        });
    }

    @Override
    public Optional<StoredUser> find(String name) {
        return inTransaction("read user '" + name + "'", c -> {
            PasswordHash hash;
            try (PreparedStatement ps = c.prepareStatement("SELECT ITERATIONS, SALT, PASSWORD_HASH FROM TQ_USER WHERE NAME = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    hash = PasswordHash.fromText(rs.getInt(1), rs.getString(2), rs.getString(3));
                }
            }
            Set<String> roles = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ROLE_NAME FROM TQ_USER_ROLE WHERE USER_NAME = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        roles.add(rs.getString(1));
                    }
                }
            }
            return Optional.of(new StoredUser(name, hash, roles));
        });
    }

    @Override
    public boolean anonymousAccess() {
        return inTransaction("read the anonymous-access setting", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT VAL FROM TQ_META WHERE NAME = 'anonymous-access'")) {
                return rs.next() && "true".equals(rs.getString(1));
            }
        });
    }

    @Override
    public List<Grant> grants(Set<String> roles) {
        return inTransaction("read the grants", c -> {
            List<Grant> grants = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT PERMISSION, PATTERN FROM TQ_ROLE_PERMISSION WHERE ROLE_NAME = ?")) {
                for (String role : roles) {
                    ps.setString(1, role);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            addGrant(grants, role, rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
            return grants;
        });
    }

    private static void addGrant(List<Grant> grants, String role, String permission, String pattern) {
        try {
            grants.add(new Grant(role, Permission.parse(permission), DestinationPattern.parse(pattern)));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring a grant of role ''{0}'' in the store: {1}", role, e.getMessage());
        }
    }

    @Override
    public void addUser(StoredUser u) {
        inWriteTransaction("add user '" + u.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM TQ_USER WHERE NAME = ?")) {
                ps.setString(1, u.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new SecurityStoreException("user '" + u.name() + "' exists already");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO TQ_USER (NAME, PASSWORD_HASH, SALT, ITERATIONS) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, u.name());
                ps.setString(2, u.password().hashText());
                ps.setString(3, u.password().saltText());
                ps.setInt(4, u.password().iterations());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO TQ_USER_ROLE (USER_NAME, ROLE_NAME) VALUES (?, ?)")) {
                for (String role : u.roles()) {
                    ps.setString(1, u.name());
                    ps.setString(2, role);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void grant(List<Grant> grants) {
        inWriteTransaction("store the grants", c -> {
            try (PreparedStatement exists = c.prepareStatement(
                    "SELECT 1 FROM TQ_ROLE_PERMISSION WHERE ROLE_NAME = ? AND PERMISSION = ? AND PATTERN = ?");
                 PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO TQ_ROLE_PERMISSION (ROLE_NAME, PERMISSION, PATTERN) VALUES (?, ?, ?)")) {
                for (Grant g : grants) {
                    for (PreparedStatement ps : List.of(exists, insert)) {
                        ps.setString(1, g.role());
                        ps.setString(2, g.permission().label());
                        ps.setString(3, g.pattern().toString());
                    }
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void removeUser(String name) {
        inWriteTransaction("remove user '" + name + "'", c -> {
            try (PreparedStatement roles = c.prepareStatement("DELETE FROM TQ_USER_ROLE WHERE USER_NAME = ?");
                 PreparedStatement user = c.prepareStatement("DELETE FROM TQ_USER WHERE NAME = ?")) {
                roles.setString(1, name);
                roles.executeUpdate();
                user.setString(1, name);
                if (user.executeUpdate() != 1) {
                    throw new SecurityStoreException("there is no user '" + name + "'");
                }
            }
            return null;
        });
    }

    @Override
    public void setPassword(String name, PasswordHash password) {
        inWriteTransaction("change the password of user '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE TQ_USER SET PASSWORD_HASH = ?, SALT = ?, ITERATIONS = ? WHERE NAME = ?")) {
                ps.setString(1, password.hashText());
                ps.setString(2, password.saltText());
                ps.setInt(3, password.iterations());
                ps.setString(4, name);
                if (ps.executeUpdate() != 1) {
                    throw new SecurityStoreException("there is no user '" + name + "'");
                }
            }
            return null;
        });
    }

    @Override
    public List<StoredUser> users() {
        return inTransaction("list the users", c -> {
            List<StoredUser> users = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT NAME, ITERATIONS, SALT, PASSWORD_HASH FROM TQ_USER ORDER BY NAME");
                 PreparedStatement roles = c.prepareStatement(
                         "SELECT ROLE_NAME FROM TQ_USER_ROLE WHERE USER_NAME = ? ORDER BY ROLE_NAME")) {
                while (rs.next()) {
                    Set<String> names = new LinkedHashSet<>();
                    roles.setString(1, rs.getString(1));
                    try (ResultSet r = roles.executeQuery()) {
                        while (r.next()) {
                            names.add(r.getString(1));
                        }
                    }
                    users.add(new StoredUser(rs.getString(1),
                            PasswordHash.fromText(rs.getInt(2), rs.getString(3), rs.getString(4)), names));
                }
            }
            return users;
        });
    }

    @Override
    public void revoke(List<Grant> grants) {
        inWriteTransaction("remove the grants", c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM TQ_ROLE_PERMISSION WHERE ROLE_NAME = ? AND PERMISSION = ? AND PATTERN = ?")) {
                for (Grant g : grants) {
                    delete.setString(1, g.role());
                    delete.setString(2, g.permission().label());
                    delete.setString(3, g.pattern().toString());
                    if (delete.executeUpdate() != 1) {
                        throw new SecurityStoreException("role '" + g.role() + "' has no '" + g.permission().label()
                                + "' grant on " + g.pattern());
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void setAnonymousAccess(boolean allowed) {
        inWriteTransaction("change the anonymous-access setting", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE TQ_META SET VAL = ? WHERE NAME = 'anonymous-access'")) {
                ps.setString(1, Boolean.toString(allowed));
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("the store has no anonymous-access row");
                }
            }
            return null;
        });
    }
}
