package io.tandemmq.protocol.tls;

/**
 * TLS cannot be set up with the given files: a key or trust store is missing, unreadable, of the
 * wrong type, or its password is wrong. The message is one line that names the file.
 */
public class TlsSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
