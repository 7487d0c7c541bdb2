package io.tandemmq.protocol;

/** The broker's answer to a successful {@link Hello}. */
public record Welcome(int version, String serverName, String connectionId, long pingIntervalMillis,
                      int maxFrameSize) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(version);
        out.writeString(serverName);
        out.writeString(connectionId);
        out.writeLong(pingIntervalMillis);
        out.writeInt(maxFrameSize);
    }

    public static Welcome read(WireReader in) {
        return new Welcome(in.readInt(), in.readString(), in.readString(), in.readLong(), in.readInt());
    }
}
