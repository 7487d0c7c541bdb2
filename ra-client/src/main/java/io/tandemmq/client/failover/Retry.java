package io.tandemmq.client.failover;

import io.tandemmq.protocol.FrameType;

/** What happens to a request whose connection was lost before its answer came. */
public enum Retry {
    /** Sent again to the new server: it is idempotent there (or the broker drops the duplicate). */
    RESEND,
    /** Counted as done: the replay re-created its effect, or the new server has nothing to undo. */
    SUCCEED,
    /** A local commit: the new server is asked whether it committed. */
    OUTCOME,
    /** Fails: its effect lived only in the lost server's memory (an unprepared XA branch, a transacted send). */
    FAIL;

    /** The rule for a request type; sends are decided by the producer (persistent or not, in a transaction or not). */
    public static Retry forType(FrameType type) {
        return switch (type) {
            case COMMIT -> OUTCOME;
            case ACK, PULL, RECOVER, ROLLBACK, CLOSE_SESSION, CLOSE_CONSUMER, DELETE_TEMP_DESTINATION, SET_CLIENT_ID,
                    CREATE_SESSION, CREATE_CONSUMER, CLOSE -> SUCCEED;
            case XA_START, XA_END, SEND -> FAIL;
            default -> RESEND;
        };
    }
}
