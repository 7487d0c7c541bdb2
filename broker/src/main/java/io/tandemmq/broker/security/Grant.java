package io.tandemmq.broker.security;

/** One permission of a role on the destinations a pattern matches. Immutable. */
public record Grant(String role, Permission permission, DestinationPattern pattern) {
}
