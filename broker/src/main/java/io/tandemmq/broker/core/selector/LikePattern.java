package io.tandemmq.broker.core.selector;

import java.util.Arrays;

/**
 * A compiled LIKE pattern: {@code _} matches exactly one character, {@code %} any sequence of
 * characters including none, the escape character makes the character after it literal, and every
 * other character matches itself. Characters are Unicode code points, so {@code _} also matches
 * one supplementary character.
 *
 * <p>Matching is a hand-written wildcard matcher rather than a regular expression: with several
 * {@code %} a backtracking regex can take exponential time on hostile input, whereas this runs in
 * at most (pattern length x value length) steps.
 */
final class LikePattern {
    /** Escape code point meaning "no ESCAPE clause". */
    static final int NO_ESCAPE = -1;

    // Pattern elements are code points (>= 0) or one of these wildcards.
    private static final int ANY_CHARACTER = -1;
    private static final int ANY_SEQUENCE = -2;

    private final int[] elements;

    private LikePattern(int[] elements) {
        this.elements = elements;
    }

    /**
     * @param pattern the pattern text, quotes already removed
     * @param escape the escape code point, or {@link #NO_ESCAPE}
     * @throws IllegalArgumentException if the pattern ends with an escape character that escapes
     *     nothing
     */
    static LikePattern compile(String pattern, int escape) {
        int[] codePoints = pattern.codePoints().toArray();
        int[] elements = new int[codePoints.length];
        int count = 0;
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (c == escape) {
                if (++i == codePoints.length) {
                    throw new IllegalArgumentException("the LIKE pattern ends with its escape character,"
                            + " which must be followed by the character it escapes");
                }
                elements[count++] = codePoints[i];
            } else if (c == '_') {
                elements[count++] = ANY_CHARACTER;
            } else if (c != '%') {
                elements[count++] = c;
            } else if (count == 0 || elements[count - 1] != ANY_SEQUENCE) {
                elements[count++] = ANY_SEQUENCE; // "%%" means the same as "%"
            }
        }
        return new LikePattern(Arrays.copyOf(elements, count));
    }

    boolean matches(String value) {
        int[] text = value.codePoints().toArray();
        int t = 0;
        int p = 0;
        // Where the latest % was seen, and how much text it has swallowed so far: on a mismatch
        // we let that % take one more character and retry, which is all the backtracking needed.
        int lastSequence = -1;
        int resumeAt = 0;
        while (t < text.length) {
            if (p < elements.length && (elements[p] == ANY_CHARACTER || elements[p] == text[t])) {
                t++;
                p++;
            } else if (p < elements.length && elements[p] == ANY_SEQUENCE) {
                lastSequence = p++;
                resumeAt = t;
            } else if (lastSequence >= 0) {
                p = lastSequence + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == elements.length;
    }
}
