package io.tandemmq.broker.core.selector;

/** Unary minus or plus. Plus is kept as a node because a non-numeric operand makes it NULL. */
final class UnaryArithmetic implements Expression {
    private final boolean negate;
    private final Expression operand;

    private UnaryArithmetic(boolean negate, Expression operand) {
        this.negate = negate;
        this.operand = operand;
    }

    /** Folds a sign applied to a numeric literal into the literal; otherwise makes a node. */
    static Expression of(boolean negate, Expression operand) {
        if (operand instanceof Literal literal && Values.isNumber(literal.value())) {
            return negate ? Literal.of(negated(literal.value())) : literal;
        }
        return new UnaryArithmetic(negate, operand);
    }

    @Override
    public Object evaluate(SelectorContext message) {
        Object value = operand.evaluate(message);
        if (!Values.isNumber(value)) {
            return null;
        }
        return negate ? negated(value) : value;
    }

    /** Separate returns, not a conditional, which would promote a Long to double. */
    private static Object negated(Object number) {
        if (number instanceof Long value) {
            return -value;
        }
        return -(Double) number;
    }

    @Override
    public ValueType type() {
        return ValueType.NUMERIC;
    }

    @Override
    public int height() {
        return 1 + operand.height();
    }
}
