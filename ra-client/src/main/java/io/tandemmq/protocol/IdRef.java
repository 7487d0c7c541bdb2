package io.tandemmq.protocol;

/**
 * A payload that is a single id: the session of CLOSE_SESSION, COMMIT, ROLLBACK and RECOVER, the
 * consumer of PULL, or the last delivery id answered to ROLLBACK and RECOVER.
 */
public record IdRef(long id) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        out.writeLong(id);
    }

    public static IdRef read(WireReader in) {
        return new IdRef(in.readLong());
    }
}
