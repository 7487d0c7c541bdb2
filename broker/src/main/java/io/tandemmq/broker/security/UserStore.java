package io.tandemmq.broker.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Users, roles, grants and the anonymous-access setting, read from and written to the shared
 * store. Both servers of a pair read the same tables, so nothing is copied at takeover. Every
 * method may block on the database: never call one on a Netty event loop or the core thread.
 */
public interface UserStore {

    /**
     * @throws SecurityStoreException when the database fails
     */
    boolean hasUsers();

    /**
     * @throws SecurityStoreException when the database fails
     */
    Optional<StoredUser> find(String name);

    /**
     * Whether connections without credentials are let in with the {@code guest} role.
     *
     * @throws SecurityStoreException when the database fails
     */
    boolean anonymousAccess();

    /**
     * The grants of these roles.
     *
     * @throws SecurityStoreException when the database fails
     */
    List<Grant> grants(Set<String> roles);

    /**
     * Adds a user in one transaction.
     *
     * @throws SecurityStoreException when the user exists (nothing is changed then) or the database fails
     */
    void addUser(StoredUser user);

    /**
     * Adds grants in one transaction; a grant that exists already is kept once.
     *
     * @throws SecurityStoreException when the database fails; nothing is changed then
     */
    void grant(List<Grant> grants);

    /**
     * Removes a user and its role memberships in one transaction. Its open connections keep the
     * access they were given at their handshake; new ones are refused.
     *
     * @throws SecurityStoreException when the user does not exist (nothing is changed then) or the database fails
     */
    void removeUser(String name);

    /**
     * Gives a user a new password in one transaction; its open connections keep their access.
     *
     * @throws SecurityStoreException when the user does not exist (nothing is changed then) or the database fails
     */
    void setPassword(String name, PasswordHash password);

    /**
     * Every user with its roles, by name.
     *
     * @throws SecurityStoreException when the database fails
     */
    List<StoredUser> users();

    /**
     * Removes grants in one transaction.
     *
     * @throws SecurityStoreException when one of them does not exist (nothing is changed then) or the database fails
     */
    void revoke(List<Grant> grants);

    /**
     * @throws SecurityStoreException when the database fails
     */
    void setAnonymousAccess(boolean allowed);
}
