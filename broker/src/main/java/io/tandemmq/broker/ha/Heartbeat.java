package io.tandemmq.broker.ha;

import io.tandemmq.protocol.WirePayload;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.WireWriter;

/**
 * What a server tells its partner every heartbeat interval: who it is, its role and epoch, whether
 * its store works, where its clients connect, and how busy it is (connections).
 */
public record Heartbeat(String name, ServerRole role, long epoch, boolean storeHealthy, String clientUrl,
                        int connections) implements WirePayload {

    /** Whether the sender says it cannot serve: the partner should check the lease now. */
    public boolean reportsFailure() {
        return role == ServerRole.FENCED || role == ServerRole.STOPPED || (role == ServerRole.ACTIVE && !storeHealthy);
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeString(name);
        out.writeByte(role.ordinal());
        out.writeLong(epoch);
        out.writeBoolean(storeHealthy);
        out.writeString(clientUrl);
        out.writeInt(connections);
    }

    public static Heartbeat read(WireReader in) {
        String name = in.readString();
        int role = in.readByte();
        if (role < 0 || role >= ServerRole.values().length) {
            throw new io.tandemmq.protocol.MalformedFrameException("unknown role " + role);
        }
        return new Heartbeat(name, ServerRole.values()[role], in.readLong(), in.readBoolean(), in.readString(), in.readInt());
    }
}
