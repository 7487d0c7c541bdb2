package io.tandemmq.broker.admin;

import io.tandemmq.broker.security.Grant;
import io.tandemmq.broker.security.PasswordHash;
import io.tandemmq.broker.security.StoredUser;
import io.tandemmq.broker.security.UserStore;
import io.tandemmq.broker.store.StoreBackup;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Carries out the admin actions that only touch the store's tables (users, grants, bindings,
 * anonymous access), for the network verbs and the offline commands alike. Every action is one
 * transaction: when it fails nothing is changed. Blocks on the database: never call it on a Netty
 * event loop or the core thread.
 */
public final class StoreAdmin {
    private final UserStore users;
    private final BindingStore bindings;
    private final StoreBackup backup;

    /** @param backup backs the store up, for {@code backup FOLDER} */
    public StoreAdmin(UserStore users, BindingStore bindings, StoreBackup backup) {
        this.users = users;
        this.bindings = bindings;
        this.backup = backup;
    }

    public BindingStore bindings() {
        return bindings;
    }

    /**
     * @return the lines to show the operator
     * @throws IllegalArgumentException for an action that needs a running broker (a destination)
     * @throws io.tandemmq.broker.security.SecurityStoreException when a user or grant change is
     *         refused (a user that exists or does not) or the database fails
     * @throws io.tandemmq.broker.store.StoreException when a binding change is refused (a name
     *         bound twice, or not bound) or the database fails
     */
    public List<String> run(AdminAction action) {
        if (action instanceof AdminAction.AddUser a) {
            users.addUser(new StoredUser(a.name(), PasswordHash.create(a.password().toCharArray()), a.roles()));
            return List.of("added user " + a.name() + " with roles " + String.join(",", new TreeSet<>(a.roles())));
        } else if (action instanceof AdminAction.RemoveUser r) {
            users.removeUser(r.name());
            return List.of("removed user " + r.name());
        } else if (action instanceof AdminAction.ListUsers) {
            return userLines();
        } else if (action instanceof AdminAction.ChangePassword p) {
            users.setPassword(p.name(), PasswordHash.create(p.password().toCharArray()));
            return List.of("changed the password of user " + p.name());
        } else if (action instanceof AdminAction.ListGrants g) {
            return grantLines(g.role());
        } else if (action instanceof AdminAction.Backup b) {
            return List.of(backup.backUpTo(b.folder()));
        } else if (action instanceof AdminAction.ChangeGrants g) {
            return changeGrants(g);
        } else if (action instanceof AdminAction.Bind b) {
            bindings.bind(b.binding());
            return List.of("bound " + b.binding().name() + " to " + b.binding().kind().label() + " " + b.binding().target());
        } else if (action instanceof AdminAction.Unbind u) {
            bindings.unbind(u.name());
            return List.of("unbound " + u.name());
        } else if (action instanceof AdminAction.ListBindings) {
            return bindingLines();
        } else if (action instanceof AdminAction.SetAnonymousAccess a) {
            users.setAnonymousAccess(a.allowed());
            return List.of("anonymous access is " + (a.allowed() ? "on" : "off"));
        }
        throw needsBroker();
    }

    private static IllegalArgumentException needsBroker() {
        return new IllegalArgumentException("queues and topics are managed on a running broker: use admin --url URL");
    }

    private List<String> changeGrants(AdminAction.ChangeGrants g) {
        if (g.add()) {
            users.grant(g.grants());
        } else {
            users.revoke(g.grants());
        }
        Grant first = g.grants().get(0);
        String permissions = g.grants().stream().map(x -> x.permission().label()).collect(Collectors.joining(","));
        return List.of((g.add() ? "granted " : "revoked ") + permissions + " on " + first.pattern()
                + (g.add() ? " to role " : " from role ") + first.role());
    }

    private List<String> userLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-32s %s", "USER", "ROLES"));
        for (StoredUser u : users.users()) {
            lines.add(String.format("%-32s %s", u.name(), String.join(",", new TreeSet<>(u.roles()))));
        }
        return lines;
    }

    private List<String> grantLines(String role) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-24s %-10s %s", "ROLE", "PERMISSION", "PATTERN"));
        List<Grant> grants = new ArrayList<>(users.grants(java.util.Set.of(role)));
        grants.sort(java.util.Comparator.comparing((Grant x) -> x.pattern().toString())
                .thenComparing(x -> x.permission().label()));
        for (Grant x : grants) {
            lines.add(String.format("%-24s %-10s %s", x.role(), x.permission().label(), x.pattern()));
        }
        return lines;
    }

    private List<String> bindingLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-32s %-18s %s", "NAME", "KIND", "TARGET"));
        for (Binding b : bindings.list()) {
            lines.add(String.format("%-32s %-18s %s", b.name(), b.kind().label(), b.target()));
        }
        return lines;
    }
}
