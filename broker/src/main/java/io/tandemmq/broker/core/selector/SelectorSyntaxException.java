package io.tandemmq.broker.core.selector;

/**
 * Selector text that is not a valid Jakarta Messaging message selector. The broker reports it to
 * the client as {@code jakarta.jms.InvalidSelectorException}.
 *
 * <p>The message names the problem, the 1-based column (character offset counted over the whole
 * text, line breaks included) where it was found, and the selector text; very long texts are
 * shortened to the part around the column.
 */
public class SelectorSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Long selectors are cut down to this many characters either side of the problem. */
    private static final int EXCERPT_RADIUS = 60;

    private final String problem;
    private final String selector;
    private final int column;

    /**
     * @param problem what is wrong, phrased for the person who wrote the selector
     * @param selector the whole selector text, possibly {@code null}
     * @param offset 0-based character offset of the problem within {@code selector}
     */
    SelectorSyntaxException(String problem, String selector, int offset) {
        super(describe(problem, selector, offset));
        this.problem = problem;
        this.selector = selector;
        this.column = offset + 1;
    }

    /** What is wrong, without the position and text that {@link #getMessage()} adds. */
    public String problem() {
        return problem;
    }

    /** The selector text as given, possibly {@code null}. */
    public String selector() {
        return selector;
    }

    /** 1-based column of the problem; one past the last character for a premature end. */
    public int column() {
        return column;
    }

    private static String describe(String problem, String selector, int offset) {
        return "Invalid message selector: " + problem + " (at column " + (offset + 1) + " of "
                + quote(selector, offset) + ")";
    }

    private static String quote(String selector, int offset) {
        if (selector == null) {
            return "null";
        }
        if (selector.length() <= 2 * EXCERPT_RADIUS) {
            return '"' + selector + '"';
        }
        int from = Math.max(0, offset - EXCERPT_RADIUS);
        int to = Math.min(selector.length(), offset + EXCERPT_RADIUS);
        return (from > 0 ? "\"..." : "\"") + selector.substring(from, to)
                + (to < selector.length() ? "...\"" : "\"");
    }
}
