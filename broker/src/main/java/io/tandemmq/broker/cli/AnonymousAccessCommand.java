package io.tandemmq.broker.cli;

import java.util.List;

/**
 * {@code anonymous-access on|off (--data DIR | --store JDBC_URL)}: whether connections without
 * credentials are let in with the {@code guest} role once users exist. Off in a new store.
 */
final class AnonymousAccessCommand {

    private AnonymousAccessCommand() {
    }

    static int run(List<String> args) {
        String value = args.isEmpty() ? "" : args.get(0);
        if (!value.equals("on") && !value.equals("off")) {
            System.err.println("tandem anonymous-access: say on or off (anonymous-access on --data DIR)");
            return 2;
        }
        CommandOptions o = CommandOptions.parse(args.subList(1, args.size()), StoreTarget.OPTIONS);
        StoreTarget target = StoreTarget.from(o);
        if (!o.problems().isEmpty()) {
            return o.usageError("anonymous-access");
        }
        return UserCommand.write(target, "anonymous-access", () -> {
            target.open().setAnonymousAccess(value.equals("on"));
            System.out.println("anonymous access is " + value);
        });
    }
}
