package io.tandemmq.broker.core.selector;

/**
 * The values a {@link Selector} is evaluated against: the selectable message header fields and the
 * message properties. Mapping header fields to their selector form (for example
 * {@code JMSDeliveryMode} to {@code "PERSISTENT"} or {@code "NON_PERSISTENT"}) is the
 * implementor's job; the selector only looks names up.
 */
@FunctionalInterface
public interface SelectorContext {

    /**
     * Returns the value of a header field or property.
     *
     * @param identifier the identifier exactly as written in the selector (case-sensitive)
     * @return a {@code Boolean}, {@code Byte}, {@code Short}, {@code Integer}, {@code Long},
     *     {@code Float}, {@code Double} or {@code String}; {@code null} when the message has no
     *     such value. A value of any other type is treated as NULL.
     */
    Object valueOf(String identifier);
}
