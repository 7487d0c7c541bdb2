package io.tandemmq.protocol;

/**
 * A request that the peer refused with an {@link FrameType#ERROR} frame, or a local failure that
 * will be reported as one. Carries the {@link ErrorCode} so that the client can choose the right
 * {@code JMSException} subclass.
 */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final int detail;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, 0);
    }

    /** @param detail the XA error code for {@link ErrorCode#XA}, else 0 */
    public ProtocolException(ErrorCode code, String message, int detail) {
        super(message);
        this.code = code;
        this.detail = detail;
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.detail = 0;
    }

    /** The XA error code of an {@link ErrorCode#XA} error; 0 otherwise. */
    public int detail() {
        return detail;
    }

    public ErrorCode code() {
        return code;
    }
}
