package io.tandemmq.broker.core.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser from selector text to a type-checked {@link Expression} tree.
 *
 * <pre>
 * selector       = or END
 * or             = and { OR and }
 * and            = not { AND not }
 * not            = NOT not | comparison
 * comparison     = additive [ ( "=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" ) additive
 *                           | [NOT] BETWEEN additive AND additive
 *                           | [NOT] IN "(" string { "," string } ")"
 *                           | [NOT] LIKE string [ ESCAPE string ]
 *                           | IS [NOT] NULL ]
 * additive       = multiplicative { ( "+" | "-" ) multiplicative }
 * multiplicative = unary { ( "*" | "/" ) unary }
 * unary          = ( "+" | "-" ) unary | primary
 * primary        = literal | identifier | "(" or ")"
 * </pre>
 *
 * <p>NULL is not a literal: it appears only in {@code IS [NOT] NULL}.
 *
 * <p>Operands whose type is known at parse time (literals and operator results) are checked, so
 * that {@code 'a' + 1} or {@code TRUE > 5} is a syntax error; identifiers may hold any type and
 * are only checked at evaluation, where a mismatch gives UNKNOWN.
 */
final class Parser {
    /** Open parentheses, NOTs and signs each recurse; past this many levels parsing stops. */
    static final int MAX_NESTING = 200;
    /** Evaluation recurses as deep as the tree; long arithmetic chains are what can reach this. */
    static final int MAX_HEIGHT = 1000;

    private final TokenStream tokens;
    private int nesting;

    private Parser(TokenStream tokens) {
        this.tokens = tokens;
    }

    /**
     * @throws SelectorSyntaxException if {@code text} is not a boolean selector expression
     */
    static Expression parse(String text) throws SelectorSyntaxException {
        return new Parser(new TokenStream(text, Tokenizer.tokenize(text))).selector();
    }

    @FunctionalInterface
    private interface Rule {
        Expression parse() throws SelectorSyntaxException;
    }

    private Expression selector() throws SelectorSyntaxException {
        Token start = tokens.peek();
        Expression condition = or();
        Token extra = tokens.peek();
        if (extra.kind() == TokenKind.RIGHT_PAREN) {
            throw tokens.error(extra, "')' has no matching '('");
        }
        if (extra.kind() != TokenKind.END) {
            throw tokens.error(extra, "unexpected " + extra.describe()
                    + " after a complete expression; expected AND, OR or the end of the selector");
        }
        if (!condition.type().canBe(ValueType.BOOLEAN)) {
            throw tokens.error(start, "a selector must be a condition, but this one is "
                    + condition.type().description());
        }
        return condition;
    }

    private Expression or() throws SelectorSyntaxException {
        return junction(TokenKind.OR, this::and);
    }

    private Expression and() throws SelectorSyntaxException {
        return junction(TokenKind.AND, this::not);
    }

    private Expression junction(TokenKind connective, Rule operand) throws SelectorSyntaxException {
        Token start = tokens.peek();
        Expression first = operand.parse();
        if (tokens.peek().kind() != connective) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(require(ValueType.BOOLEAN, first, start, connective.name()));
        while (tokens.accept(connective)) {
            Token operandStart = tokens.peek();
            operands.add(require(ValueType.BOOLEAN, operand.parse(), operandStart, connective.name()));
        }
        return bounded(new Junction(connective == TokenKind.AND, operands), start);
    }

    private Expression not() throws SelectorSyntaxException {
        if (tokens.peek().kind() != TokenKind.NOT) {
            return comparison();
        }
        Token not = tokens.next();
        enter(not);
        Token operandStart = tokens.peek();
        Expression operand = require(ValueType.BOOLEAN, not(), operandStart, "NOT");
        leave();
        return bounded(new Not(operand), not);
    }

    private Expression comparison() throws SelectorSyntaxException {
        Token start = tokens.peek();
        Expression left = additive();
        return switch (tokens.peek().kind()) {
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL ->
                    binaryComparison(left, start);
            case BETWEEN, IN, LIKE -> new PredicateParser(this, tokens).parse(left, start, false);
            case NOT -> negatedPredicate(left, start);
            case IS -> nullTest(left, start);
            default -> left;
        };
    }

    private Expression binaryComparison(Expression left, Token leftStart) throws SelectorSyntaxException {
        Token operatorToken = tokens.next();
        ComparisonOperator operator = ComparisonOperator.of(operatorToken.kind());
        Token rightStart = tokens.peek();
        Expression right = additive();
        if (operator.isEquality() && !left.type().comparableWith(right.type())) {
            throw tokens.error(operatorToken, "cannot compare " + left.type().description() + " with "
                    + right.type().description() + " using '" + operator.symbol() + "'");
        }
        if (!operator.isEquality()) {
            requireOrderable(left, leftStart, operator);
            requireOrderable(right, rightStart, operator);
        }
        return bounded(new Comparison(operator, left, right), leftStart);
    }

    private void requireOrderable(Expression operand, Token at, ComparisonOperator operator)
            throws SelectorSyntaxException {
        if (!operand.type().canBe(ValueType.NUMERIC)) {
            throw tokens.error(at, "'" + operator.symbol() + "' compares numbers only, but this operand is "
                    + operand.type().description() + " (strings and booleans allow only = and <>)");
        }
    }

    private Expression negatedPredicate(Expression left, Token start) throws SelectorSyntaxException {
        tokens.next();
        TokenKind kind = tokens.peek().kind();
        if (kind != TokenKind.BETWEEN && kind != TokenKind.IN && kind != TokenKind.LIKE) {
            String hint = kind == TokenKind.NULL ? " (to test for a missing value, write IS NOT NULL)" : "";
            throw tokens.error(tokens.peek(), "expected BETWEEN, IN or LIKE after NOT but found "
                    + tokens.peek().describe() + hint);
        }
        return new PredicateParser(this, tokens).parse(left, start, true);
    }

