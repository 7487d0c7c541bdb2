package io.tandemmq.broker.core.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits selector text into {@link Token}s, ending with one {@link TokenKind#END} token. Every
 * problem is reported as a {@link SelectorSyntaxException} at the offending character.
 */
final class Tokenizer {
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Tokenizer(String text) {
        this.text = text;
    }

    /**
     * @throws SelectorSyntaxException for an unterminated string, a malformed or out-of-range
     *     number, or a character that starts no token
     */
    static List<Token> tokenize(String text) throws SelectorSyntaxException {
        Tokenizer tokenizer = new Tokenizer(text);
        tokenizer.run();
        return tokenizer.tokens;
    }

    /** True when the text has nothing but white space, i.e. expresses "no selector". */
    static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The specification adopts Java's white space: space, tab, form feed and line terminators. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r';
    }

    /** ASCII only, as in Java literals; Character.isDigit would admit digits of other scripts. */
    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void run() throws SelectorSyntaxException {
        while (true) {
            while (pos < text.length() && isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos == text.length()) {
                tokens.add(new Token(TokenKind.END, "", null, pos));
                return;
            }
            Token token = nextToken();
            tokens.add(token);
            pos += token.text().length();
        }
    }

    private Token nextToken() throws SelectorSyntaxException {
        char c = text.charAt(pos);
        if (c == '\'') {
            return stringLiteral();
        }
        if (isDigit(c) || c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
            return NumericLiteralScanner.scan(text, pos);
        }
        if (Character.isJavaIdentifierStart(text.codePointAt(pos))) {
            return word();
        }
        return symbol(c);
    }

    private Token stringLiteral() throws SelectorSyntaxException {
        StringBuilder value = new StringBuilder();
        int i = pos + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                return new Token(TokenKind.STRING, text.substring(pos, i + 1), value.toString(), pos);
            }
            value.append(c);
            i++;
        }
        throw new SelectorSyntaxException("string literal is not terminated: the closing ' is missing"
                + " (write '' for a quote inside a string)", text, pos);
    }

    private Token word() {
        int end = pos + Character.charCount(text.codePointAt(pos));
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            if (!Character.isJavaIdentifierPart(codePoint)) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        String word = text.substring(pos, end);
        return new Token(TokenKind.ofWord(word), word, null, pos);
    }

    private Token symbol(char c) throws SelectorSyntaxException {
        char next = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
        return switch (c) {
            case '=' -> symbol(TokenKind.EQUAL, 1);
            case '<' -> next == '=' ? symbol(TokenKind.LESS_OR_EQUAL, 2)
                    : next == '>' ? symbol(TokenKind.NOT_EQUAL, 2) : symbol(TokenKind.LESS, 1);
            case '>' -> next == '=' ? symbol(TokenKind.GREATER_OR_EQUAL, 2) : symbol(TokenKind.GREATER, 1);
            case '+' -> symbol(TokenKind.PLUS, 1);
            case '-' -> symbol(TokenKind.MINUS, 1);
            case '*' -> symbol(TokenKind.STAR, 1);
            case '/' -> symbol(TokenKind.SLASH, 1);
            case '(' -> symbol(TokenKind.LEFT_PAREN, 1);
            case ')' -> symbol(TokenKind.RIGHT_PAREN, 1);
            case ',' -> symbol(TokenKind.COMMA, 1);
            default -> throw unexpectedCharacter(c, next);
        };
    }

    private Token symbol(TokenKind kind, int length) {
        return new Token(kind, text.substring(pos, pos + length), null, pos);
    }

    private SelectorSyntaxException unexpectedCharacter(char c, char next) {
        String problem;
        if (c == '!' && next == '=') {
            problem = "'!=' is not a selector operator; write '<>' for \"not equal\"";
        } else if (c == '"') {
            problem = "string literals are enclosed in single quotes ('), not double quotes";
        } else {
            problem = "unexpected character " + describe(text.codePointAt(pos));
        }
        return new SelectorSyntaxException(problem, text, pos);
    }

    private static String describe(int codePoint) {
        String code = String.format("U+%04X", codePoint);
        boolean printable = Character.isDefined(codePoint) && !Character.isISOControl(codePoint)
                && !Character.isWhitespace(codePoint) && !Character.isSpaceChar(codePoint)
                && Character.getType(codePoint) != Character.SURROGATE;
        return printable ? "'" + new String(Character.toChars(codePoint)) + "' (" + code + ")" : code;
    }
}
