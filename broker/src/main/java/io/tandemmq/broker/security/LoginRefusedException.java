package io.tandemmq.broker.security;

/**
 * A handshake was refused: no credentials where they are needed, a wrong user name or a wrong
 * password (those two with the same message), or a store that cannot be read.
 */
public final class LoginRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public LoginRefusedException(String message) {
        super(message);
    }
}
