package io.tandemmq.broker.core.selector;

/** {@code x [NOT] LIKE 'pattern' [ESCAPE 'c']}: UNKNOWN when x is NULL or not a string. */
final class Like implements Expression {
    private final Expression operand;
    private final LikePattern pattern;
    private final boolean negated;

    Like(Expression operand, LikePattern pattern, boolean negated) {
        this.operand = operand;
        this.pattern = pattern;
        this.negated = negated;
    }

    @Override
    public Object evaluate(SelectorContext message) {
        if (!(operand.evaluate(message) instanceof String value)) {
            return null;
        }
        return pattern.matches(value) != negated;
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
