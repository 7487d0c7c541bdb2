package io.tandemmq.broker.core.selector;

/** {@code x IS [NOT] NULL}: always TRUE or FALSE, never UNKNOWN. */
final class IsNull implements Expression {
    private final Expression operand;
    private final boolean negated;

    IsNull(Expression operand, boolean negated) {
        this.operand = operand;
        this.negated = negated;
    }

    @Override
    public Object evaluate(SelectorContext message) {
        return (operand.evaluate(message) == null) != negated;
    }

    @Override
    public ValueType type() {
        return ValueType.BOOLEAN;
    }

    @Override
    public int height() {
        return 1 + operand.height();
    }
}
