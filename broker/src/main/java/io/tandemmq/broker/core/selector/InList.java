package io.tandemmq.broker.core.selector;

import java.util.Collection;
import java.util.Set;

/**
 * {@code x [NOT] IN ('a', 'b', ...)}: UNKNOWN when x is NULL or not a string (a value of another
 * type equals none of the strings, but like any comparison across types that is UNKNOWN).
 */
final class InList implements Expression {
    private final Expression operand;
    private final Set<String> values;
    private final boolean negated;

    InList(Expression operand, Collection<String> values, boolean negated) {
        this.operand = operand;
        this.values = Set.copyOf(values);
        this.negated = negated;
    }

    @Override
    public Object evaluate(SelectorContext message) {
        if (!(operand.evaluate(message) instanceof String value)) {
            return null;
        }
        return values.contains(value) != negated;
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
