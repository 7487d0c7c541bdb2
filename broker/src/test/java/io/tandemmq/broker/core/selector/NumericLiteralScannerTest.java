package io.tandemmq.broker.core.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumericLiteralScannerTest {

    private static Token scan(String literal) throws SelectorSyntaxException {
        return NumericLiteralScanner.scan(literal, 0);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, 0", "57, 57", "1234567890, 1234567890", "10L, 10", "10l, 10", "1_000_000, 1000000",
        "0x1F, 31", "0X1f, 31", "0xFFl, 255", "0x7fff_ffff, 2147483647",
        "017, 15", "0_17, 15", "00, 0", "0b101, 5", "0B1_0, 2",
        "9223372036854775807, 9223372036854775807",
        "0x7FFFFFFFFFFFFFFF, 9223372036854775807",
        "0xFFFFFFFFFFFFFFFF, -1",
        "0x8000000000000000L, -9223372036854775808",
        "01777777777777777777777, -1"})
    void exactLiterals_followJavaIntegerSyntaxWithLongRange(String literal, long expected)
            throws SelectorSyntaxException {
        Token token = scan(literal);
        assertEquals(TokenKind.EXACT_NUMBER, token.kind());
        assertEquals(expected, token.value());
        assertEquals(literal, token.text());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "7E3, 7000", "7e3, 7000", "57.9E2, 5790", "7., 7", ".5, 0.5", "6.2, 6.2", "1e-3, 0.001",
        "1E+3, 1000", "1.5e1, 15", "1d, 1", "1D, 1", "2.5d, 2.5", "1_0.0_1, 10.01", "1e1_0, 1e10",
        "08.5, 8.5", "09e1, 90", "0x1.8p1, 3", "0X1P-2, 0.25", "0x.8p0, 0.5", "0x1p1d, 2",
        "1.7976931348623157E308, 1.7976931348623157E308", "4.9e-324, 4.9e-324"})
    void approximateLiterals_followJavaFloatingPointSyntax(String literal, double expected)
            throws SelectorSyntaxException {
        Token token = scan(literal);
        assertEquals(TokenKind.APPROXIMATE_NUMBER, token.kind());
        assertEquals(expected, token.value());
    }

    @Test
    void floatSuffix_givesTheFloatValueWidenedToDouble() throws SelectorSyntaxException {
        assertEquals((double) 1.1f, scan("1.1f").value());
        assertEquals((double) 1.1f, scan("1.1F").value());
        assertEquals(3.0, scan("3f").value());
    }

    @Test
    void oneBeyondLongMax_isMarkedForUnaryMinus() throws SelectorSyntaxException {
        assertEquals(TokenKind.LONG_MIN_MAGNITUDE, scan("9223372036854775808").kind());
        assertEquals(TokenKind.LONG_MIN_MAGNITUDE, scan("9223372036854775808L").kind());
    }

    @Test
    void literal_endsAtAnOperatorOrSpace() throws SelectorSyntaxException {
        assertEquals("12", NumericLiteralScanner.scan("12+3", 0).text());
        assertEquals("1e+3", NumericLiteralScanner.scan("1e+3-4", 0).text());
        assertEquals("0x1e", NumericLiteralScanner.scan("0x1e+5", 0).text());
        assertEquals("3.5", NumericLiteralScanner.scan("x=3.5 ", 2).text());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "09", "08L", "1.2.3", "12abc", "1_", "1__", "1_.5", "1._5", "1_e5", "1e_5", "0x", "0x_1", "0b", "0b2",
        "0b_1", "1e", "1e+", "1E-", "0x1.8", "0x1.8e1", "1LL", "1fd", "1.5L", "9223372036854775809",
        "99999999999999999999", "0x1_0000_0000_0000_0000", "1e400", "1e-400", "3.5e38f", "1e-50f", "1é"})
    void malformedOrOutOfRangeLiterals_areRejected(String literal) {
        assertThrows(SelectorSyntaxException.class, () -> scan(literal));
    }

    @Test
    void misplacedUnderscore_isReportedAtTheUnderscore() {
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class,
                () -> NumericLiteralScanner.scan("a = 10_", 4));
        assertEquals(7, e.column());
    }

    @Test
    void veryLongLiteral_doesNotOverflowTheStack() {
        assertThrows(SelectorSyntaxException.class, () -> scan("1".repeat(100_000)));
        assertThrows(SelectorSyntaxException.class, () -> scan("1_".repeat(50_000) + "x"));
    }
}
