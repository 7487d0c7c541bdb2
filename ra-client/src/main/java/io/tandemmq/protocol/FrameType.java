package io.tandemmq.protocol;

/**
 * Every frame type of the protocol. Requests (client to broker unless noted) get one
 * {@link #OK} or {@link #ERROR} response with the same correlation id; the others are one-way.
 */
public enum FrameType {
    // handshake
    HELLO(1, true),
    WELCOME(2, false),
    NOT_ACTIVE(3, false),
    // responses
    OK(4, false),
    ERROR(5, false),
    // liveness, sent by both sides
    PING(6, false),
    PONG(7, false),
    // connection
    SET_CLIENT_ID(10, true),
    CLOSE(11, true),
    // sessions and consumers
    CREATE_SESSION(20, true),
    CLOSE_SESSION(21, true),
    CREATE_CONSUMER(22, true),
    CLOSE_CONSUMER(23, true),
    CREDIT(24, false),
    PULL(25, true),
    DELIVER(26, false),
    // messages and acknowledgements
    SEND(30, true),
    ACK(31, true),
    RECOVER(32, true),
    COMMIT(33, true),
    ROLLBACK(34, true),
    /** One-way: deliveries that expired in a consumer's buffer before the application took them. */
    EXPIRED(35, false),
    /**
     * One-way: buffered deliveries the application never took, given back because the connection
     * stopped (6.1.5); not counted as deliveries, so they come again unmarked.
     */
    RELEASE(36, false),
    // destinations and subscriptions
    CREATE_TEMP_DESTINATION(40, true),
    DELETE_TEMP_DESTINATION(41, true),
    UNSUBSCRIBE(42, true),
    BROWSE(43, true),
    CHECK_DESTINATION(44, true),
    // administration
    CREATE_DESTINATION(50, true),
    DELETE_DESTINATION(51, true),
    LIST_DESTINATIONS(52, true),
    /** An admin command ({@link AdminRequest}), answered by OK with {@link TextLines}. */
    ADMIN(53, true),
    /** A JNDI lookup ({@link NameRef}), answered by OK with a {@link BoundObject}, or NOT_FOUND. */
    LOOKUP(54, true),
    // XA transaction branches
    XA_START(60, true),
    XA_END(61, true),
    XA_PREPARE(62, true),
    XA_COMMIT(63, true),
    XA_ROLLBACK(64, true),
    XA_RECOVER(65, true),
    XA_FORGET(66, true),
    // the broker pair: heartbeats between the two servers, and operations on a server's role
    HEARTBEAT(70, false),
    // the heartbeat link's shared-secret handshake (between the two servers, never on the client port)
    PEER_CHALLENGE(80, false),
    PEER_PROOF(81, false),
    PEER_ACCEPT(82, false),
    STATUS(71, true),
    SWITCHOVER(72, true),
    /** Did the local transaction with this id commit? Answered with IdRef 1 (yes) or 0 (no). */
    TX_OUTCOME(73, true);

    private static final FrameType[] BY_CODE = new FrameType[128];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final boolean request;

    FrameType(int code, boolean request) {
        this.code = code;
        this.request = request;
    }

    public int code() {
        return code;
    }

    /** Whether a frame of this type must be answered with exactly one OK or ERROR. */
    public boolean isRequest() {
        return request;
    }

    /**
     * @throws MalformedFrameException when no frame type has this code
     */
    public static FrameType of(int code) {
        FrameType t = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (t == null) {
            throw new MalformedFrameException("unknown frame type " + code);
        }
        return t;
    }
}
