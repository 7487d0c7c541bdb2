package io.tandemmq.protocol;

/** XA_PREPARE, XA_COMMIT (one- or two-phase), XA_ROLLBACK and XA_FORGET of one branch. */
public record XaCompletion(XidValue xid, boolean onePhase) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        xid.writeTo(out);
        out.writeBoolean(onePhase);
    }

    public static XaCompletion read(WireReader in) {
        return new XaCompletion(XidValue.read(in), in.readBoolean());
    }
}
