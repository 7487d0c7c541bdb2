package io.tandemmq.broker.core.selector;

import static io.tandemmq.broker.core.selector.Selectors.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorSyntaxErrorTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        // structure
        "(a = 1", "a = 1)", "((a = 1)", "()", "a = 1 AND (b = 2", ")a = 1(",
        "a =", "a = 1 AND", "OR a = 1", "a = 1 AND AND b = 1", "a = 1 b = 2", "a = 'x' = 'y'", "a = b = c",
        "NOT", "a NOT", "a NOT NULL", "a NOT = 1", "a = NOT b",
        // literals and characters
        "a = 'unterminated", "a = 'x''", "a = \"x\"", "a == 1", "a != 1", "a = 1 # comment", "a.b = 1",
        "a = 09", "a = 1.2.3", "a = 12abc", "a = 1_", "a = 0x", "a = 1e", "a = 1e400", "a = 1e-400",
        "a = 99999999999999999999", "a = 9223372036854775808", "a = -(9223372036854775808)",
        "a = 0x1_0000_0000_0000_0000", "a = 1 ; b = 2", "a = [1]", "a = {1}", "a = 1 % 2", "a ~ 1", "a = `x`",
        "\u00a0a = 1", "a = 1\u0000", "a = @",
        // not a condition
        "3", "'x'", "3 + 4", "a + 1", "-a", "NULL + 1", "(1)", "0x1F",
        // BETWEEN
        "a BETWEEN 1", "a BETWEEN 1 OR 2", "a BETWEEN AND 2", "a BETWEEN 'a' AND 'z'", "'a' BETWEEN 1 AND 2",
        "a BETWEEN TRUE AND FALSE", "a NOT BETWEEN 1", "a BETWEEN 1 AND 2 AND",
        // IN
        "a IN ()", "a IN (1,2)", "a IN ('x',)", "a IN (,'x')", "a IN 'x'", "a IN ('x'", "a IN (b)",
        "a IN ('x' 'y')", "a IN (TRUE)", "5 IN ('5')", "a NOT IN ()", "a IN ('x') ESCAPE 'y'", "a IN (-'x')",
        // LIKE
        "a LIKE", "a LIKE 5", "'a' LIKE 5", "5 LIKE 'a'", "a LIKE b", "a LIKE 'x' ESCAPE 'ab'",
        "a LIKE 'x' ESCAPE ''", "a LIKE 'x' ESCAPE", "a LIKE 'x' ESCAPE 1", "a LIKE 'x!' ESCAPE '!'",
        "a NOT LIKE", "a LIKE 'x' ESCAPE 'a' ESCAPE 'b'", "ESCAPE = 1", "a LIKE ('x')",
        // IS
        "a IS", "a IS 1", "a IS NOT", "a IS NOT 1", "a IS NULL NULL", "IS NULL",
        // static type errors
        "'abc' + 2", "2 * 'abc'", "-'x' = 1", "+TRUE = 1", "TRUE > 5", "a < 'b'", "'a' > 'b'", "TRUE = 1",
        "'1' = 1", "a > TRUE", "NOT 5", "NOT 'x'", "a AND 5", "5 OR a", "TRUE AND 'x'", "(a = 1) + 1",
        "(a = 1) > 0", "(a > 1) = 'x'",
        // identifiers
        "AND = 1", "JMSDestination = 'x'", "JMSReplyTo IS NULL"})
    void badSelectors_throwSelectorSyntaxException(String selector) {
        SelectorSyntaxException e = rejected(selector);
        assertTrue(e.column() >= 1 && e.column() <= selector.length() + 1, () -> "column " + e.column());
    }

    @Test
    void unterminatedString_isReportedAtItsOpeningQuote() {
        SelectorSyntaxException e = rejected("a = 'unterminated");
        assertEquals(5, e.column());
        assertTrue(e.problem().contains("not terminated"), e::getMessage);
    }

    @Test
    void prematureEnd_isReportedAfterTheLastCharacter() {
        SelectorSyntaxException e = rejected("a =");
        assertEquals(4, e.column());
        assertTrue(e.problem().contains("end of the selector"), e::getMessage);
    }

    @Test
    void unclosedParenthesis_namesTheOpeningColumn() {
        SelectorSyntaxException e = rejected("x = 1 AND (a = 1");
        assertEquals(17, e.column());
        assertTrue(e.problem().contains("column 11"), e::getMessage);
    }

    @Test
    void unmatchedClosingParenthesis_isReportedAtIt() {
        assertEquals(6, rejected("a = 1)").column());
    }

    @Test
    void keywordInPlaceOfIdentifier_saysKeywordsCannotBeIdentifiers() {
        SelectorSyntaxException e = rejected("a = 1 OR like = 2");
        assertEquals(10, e.column());
        assertTrue(e.problem().contains("keyword"), e::getMessage);
    }

    @Test
    void nonConditionSelector_saysWhatItIs() {
        assertTrue(rejected("3 + 4").problem().contains("a number"));
        assertTrue(rejected("'x'").problem().contains("a string"));
    }

    @Test
    void typeError_isReportedAtTheOffendingOperand() {
        SelectorSyntaxException e = rejected("a = 1 AND 'abc' + 2 = 3");
        assertEquals(11, e.column());
        assertTrue(e.problem().contains("must be a number"), e::getMessage);
    }

    @Test
    void stringOrdering_explainsThatOnlyEqualityIsAllowed() {
        assertTrue(rejected("a < 'b'").problem().contains("only = and <>"));
    }

    @Test
    void multiCharacterEscape_isReportedAtTheEscapeLiteral() {
        SelectorSyntaxException e = rejected("a LIKE 'x' ESCAPE 'ab'");
        assertEquals(19, e.column());
    }

    @Test
    void emptyInList_isReportedAtTheClosingParenthesis() {
        SelectorSyntaxException e = rejected("a IN ()");
        assertEquals(7, e.column());
        assertTrue(e.problem().contains("empty"), e::getMessage);
    }

    @Test
    void notNullWithoutIs_suggestsIsNotNull() {
        assertTrue(rejected("a NOT NULL").problem().contains("IS NOT NULL"));
    }

    @Test
    void invisibleCharacter_isNamedByItsCodePoint() {
        SelectorSyntaxException e = rejected("a =\u00a01");
        assertEquals(4, e.column());
        assertTrue(e.problem().endsWith("U+00A0"), e::getMessage);
    }

    @Test
    void notEqualsWrittenJavaStyle_suggestsTheSqlOperator() {
        assertTrue(rejected("a != 1").problem().contains("<>"));
    }

    @Test
    void message_containsProblemColumnAndSelectorText() {
        SelectorSyntaxException e = rejected("color = 'red' AND weight >");
        assertEquals("color = 'red' AND weight >", e.selector());
        assertTrue(e.getMessage().contains("column 27"), e::getMessage);
        assertTrue(e.getMessage().contains("\"color = 'red' AND weight >\""), e::getMessage);
        assertTrue(e.getMessage().contains(e.problem()), e::getMessage);
    }

    @Test
    void messageForLongSelector_quotesOnlyTheTextAroundTheProblem() {
        String selector = "a = 1 AND ".repeat(100) + "b = ";
        SelectorSyntaxException e = rejected(selector);
        assertEquals(selector.length() + 1, e.column());
        assertTrue(e.getMessage().length() < 400, e::getMessage);
        assertTrue(e.getMessage().contains("of \"...") && e.getMessage().endsWith("b = \")"), e::getMessage);
        assertEquals(selector, e.selector());
    }
}
