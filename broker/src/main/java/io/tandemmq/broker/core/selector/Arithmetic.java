package io.tandemmq.broker.core.selector;

/** A binary arithmetic operation; see {@link ArithmeticOperator} for the value rules. */
final class Arithmetic implements Expression {
    private final ArithmeticOperator operator;
    private final Expression left;
    private final Expression right;
    private final int height;

    Arithmetic(ArithmeticOperator operator, Expression left, Expression right) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.height = 1 + Math.max(left.height(), right.height());
    }

    @Override
    public Object evaluate(SelectorContext message) {
        Object leftValue = left.evaluate(message);
        return leftValue == null ? null : operator.apply(leftValue, right.evaluate(message));
    }

    @Override
    public ValueType type() {
        return ValueType.NUMERIC;
    }

    @Override
    public int height() {
        return height;
    }
}
