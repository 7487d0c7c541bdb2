package io.tandemmq.protocol;

import java.util.Objects;

/** A destination as it travels on the wire: its kind and name. */
public record DestinationRef(DestinationKind kind, String name) implements WirePayload {

    /** The longest destination name the broker accepts, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    public DestinationRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static DestinationRef queue(String name) {
        return new DestinationRef(DestinationKind.QUEUE, name);
    }

    public static DestinationRef topic(String name) {
        return new DestinationRef(DestinationKind.TOPIC, name);
    }

    /**
     * Why a name cannot be used, or null when it can: empty, too long, or containing control
     * characters or one of {@code * > # ,} that are reserved for patterns and lists.
     */
    public static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "a destination name must not be empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "destination name longer than " + MAX_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '*' || c == '>' || c == '#' || c == ',') {
                return "destination name '" + name + "' contains the reserved character '"
                        + (Character.isISOControl(c) ? "\\u" + Integer.toHexString(c) : String.valueOf(c)) + "'";
            }
        }
        return null;
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeByte(kind.ordinal());
        out.writeString(name);
    }

    public static DestinationRef read(WireReader in) {
        DestinationKind kind = DestinationKind.fromByte(in.readByte());
        String name = in.readString();
        if (name == null) {
            throw new MalformedFrameException("destination without a name");
        }
        return new DestinationRef(kind, name);
    }

    /** Writes a destination that may be absent. */
    public static void writeOptional(WireWriter out, DestinationRef d) {
        out.writeBoolean(d != null);
        if (d != null) {
            d.writeTo(out);
        }
    }

    public static DestinationRef readOptional(WireReader in) {
        return in.readBoolean() ? read(in) : null;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + ":" + name;
    }
}
