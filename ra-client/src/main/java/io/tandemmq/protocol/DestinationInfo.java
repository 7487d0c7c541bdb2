package io.tandemmq.protocol;

import java.util.ArrayList;
import java.util.List;

/** One line of LIST_DESTINATIONS: a destination with its message and consumer counts. */
public record DestinationInfo(DestinationRef destination, long messageCount, int consumerCount) implements WirePayload {

    @Override
    public void writeTo(WireWriter out) {
        destination.writeTo(out);
        out.writeLong(messageCount);
        out.writeInt(consumerCount);
    }

    public static DestinationInfo read(WireReader in) {
        return new DestinationInfo(DestinationRef.read(in), in.readLong(), in.readInt());
    }

    public static byte[] encodeList(List<DestinationInfo> list) {
        WireWriter out = new WireWriter();
        out.writeInt(list.size());
        list.forEach(d -> d.writeTo(out));
        return out.toByteArray();
    }

    public static List<DestinationInfo> readList(WireReader in) {
        int n = in.readCount(10);
        List<DestinationInfo> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(read(in));
        }
        return list;
    }
}
