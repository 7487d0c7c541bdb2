package io.tandemmq.protocol;

/**
 * A user name and password sent without a handshake: the payload of SWITCHOVER, which the broker
 * answers only for a user with the {@code admin} permission once its store holds users. Either
 * may be null (not given); an empty SWITCHOVER payload means neither was given.
 */
public record Credentials(String user, String password) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeString(user);
        out.writeString(password);
    }

    public static Credentials read(WireReader in) {
        return new Credentials(in.readString(), in.readString());
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + "]";
    }
}
