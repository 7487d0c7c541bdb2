package io.tandemmq.broker.core.selector;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Shorthand used across the selector tests. */
final class Selectors {
    private Selectors() {
    }

    /** Parses, failing the test if the text is rejected. */
    static Selector parse(String text) {
        try {
            return Selector.parse(text);
        } catch (SelectorSyntaxException e) {
            return fail("expected a valid selector: " + e.getMessage(), e);
        }
    }

    static boolean selects(String selector, SelectorContext message) {
        return parse(selector).matches(message);
    }

    /** The three-valued result of a selector, seen through the package-private tree. */
    static Truth truthOf(String selector, SelectorContext message) {
        try {
            return Truth.of(Parser.parse(selector).evaluate(message));
        } catch (SelectorSyntaxException e) {
            return fail("expected a valid selector: " + e.getMessage(), e);
        }
    }

    static SelectorSyntaxException rejected(String selector) {
        return assertThrows(SelectorSyntaxException.class, () -> Selector.parse(selector),
                () -> "expected a syntax error for: " + selector);
    }
}
