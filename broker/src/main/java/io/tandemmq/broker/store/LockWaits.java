package io.tandemmq.broker.store;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/** Telling a lock wait that timed out (or was cancelled by a query timeout) from other failures, on every dialect. */
public final class LockWaits {

    private LockWaits() {
    }

    /**
     * Derby: XCL52 cancelled, 40XL1 lock timeout, X0X02 a LOCK TABLE that timed out; PostgreSQL:
     * 57014 cancelled by the query timeout, 55P03 lock not available.
     */
    public static boolean isLockWait(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTimeoutException || "XCL52".equals(state) || "40XL1".equals(state)
                || "X0X02".equals(state) || "57014".equals(state) || "55P03".equals(state);
    }
}
