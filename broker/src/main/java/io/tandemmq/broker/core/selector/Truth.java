package io.tandemmq.broker.core.selector;

/**
 * A truth value of SQL-92 three-valued logic. The operations follow the truth tables of the
 * Jakarta Messaging specification (section 3.8.1.2) exactly; they are Kleene's strong logic, so
 * for instance FALSE AND UNKNOWN is FALSE but TRUE AND UNKNOWN is UNKNOWN.
 */
enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    /**
     * The truth of an evaluated value: a {@code Boolean} is itself, anything else, NULL included,
     * is UNKNOWN (a non-boolean property used as a condition cannot be true or false).
     */
    static Truth of(Object value) {
        if (value instanceof Boolean bool) {
            return of(bool.booleanValue());
        }
        return UNKNOWN;
    }

    static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
    }

    Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : FALSE;
    }

    /** The evaluated form: {@code Boolean.TRUE}, {@code Boolean.FALSE} or null for UNKNOWN. */
    Boolean toValue() {
        return this == UNKNOWN ? null : this == TRUE;
    }
}
