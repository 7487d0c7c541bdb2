package io.tandemmq.broker.cli;

import io.tandemmq.broker.security.DestinationPattern;
import io.tandemmq.broker.security.Grant;
import io.tandemmq.broker.security.Permission;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code grant ROLE PERM[,PERM] PATTERN (--data DIR | --store JDBC_URL)}: gives a role permissions
 * on the destinations a pattern matches, written straight into the store. Brokers apply it to
 * connections made afterwards.
 */
final class GrantCommand {

    private GrantCommand() {
    }

    static int run(List<String> args) {
        List<String> positional = new ArrayList<>();
        int i = 0;
        while (i < args.size() && !args.get(i).startsWith("--")) {
            positional.add(args.get(i++));
        }
        CommandOptions o = CommandOptions.parse(args.subList(i, args.size()), StoreTarget.OPTIONS);
        StoreTarget target = StoreTarget.from(o);
        if (positional.size() != 3) {
            o.problem("grant needs ROLE PERM[,PERM] PATTERN, for example: grant app send,receive queue:orders.*");
        }
        List<Grant> grants = new ArrayList<>();
        if (positional.size() == 3) {
            grants = parse(positional, o);
        }
        if (!o.problems().isEmpty()) {
            return o.usageError("grant");
        }
        List<Grant> parsed = grants;
        return UserCommand.write(target, "grant", () -> {
            target.open().grant(parsed);
            System.out.println("granted " + positional.get(1) + " on " + positional.get(2) + " to role " + positional.get(0));
        });
    }

    private static List<Grant> parse(List<String> positional, CommandOptions o) {
        Set<String> role = UserCommand.names(positional.get(0), o);
        if (role.size() > 1) {
            o.problem("grant takes one ROLE, not '" + positional.get(0) + "'");
        }
        try {
            Set<Permission> permissions = Permission.parseList(positional.get(1));
            DestinationPattern pattern = DestinationPattern.parse(positional.get(2));
            List<Grant> grants = new ArrayList<>();
            for (Permission p : permissions) {
                grants.add(new Grant(positional.get(0).trim(), p, pattern));
            }
            return grants;
        } catch (IllegalArgumentException e) {
            o.problem(e.getMessage());
            return List.of();
        }
    }
}
