package io.tandemmq.client.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The property entries of one message and whether they may be changed. Values are only ever the
 * eight property types (or null); conversions on read are {@link ValueConversions}'.
 */
final class MessageProperties {
    /** Set by the provider on receive; never sent, the broker sends the count with each delivery. */
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    /** Words a selector reads as literals or operators, so they cannot name a property. */
    private static final Set<String> RESERVED_WORDS = Set.of(
            "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;

    /**
     * @throws IllegalArgumentException when the name is null, empty or not a selector identifier
     * @throws MessageNotWriteableException when the properties are read-only
     * @throws MessageFormatException when the value is not of one of the eight property types
     */
    void set(String name, Object value) throws MessageNotWriteableException, MessageFormatException {
        checkName(name);
        if (readOnly) {
            throw new MessageNotWriteableException(
                    "the properties of a received message are read-only until clearProperties()");
        }
        if (!ValueConversions.isPropertyValue(value)) {
            throw new MessageFormatException("property " + name + " cannot hold a " + ValueConversions.typeName(value));
        }
        values.put(name, value);
    }

    /** The value, or null when there is no such property (which reads the same as a null value). */
    Object get(String name) {
        return values.get(name);
    }

    boolean exists(String name) {
        return values.containsKey(name);
    }

    /** A snapshot, so setting properties while enumerating does not break the enumeration. */
    Enumeration<String> names() {
        return Collections.enumeration(new ArrayList<>(values.keySet()));
    }

    /** Removes all entries and makes the properties writable again. */
    void clear() {
        values.clear();
        readOnly = false;
    }

    /** Installs the properties of a received message, which are read-only until cleared. */
    void receive(Map<String, Object> sent, int deliveryCount) {
        values.clear();
        values.putAll(sent);
        values.put(DELIVERY_COUNT, deliveryCount);
        readOnly = true;
    }

    /** The entries to send: all but those the provider sets on receive. */
    Map<String, Object> forWire() {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.remove(DELIVERY_COUNT);
        return copy;
    }

    /**
     * Checks that a name can be used in a message selector, as the spec requires of property
     * names: a Java identifier that is none of the selector's reserved words (in any case, as
     * selector keywords are case-insensitive).
     *
     * @throws IllegalArgumentException when it cannot
     */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be null or empty");
        }
        if (!isJavaIdentifier(name) || RESERVED_WORDS.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a valid property name: it must be a selector identifier");
        }
    }

    private static boolean isJavaIdentifier(String name) {
        if (!Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart);
    }
}
