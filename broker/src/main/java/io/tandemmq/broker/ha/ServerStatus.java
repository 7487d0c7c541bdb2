package io.tandemmq.broker.ha;

import io.tandemmq.protocol.WirePayload;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.WireWriter;

/**
 * The answer to STATUS: this server's role and epoch, the lease, and what it knows of its partner.
 *
 * @param note what holds this server up, empty when nothing does
 */
public record ServerStatus(String name, String role, long epoch, String clientUrl, String leaseOwner, long leaseEpoch,
                           boolean leaseReleased, long leaseAgeMillis, String partnerName, String partnerRole,
                           long partnerSilentMillis, String note) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeString(name);
        out.writeString(role);
        out.writeLong(epoch);
        out.writeString(clientUrl);
        out.writeString(leaseOwner);
        out.writeLong(leaseEpoch);
        out.writeBoolean(leaseReleased);
        out.writeLong(leaseAgeMillis);
        out.writeString(partnerName);
        out.writeString(partnerRole);
        out.writeLong(partnerSilentMillis);
        out.writeString(note);
    }

    public static ServerStatus read(WireReader in) {
        return new ServerStatus(in.readString(), in.readString(), in.readLong(), in.readString(), in.readString(),
                in.readLong(), in.readBoolean(), in.readLong(), in.readString(), in.readString(), in.readLong(),
                in.readString());
    }
}
