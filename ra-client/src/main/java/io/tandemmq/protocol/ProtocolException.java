package io.tandemmq.protocol;

/**
 * A request that the peer refused with an {@link FrameType#ERROR} frame, or a local failure that
 * will be reported as one. Carries the {@link ErrorCode} so that the client can choose the right
 * {@code JMSException} subclass.
 */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
