package io.tandemmq.broker.core.selector;

/**
 * The binary arithmetic operators with Java numeric promotion: two {@code Long}s give a
 * {@code Long} (wrapping on overflow, as Java does), otherwise a {@code Double}.
 */
enum ArithmeticOperator {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/");

    private final String symbol;

    ArithmeticOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    static ArithmeticOperator of(TokenKind kind) {
        return switch (kind) {
            case PLUS -> ADD;
            case MINUS -> SUBTRACT;
            case STAR -> MULTIPLY;
            case SLASH -> DIVIDE;
            default -> throw new IllegalArgumentException("not an arithmetic operator: " + kind);
        };
    }

    /**
     * @return the result, or null when an operand is NULL or not a number, or for integer
     *     division by zero (Java would throw; SQL has no value for it)
     */
    Object apply(Object left, Object right) {
        if (left instanceof Long a && right instanceof Long b) {
            return applyToLongs(a, b);
        }
        if (Values.isNumber(left) && Values.isNumber(right)) {
            return applyToDoubles(((Number) left).doubleValue(), ((Number) right).doubleValue());
        }
        return null;
    }

    private Long applyToLongs(long a, long b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> b == 0 ? null : a / b;
        };
    }

    private Double applyToDoubles(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
        };
    }
}
