package io.tandemmq.protocol;

/** A passive server's answer to {@link Hello}: where the active server probably is (may be null). */
public record NotActive(String serverName, String activeHint) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeString(serverName);
        out.writeString(activeHint);
    }

    public static NotActive read(WireReader in) {
        return new NotActive(in.readString(), in.readString());
    }
}
