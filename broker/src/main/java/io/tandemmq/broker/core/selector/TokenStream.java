package io.tandemmq.broker.core.selector;

import java.util.List;

/** The parser's cursor over the tokens of one selector, and its source of positioned errors. */
final class TokenStream {
    private final String text;
    private final List<Token> tokens;
    private int index;

    /** @param tokens as made by {@link Tokenizer}, hence ending with an END token */
    TokenStream(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(index);
    }

    /** Consumes and returns the next token; at the end, keeps returning the END token. */
    Token next() {
        Token token = tokens.get(index);
        if (token.kind() != TokenKind.END) {
            index++;
        }
        return token;
    }

    /** Consumes the next token if it is of the given kind. */
    boolean accept(TokenKind kind) {
        if (peek().kind() != kind) {
            return false;
        }
        next();
        return true;
    }

    /**
     * Consumes the next token, which must be of the given kind.
     *
     * @param expected what should come here, for the error message
     * @throws SelectorSyntaxException if the token is of another kind
     */
    Token expect(TokenKind kind, String expected) throws SelectorSyntaxException {
        Token token = next();
        if (token.kind() != kind) {
            throw error(token, "expected " + expected + " but found " + token.describe());
        }
        return token;
    }

    /** An exception for a problem found at {@code token}; the caller throws it. */
    SelectorSyntaxException error(Token token, String problem) {
        return new SelectorSyntaxException(problem, text, token.offset());
    }
}
