package io.tandemmq.broker.core.selector;

/** Runtime value rules shared by the expression nodes. */
final class Values {
    private Values() {
    }

    /**
     * Brings a value from the {@link SelectorContext} to evaluation form: integral types widen to
     * {@code Long} and {@code Float} to {@code Double}, as Java numeric promotion would; strings
     * and booleans stay. Anything else cannot be a message property value and counts as NULL.
     */
    static Object normalize(Object value) {
        if (value instanceof Long || value instanceof Double || value instanceof String
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return null;
    }

    /** True for the evaluation forms of numbers, {@code Long} and {@code Double}. */
    static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Double;
    }
}
