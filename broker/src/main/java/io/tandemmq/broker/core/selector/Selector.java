package io.tandemmq.broker.core.selector;

/**
 * A parsed Jakarta Messaging message selector. Instances are immutable and safe to share between
 * threads; parse once per consumer and call {@link #matches} per message.
 */
public final class Selector {
    private final String text;
    private final Expression condition;

    private Selector(String text, Expression condition) {
        this.text = text;
        this.condition = condition;
    }

    /**
     * Parses selector text.
     *
     * @param text the selector; null, empty or blank text means "no selector" to Jakarta
     *     Messaging and is refused here, see {@link #parseOrNull(String)}
     * @return the parsed selector
     * @throws SelectorSyntaxException if the text is null, blank or not a valid selector,
     *     including one nested deeper than the parser allows (200 levels of parentheses, NOT or
     *     signs). No other exception is thrown for any input.
     */
    public static Selector parse(String text) throws SelectorSyntaxException {
        if (text == null) {
            throw new SelectorSyntaxException("the selector is null; use Selector.parseOrNull when a"
                    + " consumer may have no selector", null, 0);
        }
        if (Tokenizer.isBlank(text)) {
            throw new SelectorSyntaxException("the selector is empty; use Selector.parseOrNull when a"
                    + " consumer may have no selector", text, text.length());
        }
        try {
            return new Selector(text, Parser.parse(text));
        } catch (StackOverflowError tooDeepForThisThread) {
            // The parser's nesting limit fits a default-sized stack; a thread with a much smaller
            // one can still run out. Parsing touches no shared state, so recovering is safe.
            throw new SelectorSyntaxException("the selector is nested too deeply for the parsing thread's stack",
                    text, 0);
        }
    }

    /**
     * Parses selector text where absent text means "no selector", as for
     * {@code Session.createConsumer}.
     *
     * @param text the selector, possibly null
     * @return null when {@code text} is null, empty or only white space, else {@code parse(text)}
     * @throws SelectorSyntaxException if the text is not a valid selector
     */
    public static Selector parseOrNull(String text) throws SelectorSyntaxException {
        return text == null || Tokenizer.isBlank(text) ? null : parse(text);
    }

    /**
     * Evaluates this selector against one message.
     *
     * @param message the message's header and property values
     * @return true only when the selector evaluates to TRUE; FALSE and UNKNOWN select nothing.
     *     Never throws: should {@code message} itself throw a {@code RuntimeException} (or be
     *     null), or the calling thread's stack be too small for the expression's depth, the
     *     message is treated as not selected, because TRUE could not be established.
     */
    public boolean matches(SelectorContext message) {
        try {
            return Truth.of(condition.evaluate(message)) == Truth.TRUE;
        } catch (RuntimeException | StackOverflowError cannotEvaluate) {
            return false;
        }
    }

    /** The selector text exactly as given to {@link #parse}. */
    public String text() {
        return text;
    }

    /** Same as {@link #text()}. */
    @Override
    public String toString() {
        return text;
    }
}
