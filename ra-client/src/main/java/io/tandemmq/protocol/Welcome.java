package io.tandemmq.protocol;

/**
 * The broker's answer to a successful {@link Hello}. {@code resourceManagerId} names the store
 * behind the broker: two servers with the same id are one XA resource manager.
 */
public record Welcome(int version, String serverName, String connectionId, long pingIntervalMillis,
                      int maxFrameSize, String resourceManagerId) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(version);
        out.writeString(serverName);
        out.writeString(connectionId);
        out.writeLong(pingIntervalMillis);
        out.writeInt(maxFrameSize);
        out.writeString(resourceManagerId);
    }

    public static Welcome read(WireReader in) {
        return new Welcome(in.readInt(), in.readString(), in.readString(), in.readLong(), in.readInt(), in.readString());
    }
}
