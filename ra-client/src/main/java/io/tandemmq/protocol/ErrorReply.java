package io.tandemmq.protocol;

/** The payload of an {@link FrameType#ERROR} frame. */
public record ErrorReply(ErrorCode code, String message) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(code.code());
        out.writeString(message);
    }

    public static ErrorReply read(WireReader in) {
        return new ErrorReply(ErrorCode.of(in.readInt()), in.readString());
    }
}
