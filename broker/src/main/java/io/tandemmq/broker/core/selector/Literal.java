package io.tandemmq.broker.core.selector;

/** A constant: string, exact ({@code Long}) or approximate ({@code Double}) number, or boolean. */
final class Literal implements Expression {

    private final Object value;
    private final ValueType type;

    private Literal(Object value, ValueType type) {
        this.value = value;
        this.type = type;
    }

    /** @param value a {@code String}, {@code Long}, {@code Double} or {@code Boolean} */
    static Literal of(Object value) {
        if (value instanceof String) {
            return new Literal(value, ValueType.STRING);
        }
        if (value instanceof Boolean) {
            return new Literal(value, ValueType.BOOLEAN);
        }
        if (Values.isNumber(value)) {
            return new Literal(value, ValueType.NUMERIC);
        }
        throw new IllegalArgumentException("not a literal value: " + value);
    }

    Object value() {
        return value;
    }

    @Override
    public Object evaluate(SelectorContext message) {
        return value;
    }

    @Override
    public ValueType type() {
        return type;
    }

    @Override
    public int height() {
        return 1;
    }
}
