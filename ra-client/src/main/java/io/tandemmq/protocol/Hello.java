package io.tandemmq.protocol;

/**
 * The client's opening frame. {@code pingIntervalMillis} is how often the client will ping; the
 * broker declares the client dead after {@code deadPeerMillis} of silence.
 */
public record Hello(int version, String user, String password, String clientId,
                    long pingIntervalMillis, long deadPeerMillis) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(version);
        out.writeString(user);
        out.writeString(password);
        out.writeString(clientId);
        out.writeLong(pingIntervalMillis);
        out.writeLong(deadPeerMillis);
    }

    public static Hello read(WireReader in) {
        return new Hello(in.readInt(), in.readString(), in.readString(), in.readString(),
                in.readLong(), in.readLong());
    }

    @Override
    public String toString() {
        return "Hello[version=" + version + ", user=" + user + ", clientId=" + clientId + "]";
    }
}
