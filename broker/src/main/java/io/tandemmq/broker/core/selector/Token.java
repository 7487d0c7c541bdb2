package io.tandemmq.broker.core.selector;

/**
 * One lexical unit of selector text.
 *
 * @param kind its category
 * @param text the characters exactly as written (string literals include their quotes)
 * @param value the literal's value ({@code String}, {@code Long} or {@code Double}) or null
 * @param offset 0-based offset of its first character in the selector
 */
record Token(TokenKind kind, String text, Object value, int offset) {

    /** How the token is named in error messages. */
    String describe() {
        return switch (kind) {
            case END -> "the end of the selector";
            case STRING -> "string literal " + text;
            case IDENTIFIER -> "identifier " + text;
            case EXACT_NUMBER, APPROXIMATE_NUMBER, LONG_MIN_MAGNITUDE -> "number " + text;
            default -> kind.isKeyword() ? "keyword " + text : "'" + text + "'";
        };
    }
}
