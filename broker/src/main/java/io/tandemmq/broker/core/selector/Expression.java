package io.tandemmq.broker.core.selector;

/**
 * A node of the immutable tree a selector parses into.
 *
 * <p>Evaluation never throws on account of the values it meets: NULL operands, operands of the
 * wrong type and integer division by zero all yield null (SQL NULL, which in a condition is
 * UNKNOWN). Only an exception thrown by the {@link SelectorContext} itself can escape.
 */
interface Expression {

    /**
     * @return a {@code Boolean}, {@code Long}, {@code Double} or {@code String}; or null for
     *     NULL / UNKNOWN
     */
    Object evaluate(SelectorContext message);

    /** What the parser can tell about the value's type. */
    ValueType type();

    /**
     * Levels of nodes from this one down to the deepest leaf, a leaf being 1. Evaluation recurses
     * this deep, so the parser bounds it.
     */
    int height();
}
