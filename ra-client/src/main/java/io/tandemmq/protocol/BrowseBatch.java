package io.tandemmq.protocol;

import java.util.ArrayList;
import java.util.List;

/** The answer to {@link Browse}: messages in queue order and where to continue. */
public record BrowseBatch(List<WireMessage> messages, long lastSequence, boolean more) implements WirePayload {

    public BrowseBatch {
        messages = List.copyOf(messages);
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(messages.size());
        for (WireMessage m : messages) {
            m.writeTo(out);
        }
        out.writeLong(lastSequence);
        out.writeBoolean(more);
    }

    public static BrowseBatch read(WireReader in) {
        int n = in.readCount(16);
        List<WireMessage> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(WireMessage.read(in));
        }
        return new BrowseBatch(list, in.readLong(), in.readBoolean());
    }
}
