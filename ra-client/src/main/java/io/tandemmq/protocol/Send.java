package io.tandemmq.protocol;

/** SEND: a message from a session; in a transacted session it waits for COMMIT. */
public record Send(long sessionId, WireMessage message) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(sessionId);
        message.writeTo(out);
    }

    public static Send read(WireReader in) {
        return new Send(in.readLong(), WireMessage.read(in));
    }
}
