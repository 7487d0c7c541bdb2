package io.tandemmq.protocol;

/**
 * SEND: a message from a session; in a transacted session it waits for COMMIT. {@code resend}
 * marks a message sent again after a failover: the broker drops it if it already has a message
 * with that id.
 */
public record Send(long sessionId, WireMessage message, boolean resend) implements WirePayload {

    public Send(long sessionId, WireMessage message) {
        this(sessionId, message, false);
    }

    public Send asResend() {
        return new Send(sessionId, message, true);
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(sessionId);
        out.writeBoolean(resend);
        message.writeTo(out);
    }

    public static Send read(WireReader in) {
        long sessionId = in.readLong();
        boolean resend = in.readBoolean();
        return new Send(sessionId, WireMessage.read(in), resend);
    }
}
