package io.tandemmq.protocol;

/**
 * The error codes an {@link FrameType#ERROR} frame carries. The client maps each to the matching
 * {@code JMSException} subclass; the broker never needs the JMS classes to choose one.
 */
public enum ErrorCode {
    /** Anything without a more precise code; a plain {@code JMSException}. */
    GENERAL(1),
    ILLEGAL_STATE(2),
    INVALID_CLIENT_ID(3),
    INVALID_DESTINATION(4),
    INVALID_SELECTOR(5),
    SECURITY(6),
    RESOURCE_ALLOCATION(7),
    TRANSACTION_ROLLED_BACK(8),
    TRANSACTION_IN_PROGRESS(9),
    MESSAGE_FORMAT(10),
    /** The peer sent a frame that could not be decoded; the connection is closed after this. */
    PROTOCOL(11),
    /** The handshake asked for a protocol version this side does not speak. */
    UNSUPPORTED_VERSION(12),
    /** This server is not the active one of its pair. */
    NOT_ACTIVE(13),
    /** The referenced session, consumer or transaction does not exist (any more). */
    UNKNOWN_OBJECT(14),
    /** An XA request failed; the error's detail is the {@code XAException} error code. */
    XA(15),
    /**
     * The connection to the server was lost with the request in flight. Never sent on the wire:
     * the client's failover decides what to do with such a request.
     */
    CONNECTION_LOST(16),
    /** The named thing (a JNDI binding, a user) does not exist. */
    NOT_FOUND(17),
    /**
     * The store failed while committing the request's work, and the server could not learn whether
     * it was committed. The request must not be taken as failed: a send is sent again (duplicates
     * are recognised), a commit's outcome is asked of the server (see the client's failover).
     */
    OUTCOME_UNKNOWN(18);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return GENERAL;
    }
}
