package io.tandemmq.broker.core.selector;

/**
 * {@code x [NOT] BETWEEN low AND high}, defined by the specification as
 * {@code x >= low AND x <= high}; the NOT form is its negation, which in three-valued logic equals
 * the specification's {@code x < low OR x > high}.
 */
final class Between implements Expression {
    private final Expression operand;
    private final Expression low;
    private final Expression high;
    private final boolean negated;
    private final int height;

    Between(Expression operand, Expression low, Expression high, boolean negated) {
        this.operand = operand;
        this.low = low;
        this.high = high;
        this.negated = negated;
        this.height = 1 + Math.max(operand.height(), Math.max(low.height(), high.height()));
    }

    @Override
    public Object evaluate(SelectorContext message) {
        Object value = operand.evaluate(message);
        Truth inRange = ComparisonOperator.GREATER_OR_EQUAL.compare(value, low.evaluate(message))
                .and(ComparisonOperator.LESS_OR_EQUAL.compare(value, high.evaluate(message)));
        return (negated ? inRange.not() : inRange).toValue();
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }

    @Override
    public int height() {
        return height;
    }
}
