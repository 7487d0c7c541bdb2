package io.tandemmq.broker.ha;

import java.sql.SQLException;

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

}
