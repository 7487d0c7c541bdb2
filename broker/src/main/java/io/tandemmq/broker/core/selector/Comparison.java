package io.tandemmq.broker.core.selector;

/** {@code left op right} for one of the six comparison operators. */
final class Comparison implements Expression {
    private final ComparisonOperator operator;
    private final Expression left;
    private final Expression right;
    private final int height;

    Comparison(ComparisonOperator operator, Expression left, Expression right) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.height = 1 + Math.max(left.height(), right.height());
    }

    @Override
    public Object evaluate(SelectorContext message) {
        return operator.compare(left.evaluate(message), right.evaluate(message)).toValue();
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
