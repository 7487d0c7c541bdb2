package io.tandemmq.broker.core.selector;

import java.util.regex.Pattern;

/**
 * Reads one numeric literal in Java literal syntax, as the specification requires: decimal,
 * hexadecimal, octal and binary integers with an optional {@code L} suffix, decimal and
 * hexadecimal floating point with optional {@code f}/{@code d} suffix, underscores between digits.
 * Integers have the range of {@code long} whatever their suffix; floating point numbers that
 * overflow, or that are non-zero but round to zero, are rejected as Java rejects them.
 */
final class NumericLiteralScanner {
    // Applied after underscores are removed, so no pattern repeats a group: Java's regex engine
    // recurses per repetition of a group and could overflow the stack on a very long literal.
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("(?:0|[1-9][0-9]*)[lL]?");
    private static final Pattern HEX_INTEGER = Pattern.compile("0[xX][0-9a-fA-F]+[lL]?");
    private static final Pattern OCTAL_INTEGER = Pattern.compile("0[0-7]+[lL]?");
    private static final Pattern BINARY_INTEGER = Pattern.compile("0[bB][01]+[lL]?");
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("(?:[0-9]+\\.[0-9]*|\\.[0-9]+)"
            + "(?:[eE][+-]?[0-9]+)?[fFdD]?|[0-9]+(?:[eE][+-]?[0-9]+[fFdD]?|[fFdD])");
    private static final Pattern HEX_FLOAT = Pattern.compile(
            "0[xX](?:[0-9a-fA-F]+\\.?|[0-9a-fA-F]*\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+[fFdD]?");
    private static final String LONG_MIN_MAGNITUDE = "9223372036854775808";

    private final String text;
    private final int start;
    private final String lexeme;
    private final boolean hex;

    private NumericLiteralScanner(String text, int start, int end) {
        this.text = text;
        this.start = start;
        this.lexeme = text.substring(start, end);
        this.hex = isHexPrefixed(text, start);
    }

    /**
     * Reads the literal starting at {@code start}, which holds a digit, or a '.' followed by one.
     *
     * @throws SelectorSyntaxException if the literal is malformed or out of range
     */
    static Token scan(String text, int start) throws SelectorSyntaxException {
        return new NumericLiteralScanner(text, start, lexemeEnd(text, start)).token();
    }

    private static boolean isHexPrefixed(String text, int start) {
        return text.startsWith("0x", start) || text.startsWith("0X", start);
    }

    /**
     * Takes letters, digits, '_' and '.' greedily, so that "12abc" or "1.2.3" is reported as one
     * malformed number rather than as a puzzling sequence of tokens. A sign belongs to the
     * literal only right after an exponent marker: 'e' in decimal, 'p' in hexadecimal (where 'e'
     * is a digit, so "0x1e+5" is the sum of 0x1e and 5, as in Java).
     */
    private static int lexemeEnd(String text, int start) {
        boolean hex = isHexPrefixed(text, start);
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '+' || c == '-') {
                char previous = text.charAt(i - 1);
                boolean exponentSign = hex ? previous == 'p' || previous == 'P' : previous == 'e' || previous == 'E';
                if (!exponentSign) {
                    break;
                }
            } else if (c != '.' && !Character.isJavaIdentifierPart(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    private Token token() throws SelectorSyntaxException {
        checkUnderscores();
        String plain = lexeme.replace("_", "");
        if (DECIMAL_INTEGER.matcher(plain).matches()) {
            return decimalInteger(withoutLongSuffix(plain));
        }
        if (HEX_INTEGER.matcher(plain).matches()) {
            return integer(withoutLongSuffix(plain).substring(2), 16);
        }
        if (BINARY_INTEGER.matcher(plain).matches()) {
            return integer(withoutLongSuffix(plain).substring(2), 2);
        }
        if (OCTAL_INTEGER.matcher(plain).matches()) {
            return integer(withoutLongSuffix(plain).substring(1), 8);
        }
        if (DECIMAL_FLOAT.matcher(plain).matches() || HEX_FLOAT.matcher(plain).matches()) {
            return approximate(plain);
        }
        throw problem("malformed number " + lexeme, start);
    }

    /** Java allows '_' only between two digits, e.g. 1_000 but not _1, 1_ or 1_.5. */
    private void checkUnderscores() throws SelectorSyntaxException {
        int exponentAt = hex ? indexOfAny(lexeme, "pP") : lexeme.length();
        for (int i = 0; i < lexeme.length(); i++) {
            if (lexeme.charAt(i) != '_') {
                continue;
            }
            int after = i;
            while (after < lexeme.length() && lexeme.charAt(after) == '_') {
                after++;
            }
            boolean hexDigits = hex && after < exponentAt;
            if (i == 0 || after == lexeme.length() || !isDigit(lexeme.charAt(i - 1), hexDigits)
                    || !isDigit(lexeme.charAt(after), hexDigits)) {
                throw problem("misplaced '_' in number " + lexeme + ": underscores may only separate digits",
                        start + i);
            }
            i = after;
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static boolean isDigit(char c, boolean hexDigits) {
        return Tokenizer.isDigit(c) || hexDigits && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }

    private static String withoutLongSuffix(String plain) {
        char last = plain.charAt(plain.length() - 1);
        return last == 'l' || last == 'L' ? plain.substring(0, plain.length() - 1) : plain;
    }

    private Token decimalInteger(String digits) throws SelectorSyntaxException {
        try {
            return new Token(TokenKind.EXACT_NUMBER, lexeme, Long.parseLong(digits), start);
        } catch (NumberFormatException tooLarge) {
            if (digits.equals(LONG_MIN_MAGNITUDE)) {
                return new Token(TokenKind.LONG_MIN_MAGNITUDE, lexeme, Long.MIN_VALUE, start);
            }
            throw problem("integer " + lexeme + " is out of the range of long", start);
        }
    }

    /** Like Java long literals, hexadecimal, octal and binary ones may use all 64 bits. */
    private Token integer(String digits, int radix) throws SelectorSyntaxException {
        try {
            return new Token(TokenKind.EXACT_NUMBER, lexeme, Long.parseUnsignedLong(digits, radix), start);
        } catch (NumberFormatException tooLarge) {
            throw problem("integer " + lexeme + " does not fit in 64 bits", start);
        }
    }

    private Token approximate(String plain) throws SelectorSyntaxException {
        char suffix = plain.charAt(plain.length() - 1);
        boolean isFloat = suffix == 'f' || suffix == 'F';
        double value = isFloat ? Float.parseFloat(plain) : Double.parseDouble(plain);
        String range = isFloat ? "float" : "double";
        if (Double.isInfinite(value)) {
            throw problem("number " + lexeme + " is too large for " + range, start);
        }
        if (value == 0 && hasNonZeroSignificand(plain)) {
            throw problem("number " + lexeme + " is too small for " + range + " (it would round to zero)", start);
        }
        return new Token(TokenKind.APPROXIMATE_NUMBER, lexeme, value, start);
    }

    private boolean hasNonZeroSignificand(String plain) {
        for (int i = hex ? 2 : 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            boolean inSignificand = hex ? c != 'p' && c != 'P' : c == '.' || Tokenizer.isDigit(c);
            if (!inSignificand) {
                return false;
            }
            if (c != '0' && c != '.') {
                return true;
            }
        }
        return false;
    }

    private SelectorSyntaxException problem(String problem, int offset) {
        return new SelectorSyntaxException(problem, text, offset);
    }
}
