package io.tandemmq.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * An admin command as its words, as typed after {@code admin ... VERB} on the command line (a
 * password file already replaced by {@code --password TEXT}). The broker parses and checks the
 * words itself: this frame only carries them.
 */
public record AdminRequest(List<String> words) implements WirePayload {
    /** Far more than any verb needs; bounds what a malformed count can make the reader allocate. */
    private static final int MAX_WORDS = 64;

    public AdminRequest {
        words = List.copyOf(words);
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeInt(words.size());
        words.forEach(out::writeString);
    }

    /** @throws MalformedFrameException for a bad count or a missing word */
    public static AdminRequest read(WireReader in) {
        return new AdminRequest(readWords(in, MAX_WORDS));
    }

    /** Without the password: requests end up in logs and assertion messages. */
    @Override
    public String toString() {
        List<String> shown = new ArrayList<>(words);
        for (int i = 0; i + 1 < shown.size(); i++) {
            if (shown.get(i).equals("--password")) {
                shown.set(i + 1, "***");
            }
        }
        return "AdminRequest" + shown;
    }

    static List<String> readWords(WireReader in, int max) {
        int n = in.readCount(4);
        if (n > max) {
            throw new MalformedFrameException(n + " words, more than " + max);
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String w = in.readString();
            if (w == null) {
                throw new MalformedFrameException("word " + i + " missing");
            }
            list.add(w);
        }
        return list;
    }
}
