package io.tandemmq.broker.store;

import io.tandemmq.broker.admin.Binding;
import io.tandemmq.broker.admin.BindingStore;
import io.tandemmq.protocol.BindingKind;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code TQ_BINDING} table (schema version 3): one row per JNDI name with its kind
 * ({@code queue}, {@code topic}, {@code connection-factory}) and target. A row whose kind this
 * broker does not know (written by a newer one) is skipped with a warning.
 */
public final class JdbcBindingStore implements BindingStore {
    private static final Logger LOG = System.getLogger(JdbcBindingStore.class.getName());
    private final ShortTransactions transactions;

    public JdbcBindingStore(StoreLocation location) {
        this.transactions = new ShortTransactions(location, "bindings");
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
        return transactions.write(what, work, StoreException::new);
    }

    private <T> T inTransaction(String what, ShortTransactions.Work<T> work) {
        return transactions.run(what, work, StoreException::new);
    }

    @Override
    public void bind(Binding b) {
        inWriteTransaction("bind '" + b.name() + "'", c -> {
            Optional<Binding> existing = read(c.prepareStatement("SELECT NAME, KIND, TARGET FROM TQ_BINDING WHERE NAME = ?"),
                    b.name()).stream().findFirst();
            if (existing.isPresent()) {
                throw new StoreException("the JNDI name '" + b.name() + "' is bound already (to "
                        + existing.get().kind().label() + " " + existing.get().target() + "); unbind it first");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO TQ_BINDING (NAME, KIND, TARGET) VALUES (?, ?, ?)")) {
                ps.setString(1, b.name());
                ps.setString(2, b.kind().label());
                ps.setString(3, b.target());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void unbind(String name) {
        inWriteTransaction("unbind '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM TQ_BINDING WHERE NAME = ?")) {
                ps.setString(1, name);
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("the JNDI name '" + name + "' is not bound");
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Binding> find(String name) {
        return inTransaction("look up '" + name + "'", c -> read(
                c.prepareStatement("SELECT NAME, KIND, TARGET FROM TQ_BINDING WHERE NAME = ?"), name).stream().findFirst());
    }

    @Override
    public List<Binding> list() {
        return inTransaction("list the bindings", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT NAME, KIND, TARGET FROM TQ_BINDING ORDER BY NAME")) {
                return rows(rs);
            }
        });
    }

    /** Runs and closes the statement with its one parameter. */
    private static List<Binding> read(PreparedStatement ps, String name) throws SQLException {
        try (ps) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rows(rs);
            }
        }
    }

    private static List<Binding> rows(ResultSet rs) throws SQLException {
        List<Binding> list = new ArrayList<>();
        while (rs.next()) {
            try {
                list.add(new Binding(rs.getString(1), BindingKind.parse(rs.getString(2)), rs.getString(3)));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "ignoring the binding ''{0}'' in the store: {1}", rs.getString(1), e.getMessage());
            }
        }
        return list;
    }
}
