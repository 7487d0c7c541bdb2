package io.tandemmq.broker.security;

import java.util.Set;

/** A user as the store keeps it: name, password hash and role names. Immutable. */
public record StoredUser(String name, PasswordHash password, Set<String> roles) {

    public StoredUser {
        roles = Set.copyOf(roles);
    }
}
