package io.tandemmq.broker.core.selector;

import java.util.Set;

/** A header field or property reference, looked up by its exact, case-sensitive name. */
final class Identifier implements Expression {
    /**
     * Header fields a selector may not reference: the specification restricts header field
     * references to JMSDeliveryMode, JMSPriority, JMSMessageID, JMSTimestamp, JMSCorrelationID and
     * JMSType. The others are Destinations, or values that change around delivery, so a selector
     * on them would have no dependable meaning.
     */
    private static final Set<String> UNSELECTABLE_HEADER_FIELDS = Set.of(
            "JMSDestination", "JMSReplyTo", "JMSExpiration", "JMSRedelivered", "JMSDeliveryTime");

    private final String name;

    Identifier(String name) {
        this.name = name;
    }

    /** Whether {@code name} is a message header field that selectors must not reference. */
    static boolean isUnselectableHeaderField(String name) {
        return UNSELECTABLE_HEADER_FIELDS.contains(name);
    }

    @Override
    public Object evaluate(SelectorContext message) {
        return Values.normalize(message.valueOf(name));
    }

    @Override
    public ValueType type() {
        return ValueType.UNTYPED;
    }

    @Override
    public int height() {
        return 1;
    }
}
