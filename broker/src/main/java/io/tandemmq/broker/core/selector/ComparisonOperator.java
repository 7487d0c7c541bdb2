package io.tandemmq.broker.core.selector;

/**
 * The comparison operators. Numbers compare across {@code Long} and {@code Double} by Java
 * numeric promotion (so {@code 1 = 1.0}); strings and booleans only support {@code =} and
 * {@code <>}.
 */
enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    /**
     * Outcome of comparing values of different types (a string with a number, or ordering
     * strings or booleans). The specification (3.8.1.2) says "the value of the operation is
     * false", so {@code NOT (x > 1)} selects a message whose x is a string.
     */
    private static final Truth TYPE_MISMATCH = Truth.FALSE;

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    boolean isEquality() {
        return this == EQUAL || this == NOT_EQUAL;
    }

    static ComparisonOperator of(TokenKind kind) {
        return switch (kind) {
            case EQUAL -> EQUAL;
            case NOT_EQUAL -> NOT_EQUAL;
            case LESS -> LESS;
            case LESS_OR_EQUAL -> LESS_OR_EQUAL;
            case GREATER -> GREATER;
            case GREATER_OR_EQUAL -> GREATER_OR_EQUAL;
            default -> throw new IllegalArgumentException("not a comparison operator: " + kind);
        };
    }

    /** Compares two evaluated values; UNKNOWN if either is NULL. */
    Truth compare(Object left, Object right) {
        if (left == null || right == null) {
            return Truth.UNKNOWN;
        }
        if (left instanceof Long a && right instanceof Long b) {
            return Truth.of(holds(Long.compare(a, b)));
        }
        if (Values.isNumber(left) && Values.isNumber(right)) {
            return Truth.of(holds(((Number) left).doubleValue(), ((Number) right).doubleValue()));
        }
        if (isEquality() && left.getClass() == right.getClass()) {
            return Truth.of(left.equals(right) == (this == EQUAL));
        }
        return TYPE_MISMATCH;
    }

    private boolean holds(int order) {
        return switch (this) {
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case LESS -> order < 0;
            case LESS_OR_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_OR_EQUAL -> order >= 0;
        };
    }

    /** Java's primitive operators, not Double.compare: NaN is unordered and -0.0 equals 0.0. */
    private boolean holds(double a, double b) {
        return switch (this) {
            case EQUAL -> a == b;
            case NOT_EQUAL -> a != b;
            case LESS -> a < b;
            case LESS_OR_EQUAL -> a <= b;
            case GREATER -> a > b;
            case GREATER_OR_EQUAL -> a >= b;
        };
    }
}
