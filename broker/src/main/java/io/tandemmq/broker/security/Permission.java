package io.tandemmq.broker.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a role may do on the destinations a {@link DestinationPattern} matches. */
public enum Permission {
    /** Send messages to the destination. */
    SEND,
    /** Consume from a queue or subscribe to a topic. */
    RECEIVE,
    /** Browse a queue. */
    BROWSE,
    /** Create a queue or topic that does not exist yet (by using it). */
    CREATE,
    /** Remove a durable subscription of the topic. */
    DELETE,
    /** Create, delete and list destinations with the admin commands (and see the console and metrics). */
    ADMIN,
    /** See the web console, {@code /metrics} and {@code /api/status} on the HTTP port; nothing else. */
    MONITOR;

    /** The name used on the command line and in the store. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a permission name such as {@code send}, case-insensitive
     * @throws IllegalArgumentException naming the unknown permission and the known ones
     */
    public static Permission parse(String text) {
        String t = text == null ? "" : text.trim();
        for (Permission p : values()) {
            if (p.label().equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown permission '" + t + "'; the permissions are "
                + Arrays.stream(values()).map(Permission::label).collect(Collectors.joining(", ")));
    }

    /**
     * @param text comma-separated permission names, such as {@code send,receive}
     * @throws IllegalArgumentException when a name is unknown or the list is empty
     */
    public static Set<Permission> parseList(String text) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        for (String part : text.split(",", -1)) {
            set.add(parse(part));
        }
        return set;
    }
}
