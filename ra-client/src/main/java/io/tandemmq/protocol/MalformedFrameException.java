package io.tandemmq.protocol;

/**
 * A frame that cannot be decoded: wrong length, unknown type, truncated or inconsistent payload.
 * The receiver answers with an {@link ErrorCode#PROTOCOL} error and closes the connection; it never
 * keeps a half-decoded value.
 */
public class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }
}
