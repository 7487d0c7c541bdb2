package io.tandemmq.broker.admin;

import io.tandemmq.protocol.BindingKind;
import io.tandemmq.protocol.DestinationRef;

/**
 * A JNDI name of an administered object, kept in the store: a queue or topic (the target is its
 * physical name) or a connection factory (the target is a {@code tandem://} URL with options).
 * Immutable; {@link #of} checks it.
 */
public record Binding(String name, BindingKind kind, String target) {
    /** The longest JNDI name the store keeps. */
    public static final int MAX_NAME_LENGTH = 512;
    /** The longest connection factory URL the store keeps. */
    public static final int MAX_TARGET_LENGTH = 4000;

    /**
     * @throws IllegalArgumentException naming what is wrong: an empty or too long name, a bad
     *         destination name, or a URL that is not {@code tandem://HOST:PORT[,HOST:PORT][?options]}
     */
    public static Binding of(String name, BindingKind kind, String target) {
        checkName(name);
        String problem = kind == BindingKind.CONNECTION_FACTORY ? urlProblem(target) : DestinationRef.nameProblem(target);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Binding(name, kind, target);
    }

    /** @throws IllegalArgumentException when the JNDI name is empty, too long or has control characters */
    public static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a JNDI name must have 1 to " + MAX_NAME_LENGTH
                    + " characters and no control characters");
        }
    }

    private static String urlProblem(String url) {
        if (url == null || url.length() > MAX_TARGET_LENGTH) {
            return "a connection factory URL must have at most " + MAX_TARGET_LENGTH + " characters";
        }
        if (!url.startsWith("tandem://")) {
            return "'" + url + "' is not a connection factory URL (tandem://HOST:PORT[,HOST:PORT][?options])";
        }
        String servers = url.substring("tandem://".length()).split("\\?", 2)[0];
        for (String server : servers.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            if (colon < 1 || !server.substring(colon + 1).matches("[0-9]{1,5}")) {
                return "'" + server + "' in '" + url + "' is not HOST:PORT";
            }
        }
        return null;
    }
}
