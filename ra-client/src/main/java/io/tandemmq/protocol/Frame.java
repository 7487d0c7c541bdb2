package io.tandemmq.protocol;

import java.util.Objects;

/**
 * One frame: its type, the correlation id that pairs a response with its request (zero for one-way
 * frames) and the encoded payload. Immutable; the payload array is never modified after
 * construction.
 */
public final class Frame {
    /** Bytes of a frame's header after the length prefix: type (1) and correlation id (8). */
    public static final int HEADER_SIZE = 9;
    private static final byte[] EMPTY = new byte[0];

    private final FrameType type;
    private final long correlationId;
    private final byte[] payload;

    private Frame(FrameType type, long correlationId, byte[] payload) {
        this.type = Objects.requireNonNull(type, "type");
        this.correlationId = correlationId;
        this.payload = payload == null ? EMPTY : payload;
    }

    public static Frame of(FrameType type, long correlationId, byte[] payload) {
        return new Frame(type, correlationId, payload);
    }

    public static Frame of(FrameType type, long correlationId, WirePayload payload) {
        return new Frame(type, correlationId, payload == null ? null : payload.encode());
    }

    public static Frame oneWay(FrameType type, WirePayload payload) {
        return of(type, 0L, payload);
    }

    public static Frame ok(long correlationId) {
        return new Frame(FrameType.OK, correlationId, null);
    }

    public static Frame ok(long correlationId, WirePayload body) {
        return of(FrameType.OK, correlationId, body);
    }

    public static Frame error(long correlationId, ErrorCode code, String message) {
        return of(FrameType.ERROR, correlationId, new ErrorReply(code, message));
    }

    /** An XA error answer; {@code xaCode} is an {@code XAException} error code. */
    public static Frame xaError(long correlationId, int xaCode, String message) {
        return of(FrameType.ERROR, correlationId, new ErrorReply(ErrorCode.XA, message, xaCode));
    }

    public FrameType type() {
        return type;
    }

    public long correlationId() {
        return correlationId;
    }

    /** The payload; callers must not modify it. */
    public byte[] payload() {
        return payload;
    }

    public WireReader reader() {
        return new WireReader(payload);
    }

    public int encodedSize() {
        return HEADER_SIZE + payload.length;
    }

    @Override
    public String toString() {
        return type + "#" + correlationId + "(" + payload.length + " bytes)";
    }
}
