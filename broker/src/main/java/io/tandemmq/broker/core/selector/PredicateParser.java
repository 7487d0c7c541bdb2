package io.tandemmq.broker.core.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the rest of a {@code [NOT] BETWEEN}, {@code [NOT] IN} or {@code [NOT] LIKE} predicate
 * once its left operand (and any NOT) has been read; the {@link Parser} delegates here to stay
 * small.
 */
final class PredicateParser {
    private final Parser parser;
    private final TokenStream tokens;

    PredicateParser(Parser parser, TokenStream tokens) {
        this.parser = parser;
        this.tokens = tokens;
    }

    /**
     * @param left the operand before the keyword, starting at token {@code start}
     * @param negated whether NOT preceded the keyword, which is the next token
     * @throws SelectorSyntaxException if the predicate is malformed or its operands mistyped
     */
    Expression parse(Expression left, Token start, boolean negated) throws SelectorSyntaxException {
        Token keyword = tokens.next();
        return switch (keyword.kind()) {
            case BETWEEN -> between(left, start, negated);
            case IN -> in(left, start, negated);
            case LIKE -> like(left, start, negated);
            default -> throw new IllegalStateException("not a predicate keyword: " + keyword);
        };
    }

    private Expression between(Expression left, Token start, boolean negated) throws SelectorSyntaxException {
        parser.require(ValueType.NUMERIC, left, start, "BETWEEN");
        Token lowStart = tokens.peek();
        Expression low = parser.require(ValueType.NUMERIC, parser.additive(), lowStart, "BETWEEN");
        tokens.expect(TokenKind.AND, "AND between the bounds of BETWEEN");
        Token highStart = tokens.peek();
        Expression high = parser.require(ValueType.NUMERIC, parser.additive(), highStart, "BETWEEN");
        return parser.bounded(new Between(left, low, high, negated), start);
    }

    private Expression in(Expression left, Token start, boolean negated) throws SelectorSyntaxException {
        parser.require(ValueType.STRING, left, start, "IN");
        tokens.expect(TokenKind.LEFT_PAREN, "'(' to open the IN list");
        if (tokens.peek().kind() == TokenKind.RIGHT_PAREN) {
            throw tokens.error(tokens.peek(), "the IN list is empty; it needs at least one string literal");
        }
        List<String> values = new ArrayList<>();
        do {
            Token item = tokens.next();
            if (item.kind() != TokenKind.STRING) {
                throw tokens.error(item, "an IN list holds string literals only, but found " + item.describe());
            }
            values.add((String) item.value());
        } while (tokens.accept(TokenKind.COMMA));
        tokens.expect(TokenKind.RIGHT_PAREN, "',' or ')' in the IN list");
        return parser.bounded(new InList(left, values, negated), start);
    }

    private Expression like(Expression left, Token start, boolean negated) throws SelectorSyntaxException {
        parser.require(ValueType.STRING, left, start, "LIKE");
        Token pattern = tokens.next();
        if (pattern.kind() != TokenKind.STRING) {
            throw tokens.error(pattern, "LIKE needs a string literal pattern, but found " + pattern.describe());
        }
        int escape = tokens.accept(TokenKind.ESCAPE) ? escapeCharacter() : LikePattern.NO_ESCAPE;
        try {
            return parser.bounded(new Like(left, LikePattern.compile((String) pattern.value(), escape), negated),
                    start);
        } catch (IllegalArgumentException danglingEscape) {
            throw tokens.error(pattern, danglingEscape.getMessage());
        }
    }

    private int escapeCharacter() throws SelectorSyntaxException {
        Token escape = tokens.next();
        if (escape.kind() != TokenKind.STRING) {
            throw tokens.error(escape, "ESCAPE needs a one-character string literal, but found " + escape.describe());
        }
        String value = (String) escape.value();
        if (value.codePointCount(0, value.length()) != 1) {
            throw tokens.error(escape, "the ESCAPE character must be exactly one character, but "
                    + escape.text() + " has " + value.codePointCount(0, value.length()));
        }
        return value.codePointAt(0);
    }
}
