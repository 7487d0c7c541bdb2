package io.tandemmq.broker.core.selector;

/** Logical NOT: swaps TRUE and FALSE, leaves UNKNOWN. */
final class Not implements Expression {
    private final Expression operand;

    Not(Expression operand) {
        this.operand = operand;
    }

    @Override
    public Object evaluate(SelectorContext message) {
        return Truth.of(operand.evaluate(message)).not().toValue();
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
