package io.tandemmq.broker.security;

import io.tandemmq.protocol.DestinationKind;

import java.util.Arrays;
import java.util.List;

/**
 * Which destinations a grant covers: {@code queue:NAME} or {@code topic:NAME}, where NAME is made
 * of dot-separated words and a word may be {@code *} (exactly one word) or {@code #} (any number of
 * words, also none), as in AMQP topic patterns. {@code queue:orders.*} matches {@code orders.eu}
 * but not {@code orders} or {@code orders.eu.north}; {@code topic:#} matches every topic.
 * Immutable.
 *
 * @param queues true for {@code queue:}, false for {@code topic:}
 * @param words the name's words, wildcards included
 */
public record DestinationPattern(boolean queues, List<String> words) {

    public DestinationPattern {
        words = List.copyOf(words);
    }

    /**
     * @param text such as {@code queue:orders.*} or {@code topic:#}
     * @throws IllegalArgumentException with the reason: no or another kind prefix, an empty name or
     *         word, or a wildcard mixed with other characters in one word
     */
    public static DestinationPattern parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.indexOf(':');
        String kind = colon < 0 ? "" : t.substring(0, colon);
        if (!kind.equals("queue") && !kind.equals("topic")) {
            throw new IllegalArgumentException("bad destination pattern '" + t
                    + "': it must start with queue: or topic: (for example queue:orders.* or topic:#)");
        }
        String name = t.substring(colon + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("bad destination pattern '" + t + "': the name after " + kind + ": is empty");
        }
        List<String> words = Arrays.asList(name.split("\\.", -1));
        for (String w : words) {
            if (w.isEmpty()) {
                throw new IllegalArgumentException("bad destination pattern '" + t + "': it has an empty word (two dots, or a dot at an end)");
            }
            if (w.length() > 1 && (w.contains("*") || w.contains("#"))) {
                throw new IllegalArgumentException("bad destination pattern '" + t + "': '" + w
                        + "' mixes a wildcard with other characters; * and # stand for whole words");
            }
        }
        return new DestinationPattern(kind.equals("queue"), words);
    }

    /** Whether this pattern covers the queue or topic; temporary destinations are never matched. */
    public boolean matches(DestinationKind kind, String name) {
        if (kind.isTemporary() || kind.isQueue() != queues || name == null) {
            return false;
        }
        return matches(0, Arrays.asList(name.split("\\.", -1)), 0);
    }

    private boolean matches(int p, List<String> name, int n) {
        if (p == words.size()) {
            return n == name.size();
        }
        String w = words.get(p);
        if (w.equals("#")) {
            // '#' takes zero or more words: try every split, shortest first
            for (int k = n; k <= name.size(); k++) {
                if (matches(p + 1, name, k)) {
                    return true;
                }
            }
            return false;
        }
        if (n == name.size()) {
            return false;
        }
        return (w.equals("*") || w.equals(name.get(n))) && matches(p + 1, name, n + 1);
    }

    /** The pattern as written: {@code queue:orders.*}. */
    @Override
    public String toString() {
        return (queues ? "queue:" : "topic:") + String.join(".", words);
    }
}
