package io.tandemmq.broker.core.selector;

import java.util.Locale;

/** The lexical categories of selector text. */
enum TokenKind {
    STRING,
    EXACT_NUMBER,
    APPROXIMATE_NUMBER,
    /**
     * The decimal literal 9223372036854775808, one past {@code Long.MAX_VALUE}: like Java, valid
     * only as the operand of unary minus, where it makes {@code Long.MIN_VALUE}.
     */
    LONG_MIN_MAGNITUDE,
    IDENTIFIER,

    NULL(true),
    TRUE(true),
    FALSE(true),
    NOT(true),
    AND(true),
    OR(true),
    BETWEEN(true),
    LIKE(true),
    IN(true),
    IS(true),
    ESCAPE(true),

    EQUAL,
    NOT_EQUAL,
    LESS,
    LESS_OR_EQUAL,
    GREATER,
    GREATER_OR_EQUAL,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    LEFT_PAREN,
    RIGHT_PAREN,
    COMMA,
    END;

    private static final int LONGEST_KEYWORD = "BETWEEN".length();

    private final boolean keyword;

    TokenKind() {
        this(false);
    }

    TokenKind(boolean keyword) {
        this.keyword = keyword;
    }

    boolean isKeyword() {
        return keyword;
    }

    /**
     * Returns the keyword a word spells, ignoring case, or {@link #IDENTIFIER}. Case folding is
     * ASCII-only on purpose: with full Unicode folding the identifier "ın" (dotless i) would turn
     * into the keyword IN.
     */
    static TokenKind ofWord(String word) {
        if (word.length() > LONGEST_KEYWORD || !isAsciiLetters(word)) {
            return IDENTIFIER;
        }
        String upper = word.toUpperCase(Locale.ROOT);
        for (TokenKind kind : values()) {
            if (kind.keyword && kind.name().equals(upper)) {
                return kind;
            }
        }
        return IDENTIFIER;
    }

    private static boolean isAsciiLetters(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
