package io.tandemmq.broker.core.selector;

/**
 * What the parser knows about an expression's value before any message is seen. Literals and
 * operators have a definite type; identifiers (and NULL) are {@link #UNTYPED} because a
 * property's type is only known at evaluation time.
 */
enum ValueType {
    BOOLEAN("a boolean"),
    NUMERIC("a number"),
    STRING("a string"),
    UNTYPED("a value of unknown type");

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** Whether a value of this type could at run time be of the {@code wanted} type. */
    boolean canBe(ValueType wanted) {
        return this == wanted || this == UNTYPED;
    }

    /** Whether values of the two types could ever be equal, so that '=' makes sense. */
    boolean comparableWith(ValueType other) {
        return this == other || this == UNTYPED || other == UNTYPED;
    }

    /** For error messages, e.g. "a string". */
    String description() {
        return description;
    }
}
