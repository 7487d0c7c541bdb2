package io.tandemmq.protocol;

/** CREATE_SESSION: the client chooses the session id, unique within its connection. */
public record SessionOpen(long sessionId, AckMode ackMode) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(sessionId);
        out.writeByte(ackMode.ordinal());
    }

    public static SessionOpen read(WireReader in) {
        return new SessionOpen(in.readLong(), AckMode.fromByte(in.readByte()));
    }
}
