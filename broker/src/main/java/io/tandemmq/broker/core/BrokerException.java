package io.tandemmq.broker.core;

import io.tandemmq.protocol.ErrorCode;

/**
 * A request the broker refuses; the client gets an ERROR frame with this code and message, and
 * for {@link ErrorCode#XA} the XA error code as detail.
 */
public class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final int detail;

    public BrokerException(ErrorCode code, String message) {
        this(code, message, 0);
    }

    public BrokerException(ErrorCode code, String message, int detail) {
        super(message);
        this.code = code;
        this.detail = detail;
    }

    /** An XA failure with an {@code XAException} error code. */
    public static BrokerException xa(int xaCode, String message) {
        return new BrokerException(ErrorCode.XA, message, xaCode);
    }

    public ErrorCode code() {
        return code;
    }

    public int detail() {
        return detail;
    }
}
