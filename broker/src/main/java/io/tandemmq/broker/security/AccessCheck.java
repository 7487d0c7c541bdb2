package io.tandemmq.broker.security;

import io.tandemmq.protocol.DestinationKind;

import java.util.List;

/**
 * What one authenticated connection may do: the grants of its roles. Immutable; decided at the
 * handshake, so a grant changed later applies to connections made after the change.
 */
public final class AccessCheck {
    /** For a broker whose store holds no user: everything is allowed, as before security existed. */
    public static final AccessCheck ALLOW_ALL = new AccessCheck(null, List.of(), true);

    private final String principal;
    private final List<Grant> grants;
    private final boolean allowAll;

    private AccessCheck(String principal, List<Grant> grants, boolean allowAll) {
        this.principal = principal;
        this.grants = List.copyOf(grants);
        this.allowAll = allowAll;
    }

    /** @param principal the user name, or {@code anonymous} for a guest */
    public static AccessCheck of(String principal, List<Grant> grants) {
        return new AccessCheck(principal, grants, false);
    }

    /** The user name, {@code anonymous} for a guest, null when security is off. */
    public String principal() {
        return principal;
    }

    /** Whether a grant of this connection's roles allows the permission on the queue or topic. */
    public boolean allows(Permission permission, DestinationKind kind, String name) {
        if (allowAll) {
            return true;
        }
        for (Grant g : grants) {
            if (g.permission() == permission && g.pattern().matches(kind, name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a grant allows the permission on at least one destination (for listing). */
    public boolean allowsAnywhere(Permission permission) {
        return allowAll || grants.stream().anyMatch(g -> g.permission() == permission);
    }

    /** The refusal text for the permission on the destination, naming the user, action and destination. */
    public String refusal(Permission permission, DestinationKind kind, String name) {
        return (principal == null ? "this connection" : "user '" + principal + "'") + " has no '"
                + permission.label() + "' permission for " + (kind.isQueue() ? "queue" : "topic") + " '" + name + "'";
    }
}
