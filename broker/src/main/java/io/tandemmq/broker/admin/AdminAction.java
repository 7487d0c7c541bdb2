package io.tandemmq.broker.admin;

import io.tandemmq.broker.security.DestinationPattern;
import io.tandemmq.broker.security.Grant;
import io.tandemmq.broker.security.Permission;
import io.tandemmq.protocol.BindingKind;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One admin command, parsed and checked: the same words whether they come from
 * {@code tandem-broker.jar admin ...} over the network or from an offline command on the store
 * (a password file already replaced by {@code --password TEXT}). {@link #parse} is run by the
 * command line before anything is sent, and again by the broker, which trusts no client.
 */
public sealed interface AdminAction {

    /** Whether it changes users, grants, bindings, destinations or messages (the listings do not). */
    default boolean changesSomething() {
        return !(this instanceof ListUsers || this instanceof ListGrants || this instanceof ListDestinations
                || this instanceof ListBindings || this instanceof QueueStat || this instanceof ListConnections);
    }

    /** Actions on destinations need a running broker; the others work on the store's tables only. */
    default boolean needsBroker() {
        return this instanceof CreateDestination || this instanceof DeleteDestination || this instanceof ListDestinations
                || this instanceof QueueStat || this instanceof PurgeQueue || this instanceof MoveMessages
                || this instanceof ListConnections;
    }

    /** {@code user add NAME --password TEXT --roles R1[,R2]}. */
    record AddUser(String name, String password, Set<String> roles) implements AdminAction {
        public AddUser {
            roles = Set.copyOf(roles);
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "AddUser[name=" + name + ", roles=" + roles + "]";
        }
    }

    /** {@code user remove NAME}. */
    record RemoveUser(String name) implements AdminAction { }

    /** {@code user list}. */
    record ListUsers() implements AdminAction { }

    /** {@code user passwd NAME --password TEXT}. */
    record ChangePassword(String name, String password) implements AdminAction {
        /** Without the password. */
        @Override
        public String toString() {
            return "ChangePassword[name=" + name + "]";
        }
    }

    /** {@code backup FOLDER}: Derby's online backup of the store into a folder on the store's machine. */
    record Backup(String folder) implements AdminAction { }

    /** {@code grants ROLE}: the role's grants. */
    record ListGrants(String role) implements AdminAction { }

    /** {@code grant ROLE PERMS PATTERN} ({@code add} true) and {@code revoke ROLE PERMS PATTERN}. */
    record ChangeGrants(boolean add, List<Grant> grants) implements AdminAction {
        public ChangeGrants {
            grants = List.copyOf(grants);
        }
    }

    /** {@code queue create NAME}, {@code topic create NAME}. */
    record CreateDestination(DestinationRef destination) implements AdminAction { }

    /** {@code queue delete NAME}, {@code topic delete NAME}. */
    record DeleteDestination(DestinationRef destination) implements AdminAction { }

    /** {@code queue list}, {@code topic list}. */
    record ListDestinations(DestinationKind kind) implements AdminAction { }

    /** {@code queue stat [NAME]}: depth, in flight, consumers, counts and rates of one queue or all. */
    record QueueStat(String name) implements AdminAction { }

    /** {@code queue purge NAME}: removes its waiting messages. */
    record PurgeQueue(String name) implements AdminAction { }

    /** {@code queue move FROM TO [--selector S] [--count N]}: waiting messages to another queue. */
    record MoveMessages(String from, String to, String selector, int count) implements AdminAction { }

    /** {@code connections}: the active server's client connections. */
    record ListConnections() implements AdminAction { }

    /** {@code bind JNDI_NAME queue|topic NAME}, {@code bind JNDI_NAME connection-factory URL}. */
    record Bind(Binding binding) implements AdminAction { }

    /** {@code unbind JNDI_NAME}. */
    record Unbind(String name) implements AdminAction { }

    /** {@code list-bindings}. */
    record ListBindings() implements AdminAction { }

    /** {@code anonymous on|off}. */
    record SetAnonymousAccess(boolean allowed) implements AdminAction { }

    /** The verbs, for usage messages. */
    String VERBS = "user add NAME --password-file FILE --roles R[,R] | user remove NAME | user list"
            + " | user passwd NAME --password-file FILE | grants ROLE | backup FOLDER"
            + " | grant ROLE PERM[,PERM] PATTERN | revoke ROLE PERM[,PERM] PATTERN"
            + " | queue create|delete NAME | topic create|delete NAME | queue list | topic list"
            + " | queue stat [NAME] | queue purge NAME | queue move FROM TO [--selector S] [--count N] | connections"
            + " | bind JNDI_NAME queue|topic|connection-factory TARGET | unbind JNDI_NAME | list-bindings"
            + " | anonymous on|off";

    /**
     * @param words the verb and its arguments
     * @throws IllegalArgumentException with a one-line reason: an unknown verb, a missing or extra
     *         argument, an unknown permission, a pattern or name that does not parse
     */
    static AdminAction parse(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no verb given; the verbs are: " + VERBS);
        }
        String verb = words.get(0);
        List<String> args = words.subList(1, words.size());
        return switch (verb) {
            case "user" -> user(args);
            case "grant", "revoke" -> new ChangeGrants(verb.equals("grant"), grants(verb, args));
            case "backup" -> {
                expect(args, 1, "backup FOLDER");
                if (args.get(0).isBlank()) {
                    throw new IllegalArgumentException("backup needs a FOLDER");
                }
                yield new Backup(args.get(0));
            }
            case "grants" -> {
                expect(args, 1, "grants ROLE");
                yield new ListGrants(args.get(0));
            }
            case "queue", "topic" -> destination(verb, args);
            case "bind" -> {
                expect(args, 3, "bind JNDI_NAME queue|topic|connection-factory TARGET");
                yield new Bind(Binding.of(args.get(0), BindingKind.parse(args.get(1)), args.get(2)));
            }
            case "unbind" -> {
                expect(args, 1, "unbind JNDI_NAME");
                Binding.checkName(args.get(0));
                yield new Unbind(args.get(0));
            }
            case "connections" -> {
                expect(args, 0, "connections");
                yield new ListConnections();
            }
            case "list-bindings" -> {
                expect(args, 0, "list-bindings");
                yield new ListBindings();
            }
            case "anonymous" -> {
                expect(args, 1, "anonymous on|off");
                if (!args.get(0).equals("on") && !args.get(0).equals("off")) {
                    throw new IllegalArgumentException("anonymous takes on or off, not '" + args.get(0) + "'");
                }
                yield new SetAnonymousAccess(args.get(0).equals("on"));
            }
            default -> throw new IllegalArgumentException("unknown verb '" + verb + "'; the verbs are: " + VERBS);
        };
    }

    private static AdminAction user(List<String> args) {
        String sub = args.isEmpty() ? "" : args.get(0);
        switch (sub) {
            case "add":
                return addUser(args.subList(1, args.size()));
            case "remove":
                expect(args, 2, "user remove NAME");
                return new RemoveUser(userName(args.get(1)));
            case "list":
                expect(args, 1, "user list");
                return new ListUsers();
            case "passwd":
                if (args.size() != 4 || !args.get(2).equals("--password")) {
                    throw new IllegalArgumentException("usage: user passwd NAME --password-file FILE");
                }
                if (args.get(3).isEmpty()) {
                    throw new IllegalArgumentException("the new password is empty");
                }
                return new ChangePassword(userName(args.get(1)), args.get(3));
            default:
                throw new IllegalArgumentException("unknown verb 'user " + sub + "'; say user add, user remove, user list"
                        + " or user passwd");
        }
    }

    private static AdminAction addUser(List<String> args) {
        String usage = "user add NAME --password-file FILE --roles R[,R]";
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            throw new IllegalArgumentException("a user NAME is required: " + usage);
        }
        String password = null;
        String roles = null;
        for (int i = 1; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(args.get(i) + " needs a value: " + usage);
            }
            switch (args.get(i)) {
                case "--password" -> password = args.get(i + 1);
                case "--roles" -> roles = args.get(i + 1);
                default -> throw new IllegalArgumentException("unexpected '" + args.get(i) + "': " + usage);
            }
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a password is required (--password-file FILE): " + usage);
        }
        if (roles == null) {
            throw new IllegalArgumentException("--roles is required: " + usage);
        }
        return new AddUser(userName(args.get(0)), password, roleNames(roles));
    }

    private static String userName(String name) {
        if (name.isBlank() || name.length() > 256) {
            throw new IllegalArgumentException("a user name must have 1 to 256 characters");
        }
        return name;
    }

    /**
     * A comma-separated list of role names.
     *
     * @throws IllegalArgumentException when a name is empty or longer than 256 characters
     */
    static Set<String> roleNames(String list) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : list.split(",", -1)) {
            String n = part.trim();
            if (n.isEmpty() || n.length() > 256) {
                throw new IllegalArgumentException("--roles: '" + list + "' has an empty or too long role name");
            }
            names.add(n);
        }
        return names;
    }

    private static List<Grant> grants(String verb, List<String> args) {
        expect(args, 3, verb + " ROLE PERM[,PERM] PATTERN, for example: " + verb + " app send,receive queue:orders.*");
        String role = args.get(0).trim();
        if (roleNames(args.get(0)).size() != 1) {
            throw new IllegalArgumentException(verb + " takes one ROLE, not '" + args.get(0) + "'");
        }
        Set<Permission> permissions = Permission.parseList(args.get(1));
        DestinationPattern pattern = DestinationPattern.parse(args.get(2));
        List<Grant> grants = new ArrayList<>();
        for (Permission p : permissions) {
            grants.add(new Grant(role, p, pattern));
        }
        return grants;
    }

    private static AdminAction destination(String verb, List<String> args) {
        DestinationKind kind = verb.equals("queue") ? DestinationKind.QUEUE : DestinationKind.TOPIC;
        String sub = args.isEmpty() ? "" : args.get(0);
        if (sub.equals("list")) {
            expect(args, 1, verb + " list");
            return new ListDestinations(kind);
        }
        if (kind == DestinationKind.QUEUE && sub.equals("stat")) {
            if (args.size() > 2) {
                throw new IllegalArgumentException("usage: queue stat [NAME]");
            }
            return new QueueStat(args.size() == 2 ? queueName(args.get(1)) : null);
        }
        if (kind == DestinationKind.QUEUE && sub.equals("purge")) {
            expect(args, 2, "queue purge NAME");
            return new PurgeQueue(queueName(args.get(1)));
        }
        if (kind == DestinationKind.QUEUE && sub.equals("move")) {
            return move(args.subList(1, args.size()));
        }
        if (!sub.equals("create") && !sub.equals("delete")) {
            throw new IllegalArgumentException("unknown verb '" + verb + " " + sub + "'; say " + verb + " create NAME, "
                    + verb + " delete NAME or " + verb + " list"
                    + (kind == DestinationKind.QUEUE ? " (or queue stat, queue purge, queue move)" : ""));
        }
        expect(args, 2, verb + " " + sub + " NAME");
        String problem = DestinationRef.nameProblem(args.get(1));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        DestinationRef d = new DestinationRef(kind, args.get(1));
        return sub.equals("create") ? new CreateDestination(d) : new DeleteDestination(d);
    }

    private static String queueName(String name) {
        String problem = DestinationRef.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return name;
    }

    private static AdminAction move(List<String> args) {
        String usage = "usage: queue move FROM TO [--selector S] [--count N]";
        if (args.size() < 2 || args.get(0).startsWith("--") || args.get(1).startsWith("--")) {
            throw new IllegalArgumentException(usage);
        }
        String selector = null;
        int count = Integer.MAX_VALUE;
        for (int i = 2; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(args.get(i) + " needs a value; " + usage);
            }
            String value = args.get(i + 1);
            switch (args.get(i)) {
                case "--selector" -> {
                    try {
                        io.tandemmq.broker.core.selector.Selector.parse(value);
                    } catch (io.tandemmq.broker.core.selector.SelectorSyntaxException e) {
                        throw new IllegalArgumentException("--selector: " + e.getMessage());
                    }
                    selector = value;
                }
                case "--count" -> {
                    try {
                        count = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        count = 0;
                    }
                    if (count < 1) {
                        throw new IllegalArgumentException("--count: '" + value + "' is not a number of messages (1 or more)");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args.get(i) + "; " + usage);
            }
        }
        return new MoveMessages(queueName(args.get(0)), queueName(args.get(1)), selector, count);
    }

    private static void expect(List<String> args, int count, String usage) {
        if (args.size() != count) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }
}
