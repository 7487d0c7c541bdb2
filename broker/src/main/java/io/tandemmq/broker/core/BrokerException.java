package io.tandemmq.broker.core;

import io.tandemmq.protocol.ErrorCode;

/** A request the broker refuses; the client gets an ERROR frame with this code and message. */
public class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public BrokerException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
