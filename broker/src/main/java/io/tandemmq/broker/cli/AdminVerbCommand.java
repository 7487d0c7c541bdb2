package io.tandemmq.broker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code queue stat|purge|move|list|create|delete ...}, {@code connections} and {@code backup}:
 * the admin verbs an operator uses most as commands of their own, with the connection options
 * anywhere on the line ({@code queue stat --url URL orders}); carried out like {@code admin VERB ...}.
 */
final class AdminVerbCommand {
    private static final Set<String> CONNECTION_OPTIONS = Set.of("--url", "--user", "--password-file");

    private AdminVerbCommand() {
    }

    /** @param verb {@code queue}, {@code connections} or {@code backup} */
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
        return AdminCommand.run(verb, admin);
    }
}
