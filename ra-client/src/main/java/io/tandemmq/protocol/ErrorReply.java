package io.tandemmq.protocol;

/**
 * The payload of an {@link FrameType#ERROR} frame. {@code detail} carries the XA error code for
 * {@link ErrorCode#XA} errors and is 0 otherwise.
 */
public record ErrorReply(ErrorCode code, String message, int detail) implements WirePayload {

    public ErrorReply(ErrorCode code, String message) {
        this(code, message, 0);
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(code.code());
        out.writeString(message);
        out.writeInt(detail);
    }

    public static ErrorReply read(WireReader in) {
        return new ErrorReply(ErrorCode.of(in.readInt()), in.readString(), in.readInt());
    }
}
