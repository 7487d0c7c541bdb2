package io.tandemmq.broker.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A group of message sends and acknowledgements written on PostgreSQL in one statement, on a
 * connection in auto-commit mode: the commit mark (with the epoch check), the new message rows
 * and the consumed marks are data-modifying {@code WITH} clauses of one {@code INSERT}, so the
 * database runs and commits the whole group in one round trip, where the general path needs three
 * (mark, rows, COMMIT). The rows and the consumed marks are written only when the mark was, so a
 * server that lost the lease commits nothing but an empty transaction.
 *
 * <p>The statement's outcome is the same as a transaction's: all or nothing. When the connection
 * breaks while it runs, the outcome is unknown exactly as for a cut-off COMMIT and is read from
 * the mark.
 */
final class OneTripGroup {
    /** Larger groups take the general path: each size is a statement of its own, prepared once per connection. */
    static final int MAX_ROWS = 16;

    private static final int COLUMNS = 11;

    /** The statement for this many new rows and consumed rows. */
    static String sql(int sent, int consumed) {
        StringBuilder sql = new StringBuilder("WITH MARK AS ("
                + " INSERT INTO TQ_COMMIT_MARK (SERVER_ID, SEQ, EPOCH) SELECT ?, ?, ?"
                + " WHERE ? OR EXISTS (SELECT 1 FROM TQ_LEASE WHERE ID = 1 AND OWNER = ? AND EPOCH = ? AND RELEASED = 0)"
                + " RETURNING 1)");
        if (sent > 0) {
            sql.append(", SENT AS (INSERT INTO TQ_MESSAGE (ID, QUEUE_KEY, MESSAGE_ID, PRIORITY, EXPIRATION, DELIVERY_TIME,"
                    + " DELIVERY_COUNT, HEADERS, BODY_LENGTH, BODY, TX_KEY) SELECT * FROM (VALUES ");
            String row = "(" + "?, ".repeat(COLUMNS - 1) + "?)";
            sql.append(String.join(", ", Collections.nCopies(sent, row)));
            sql.append(") AS V WHERE EXISTS (SELECT 1 FROM MARK) RETURNING 1)");
        }
        if (consumed > 0) {
            sql.append(", CONSUMED AS (UPDATE TQ_MESSAGE SET CONSUMED_AT = ? WHERE ID IN (")
                    .append(String.join(", ", Collections.nCopies(consumed, "?")))
                    .append(") AND EXISTS (SELECT 1 FROM MARK) RETURNING 1)");
        }
        return sql.append(" SELECT COUNT(*) FROM MARK").toString();
    }

    private OneTripGroup() {
    }

    /**
     * Whether the operations can go in the one statement: only sends ({@link StoreOperation.InsertMessage}),
     * acknowledgements ({@link StoreOperation.DeleteMessage}) and barriers, and no row both sent and
     * consumed in the group (the clauses of one statement do not see each other's rows).
     */
    static boolean fits(List<StoreOperation> operations) {
        Set<Long> sent = new HashSet<>();
        List<Long> consumed = new ArrayList<>();
        for (StoreOperation op : operations) {
            if (op instanceof StoreOperation.InsertMessage m) {
                sent.add(m.id());
            } else if (op instanceof StoreOperation.DeleteMessage d) {
                consumed.add(d.id());
            } else if (!(op instanceof StoreOperation.Barrier)) {
                return false;
            }
        }
        if (sent.size() > MAX_ROWS || consumed.size() > MAX_ROWS) {
            return false;
        }
        for (long id : consumed) {
            if (sent.contains(id)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the statement; the connection must be in auto-commit mode.
     *
     * @param leaseOwner the owner the lease must name at the mark's epoch; null when unfenced
     * @return false when the epoch check refused: nothing was written
     * @throws SQLException when the database refused the statement (nothing was written) or the
     *         connection broke while it ran (the outcome is unknown: read the mark)
     */
    static boolean write(StatementCache statements, CommitMark mark, String leaseOwner,
                         List<StoreOperation> operations) throws SQLException {
        List<StoreOperation.InsertMessage> sent = new ArrayList<>();
        List<Long> consumed = new ArrayList<>();
        for (StoreOperation op : operations) {
            if (op instanceof StoreOperation.InsertMessage m) {
                sent.add(m);
            } else if (op instanceof StoreOperation.DeleteMessage d) {
                consumed.add(d.id());
            }
        }
        PreparedStatement ps = statements.prepare(sql(sent.size(), consumed.size()));
        int i = 1;
        ps.setString(i++, mark.serverId());
        ps.setLong(i++, mark.seq());
        ps.setLong(i++, mark.epoch());
        ps.setBoolean(i++, leaseOwner == null);
        ps.setString(i++, leaseOwner == null ? "" : leaseOwner);
        ps.setLong(i++, mark.epoch());
        for (StoreOperation.InsertMessage m : sent) {
            i = bindRow(ps, i, m);
        }
        if (!consumed.isEmpty()) {
            ps.setLong(i++, System.currentTimeMillis());
            for (long id : consumed) {
                ps.setLong(i++, id);
            }
        }
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static int bindRow(PreparedStatement ps, int first, StoreOperation.InsertMessage m) throws SQLException {
        int i = first;
        ps.setLong(i++, m.id());
        ps.setString(i++, m.queueKey());
        ps.setString(i++, m.messageId());
        ps.setInt(i++, m.priority());
        ps.setLong(i++, m.expiration());
        ps.setLong(i++, m.deliveryTime());
        ps.setInt(i++, m.deliveryCount());
        bindBytes(ps, i++, m.headers());
        ps.setInt(i++, m.body() == null ? -1 : m.body().length);
        bindBytes(ps, i++, m.body());
        if (m.txKey() == null) {
            ps.setNull(i++, Types.VARCHAR);
        } else {
            ps.setString(i++, m.txKey());
        }
        return i;
    }

    private static void bindBytes(PreparedStatement ps, int index, byte[] value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARBINARY);
        } else {
            ps.setBytes(index, value);
        }
    }
}
