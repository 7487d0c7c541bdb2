package io.tandemmq.protocol;

/** The protocol versions this build speaks. A peer offering another version gets an error. */
public final class ProtocolVersion {
    public static final int CURRENT = 1;
    /** Default largest frame accepted, payload included: 10 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 10 * 1024 * 1024;

    private ProtocolVersion() {
    }

    public static boolean isSupported(int version) {
        return version == CURRENT;
    }
}
