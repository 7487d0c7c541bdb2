package io.tandemmq.broker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code queue stat|purge|move|list|create|delete ...} and {@code connections}: the admin verbs an
 * operator uses most, with the connection options anywhere on the line
 * ({@code queue stat --url URL orders}); carried out like {@code admin queue ...}.
 */
final class QueueCommand {
    private static final Set<String> CONNECTION_OPTIONS = Set.of("--url", "--user", "--password-file");

    private QueueCommand() {
    }

    /** @param verb {@code queue} or {@code connections} */
    static int run(String verb, List<String> args) {
        List<String> options = new ArrayList<>();
        List<String> words = new ArrayList<>(List.of(verb));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (CONNECTION_OPTIONS.contains(name)) {
                options.add(arg);
                if (!arg.contains("=") && i + 1 < args.size()) {
                    options.add(args.get(++i));
                }
            } else {
                words.add(arg);
            }
        }
        List<String> admin = new ArrayList<>(options);
        admin.addAll(words);
        return AdminCommand.run(admin);
    }
}
