package io.tandemmq.broker.ha;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * Taking the lease waited too long for the lease row: the old owner holds it in an open write
 * transaction (it is frozen inside one, typically). Nothing changed; the takeover is tried again.
 * On PostgreSQL the old owner's sessions are ended first, so this is rare there; on Derby it lasts
 * as long as the old owner stays frozen.
 */
public final class TakeoverBlockedException extends SQLException {
    private static final long serialVersionUID = 1L;

    TakeoverBlockedException(SQLException cause) {
        super("the lease row is locked by the previous owner's open store transaction", cause.getSQLState(), cause);
    }

    /** A statement cancelled by its query timeout, or a lock wait that timed out (Derby and PostgreSQL states). */
    static boolean isLockWait(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTimeoutException || "XCL52".equals(state) || "40XL1".equals(state)
                || "57014".equals(state) || "55P03".equals(state);
    }
}
