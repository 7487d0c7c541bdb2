package io.tandemmq.protocol;

import java.util.ArrayList;
import java.util.List;

/** The answer to XA_RECOVER: every prepared branch the broker holds. */
public record XidList(List<XidValue> xids) implements WirePayload {

    public XidList {
        xids = List.copyOf(xids);
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(xids.size());
        xids.forEach(x -> x.writeTo(out));
    }

    public static XidList read(WireReader in) {
        int n = in.readCount(12);
        List<XidValue> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(XidValue.read(in));
        }
        return new XidList(list);
    }
}
