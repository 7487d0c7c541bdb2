package io.tandemmq.broker.cli;

import io.tandemmq.broker.security.PasswordHash;
import io.tandemmq.broker.security.SecurityStoreException;
import io.tandemmq.broker.security.StoredUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code user add NAME --password-file FILE --roles R1[,R2] (--data DIR | --store JDBC_URL)}:
 * writes a user straight into the store, so that the first administrator exists before any broker
 * runs. The password is read from the file's first line (never from the command line, where
 * {@code ps} would show it) and only its salted hash is stored.
 */
final class UserCommand {
    private static final Set<String> KNOWN = union(Set.of("password-file", "roles"), StoreTarget.OPTIONS);

    private UserCommand() {
    }

    static int run(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("add")) {
            System.err.println("tandem user: the only sub-command is 'add' (user add NAME --password-file FILE --roles R1[,R2] --data DIR)");
            return 2;
        }
        if (args.size() < 2 || args.get(1).startsWith("--")) {
            System.err.println("tandem user add: a user NAME is required");
            return 2;
        }
        String name = args.get(1);
        CommandOptions o = CommandOptions.parse(args.subList(2, args.size()), KNOWN);
        String passwordFile = o.required("password-file");
        String roleList = o.required("roles");
        StoreTarget target = StoreTarget.from(o);
        Set<String> roles = roleList == null ? Set.of() : names(roleList, o);
        if (name.isBlank() || name.length() > 256) {
            o.problem("a user name must have 1 to 256 characters");
        }
        if (!o.problems().isEmpty()) {
            return o.usageError("user add");
        }
        char[] password;
        try {
            password = readPassword(Path.of(passwordFile));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("tandem user add: " + e.getMessage());
            return 1;
        }
        StoredUser user = new StoredUser(name, PasswordHash.create(password), roles);
        Arrays.fill(password, '\0');
        return write(target, "user add", () -> {
            target.open().addUser(user);
            System.out.println("added user " + name + " with roles " + String.join(",", roles));
        });
    }

    /** A comma-separated list of role names; empty ones are a problem. */
    static Set<String> names(String list, CommandOptions o) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : list.split(",", -1)) {
            String n = part.trim();
            if (n.isEmpty() || n.length() > 256) {
                o.problem("--roles: '" + list + "' has an empty or too long role name");
                return Set.of();
            }
            names.add(n);
        }
        return names;
    }

    /**
     * The first line of the file, without its line end.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the password is empty
     */
    private static char[] readPassword(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("the password file " + file + " does not exist", e);
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new IllegalArgumentException("the password file " + file + " holds an empty password");
        }
        return line.toCharArray();
    }

    interface StoreWork {
        void run() throws IOException;
    }

    /** Runs a write on the store; a failure is one line on stderr and exit code 1. */
    static int write(StoreTarget target, String command, StoreWork work) {
        try {
            work.run();
            return 0;
        } catch (IOException | SecurityStoreException e) {
            System.err.println("tandem " + command + ": " + e.getMessage());
            return 1;
        } finally {
            target.close();
        }
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