    private Expression nullTest(Expression operand, Token start) throws SelectorSyntaxException {
        tokens.next();
        boolean negated = tokens.accept(TokenKind.NOT);
        tokens.expect(TokenKind.NULL, negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS");
        return bounded(new IsNull(operand, negated), start);
    }

    Expression additive() throws SelectorSyntaxException {
        return arithmetic(this::multiplicative, TokenKind.PLUS, TokenKind.MINUS);
    }

    private Expression multiplicative() throws SelectorSyntaxException {
        return arithmetic(this::unary, TokenKind.STAR, TokenKind.SLASH);
    }

    /** Left-associative chain of the two operators of one precedence level. */
    private Expression arithmetic(Rule operand, TokenKind first, TokenKind second) throws SelectorSyntaxException {
        Token start = tokens.peek();
        Expression left = operand.parse();
        while (tokens.peek().kind() == first || tokens.peek().kind() == second) {
            Token operatorToken = tokens.next();
            ArithmeticOperator operator = ArithmeticOperator.of(operatorToken.kind());
            String role = "'" + operator.symbol() + "'";
            require(ValueType.NUMERIC, left, start, role);
            Token rightStart = tokens.peek();
            Expression right = require(ValueType.NUMERIC, operand.parse(), rightStart, role);
            left = bounded(new Arithmetic(operator, left, right), operatorToken);
        }
        return left;
    }

    private Expression unary() throws SelectorSyntaxException {
        TokenKind kind = tokens.peek().kind();
        if (kind != TokenKind.PLUS && kind != TokenKind.MINUS) {
            return primary();
        }
        Token sign = tokens.next();
        enter(sign);
        Expression result;
        if (kind == TokenKind.MINUS && tokens.accept(TokenKind.LONG_MIN_MAGNITUDE)) {
            result = Literal.of(Long.MIN_VALUE);
        } else {
            Token operandStart = tokens.peek();
            Expression operand = require(ValueType.NUMERIC, unary(), operandStart, "unary '" + sign.text() + "'");
            result = bounded(UnaryArithmetic.of(kind == TokenKind.MINUS, operand), sign);
        }
        leave();
        return result;
    }

    private Expression primary() throws SelectorSyntaxException {
        Token token = tokens.next();
        return switch (token.kind()) {
            case STRING, EXACT_NUMBER, APPROXIMATE_NUMBER -> Literal.of(token.value());
            case TRUE -> Literal.of(Boolean.TRUE);
            case FALSE -> Literal.of(Boolean.FALSE);
            // not a literal (3.8.1.1 lists string, numeric and boolean ones): only IS [NOT] NULL names it
            case NULL -> throw tokens.error(token, "NULL is not a value; to test for a missing value write"
                    + " x IS NULL or x IS NOT NULL");
            case IDENTIFIER -> identifier(token);
            case LEFT_PAREN -> parenthesized(token);
            case LONG_MIN_MAGNITUDE -> throw tokens.error(token, "integer " + token.text()
                    + " is out of the range of long; only -" + token.text() + " is allowed");
            default -> throw tokens.error(token, "expected an identifier, a literal or '(' but found "
                    + token.describe() + (token.kind().isKeyword() ? " (keywords cannot be identifiers)" : ""));
        };
    }

    private Expression identifier(Token token) throws SelectorSyntaxException {
        if (Identifier.isUnselectableHeaderField(token.text())) {
            throw tokens.error(token, "header field " + token.text() + " cannot be used in a selector;"
                    + " the selectable header fields are JMSDeliveryMode, JMSPriority, JMSMessageID,"
                    + " JMSTimestamp, JMSCorrelationID and JMSType");
        }
        return new Identifier(token.text());
    }

    private Expression parenthesized(Token open) throws SelectorSyntaxException {
        enter(open);
        Expression inner = or();
        Token close = tokens.next();
        if (close.kind() != TokenKind.RIGHT_PAREN) {
            throw tokens.error(close, "expected ')' to close the '(' at column " + (open.offset() + 1)
                    + " but found " + close.describe());
        }
        leave();
        return inner;
    }

    /**
     * Checks an operand's parse-time type.
     *
     * @param role the operator the operand belongs to, for the message
     * @throws SelectorSyntaxException at {@code at} if the operand can never have the wanted type
     */
    Expression require(ValueType wanted, Expression operand, Token at, String role) throws SelectorSyntaxException {
        if (!operand.type().canBe(wanted)) {
            throw tokens.error(at, "an operand of " + role + " must be " + wanted.description()
                    + ", but this one is " + operand.type().description());
        }
        return operand;
    }

    /**
     * Bounds the tree height, which sets how deep evaluation recurses.
     *
     * @throws SelectorSyntaxException at {@code at} if the tree got too deep
     */
    Expression bounded(Expression expression, Token at) throws SelectorSyntaxException {
        if (expression.height() > MAX_HEIGHT) {
            throw tokens.error(at, "the selector is too complex: its expression tree is more than "
                    + MAX_HEIGHT + " levels deep");
        }
        return expression;
    }

    private void enter(Token at) throws SelectorSyntaxException {
        if (++nesting > MAX_NESTING) {
            throw tokens.error(at, "the selector is nested too deeply: more than " + MAX_NESTING
                    + " levels of parentheses, NOT or signs");
        }
    }

    private void leave() {
        nesting--;
    }
}
