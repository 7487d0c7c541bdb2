package io.tandemmq.broker.cli;

import io.tandemmq.broker.config.PasswordFile;
import io.tandemmq.broker.admin.AdminAction;
import io.tandemmq.broker.admin.StoreAdmin;
import io.tandemmq.broker.security.SecurityStoreException;
import io.tandemmq.broker.store.JdbcBindingStore;
import io.tandemmq.broker.store.JdbcUserStore;
import io.tandemmq.broker.store.StoreBackup;
import io.tandemmq.broker.store.StoreException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin verbs that work on the store's tables, straight on the store
 * ({@code --data DIR} or {@code --store JDBC_URL}), so that the first administrator exists before
 * any broker runs: {@code user add|remove|list}, {@code grant}, {@code revoke}, {@code bind},
 * {@code unbind}, {@code list-bindings}, {@code anonymous-access on|off}. The words are the ones
 * of {@code admin} over the network, carried out by the same {@link StoreAdmin}.
 */
final class OfflineAdminCommand {

    private OfflineAdminCommand() {
    }

    /**
     * Whether the action may be the first one on a data folder, creating its store: the documented
     * set-up before any broker runs adds users, grants, bindings and anonymous access. The others
     * (listings, removals, backup) on a folder without a store are a mistyped --data.
     */
    private static boolean setsUp(AdminAction action) {
        return action instanceof AdminAction.AddUser || action instanceof AdminAction.Bind
                || action instanceof AdminAction.SetAnonymousAccess
                || action instanceof AdminAction.ChangeGrants grants && grants.add();
    }

    /** @param command the first word on the command line; {@code args} the rest */
    static int run(String command, List<String> args) {
        List<String> words = new ArrayList<>();
        words.add(command.equals("anonymous-access") ? "anonymous" : command);
        List<String> storeArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (StoreTarget.OPTIONS.contains(arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "")) {
                storeArgs.add(arg);
                if (!arg.contains("=") && i + 1 < args.size()) {
                    storeArgs.add(args.get(++i));
                }
            } else {
                words.add(arg);
            }
        }
        String label = command.equals("user") && args.size() > 0 ? "user " + args.get(0) : command;
        CommandOptions o = CommandOptions.parse(storeArgs, StoreTarget.OPTIONS);
        AdminAction action = null;
        try {
            action = AdminAction.parse(PasswordFile.inline(words));
            if (action.needsBroker()) {
                o.problem("queues and topics are managed on a running broker: use admin --url URL");
            }
        } catch (IllegalArgumentException e) {
            o.problem(e.getMessage());
        } catch (IOException e) {
            return failed(label, e);
        }
        StoreTarget target = o.problems().isEmpty() ? StoreTarget.from(o) : null;
        if (!o.problems().isEmpty()) {
            return o.usageError(label);
        }
        JdbcUserStore users;
        try {
            users = target.open(setsUp(action));
        } catch (IOException | SecurityStoreException e) {
            // nothing to shut down: a refused folder was never opened, and a shutdown would boot Derby
            return failed(label, e);
        }
        try {
            new StoreAdmin(users, new JdbcBindingStore(target.location()), new StoreBackup(target.location()))
                    .run(action).forEach(System.out::println);
            return 0;
        } catch (SecurityStoreException | StoreException e) {
            return failed(label, e);
        } finally {
            target.close();
        }
    }

    private static int failed(String label, Exception e) {
        System.err.println("tandem " + label + ": " + e.getMessage());
        return 1;
    }
}
