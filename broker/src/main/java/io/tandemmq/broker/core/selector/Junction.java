package io.tandemmq.broker.core.selector;

import java.util.List;

/**
 * A chain of conditions joined by AND (conjunction) or by OR (disjunction). Chains are kept flat
 * rather than as nested binary nodes so that a long generated selector such as
 * {@code a = 1 OR a = 2 OR ...} does not make evaluation recurse once per term.
 */
final class Junction implements Expression {
    private final boolean conjunction;
    private final List<Expression> operands;
    private final int height;

    /** @param conjunction true for AND, false for OR */
    Junction(boolean conjunction, List<Expression> operands) {
        this.conjunction = conjunction;
        this.operands = List.copyOf(operands);
        this.height = 1 + this.operands.stream().mapToInt(Expression::height).max().orElse(0);
    }

    @Override
    public Object evaluate(SelectorContext message) {
        // FALSE decides an AND and TRUE an OR, so evaluation may stop there.
        Truth decisive = conjunction ? Truth.FALSE : Truth.TRUE;
        Truth result = decisive.not();
        for (Expression operand : operands) {
            Truth truth = Truth.of(operand.evaluate(message));
            result = conjunction ? result.and(truth) : result.or(truth);
            if (result == decisive) {
                break;
            }
        }
        return result.toValue();
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
