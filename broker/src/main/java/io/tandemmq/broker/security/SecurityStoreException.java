package io.tandemmq.broker.security;

/** The security tables could not be read or written, or a write was refused (a user that exists). */
public final class SecurityStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecurityStoreException(String message) {
        super(message);
    }

    public SecurityStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
