package io.tandemmq.protocol;

import java.util.List;

/** The answer to an ADMIN request: lines of text for the operator, without line ends. */
public record TextLines(List<String> lines) implements WirePayload {

    public TextLines {
        lines = List.copyOf(lines);
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(lines.size());
        lines.forEach(out::writeString);
    }

    /** @throws MalformedFrameException for a bad count or a missing line */
    public static TextLines read(WireReader in) {
        return new TextLines(AdminRequest.readWords(in, Integer.MAX_VALUE));
    }
}
