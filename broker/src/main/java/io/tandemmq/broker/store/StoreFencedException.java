package io.tandemmq.broker.store;

import java.sql.SQLException;

/** The write guard refused: another server took over the store. This server must never write again. */
public class StoreFencedException extends SQLException {
    private static final long serialVersionUID = 1L;

    public StoreFencedException(String message) {
        super(message);
    }
}
