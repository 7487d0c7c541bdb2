package io.tandemmq.broker.security;

/**
 * A handshake was refused: no credentials where they are needed, a wrong user name or a wrong
 * password (those two with the same message), or a store that cannot be read. Only the last is
 * {@link #isTransient() transient}: the client should try again or try the other server, instead
 * of being told its credentials are wrong.
 */
public final class LoginRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public LoginRefusedException(String message) {
        this(message, false);
    }

    public LoginRefusedException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    /** Whether the refusal says nothing about the credentials (the users could not be read). */
    public boolean isTransient() {
        return transientFailure;
    }
}
