package io.tandemmq.broker.cli;

import io.tandemmq.broker.config.LogConfig;
import io.tandemmq.broker.logging.LogSetup;

import io.tandemmq.client.shell.MessageTools;

import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar tandem-broker.jar <command> [options]}: the broker's command line. Exit codes:
 * 0 done, 1 the command failed, 2 bad usage.
 */
public final class TandemCommand {

    /** This build's version, as clients report it (ConnectionMetaData.getProviderVersion). */
    static final String VERSION = io.tandemmq.protocol.TandemVersion.VERSION;

    private TandemCommand() {
    }

    public static void main(String[] args) {
        LogSetup.installManager();
        try {
            LogSetup.configure(LogConfig.DEFAULT);
        } catch (java.io.IOException e) {
            // the defaults open no file
        }
        ParentWatch.start();
        int code = run(args);
        LogSetup.close();
        System.exit(code);
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--version") || args[0].equals("version")) {
            System.out.println("tandem " + VERSION);
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (MessageTools.isTool(args[0])) {
            if (CommandHelp.asked(rest)) {
                System.out.println(MessageTools.help(args[0]));
                return 0;
            }
            return MessageTools.run(args[0], rest);
        }
        if (CommandHelp.asked(rest)) {
            var help = CommandHelp.of(args[0]);
            if (help.isPresent()) {
                System.out.println(help.get());
                return 0;
            }
        }
        return switch (args[0]) {
            case "run" -> RunCommand.run(rest);
            case "store-server" -> StoreServerCommand.run(rest);
            case "pair" -> PairCommand.run(rest);
            case "status" -> StatusCommand.run(rest);
            case "switchover" -> SwitchoverCommand.run(rest);
            case "create-queue", "create-topic", "delete-queue", "delete-topic", "list-destinations" ->
                    DestinationCommand.run(args[0], rest);
            case "admin" -> AdminCommand.run(rest);
            case "queue", "connections" -> AdminVerbCommand.run(args[0], rest);
            case "backup" -> BackupCommand.backup(rest);
            case "completion" -> ShellCompletion.run(rest);
            case "restore" -> BackupCommand.restore(rest);
            case "user", "grant", "grants", "revoke", "bind", "unbind", "list-bindings", "anonymous-access" ->
                    OfflineAdminCommand.run(args[0], rest);
            default -> {
                System.err.println("tandem: unknown command '" + args[0] + "'\nsee 'java -jar tandem-broker.jar --help'");
                yield 2;
            }
        };
    }

    static String usage() {
        return String.join("\n",
                "usage: java -jar tandem-broker.jar <command> [options]",
                "",
                "  run                      start a broker (options: --name --host --port --data --store",
                "                           --store-user --store-password-file --store-writers N --config FILE",
                "                           --max-memory --max-frame-size --ping-interval --dead-peer-timeout",
                "                           --max-delivery-attempts --dead-letter-queue --expiry-queue",
                "                           --transaction-timeout --auth-cache-time --log-level --log-file",
                "                           --http-port --queue-window; for a pair: --peer-port",
                "                           --partner HOST:PEERPORT --heartbeat-interval --heartbeat-misses",
                "                           --lease-renew-interval --lease-expiry; TLS: --tls-keystore",
                "                           --tls-keystore-password --tls-keystore-type --tls-truststore",
                "                           --tls-truststore-password --tls-truststore-type --tls-client-auth;",
                "                           heartbeat link: --peer-tls true --peer-secret-file FILE)",
                "  store-server             start a Derby network server holding a pair's shared store",
                "                           (--port PORT --data DIR [--host 127.0.0.1])",
                "  pair                     a complete local pair: a store server and brokers a and b as",
                "                           child processes, clients on PORT and PORT+1",
                "                           ([--data data/pair] [--port 61620] [--restart S]); Ctrl-C stops",
                "                           all three",
                "  status                   role, epoch, lease and partner of each server",
                "                           (--url tandem://127.0.0.1:61620,127.0.0.1:61621)",
                "  switchover               hand the active role to the passive server (--url as for status)",
                "  create-queue NAME        create a queue on a running broker (--url tandem://host:port)",
                "  create-topic NAME        create a topic on a running broker",
                "  delete-queue NAME        delete a queue and its messages",
                "  delete-topic NAME        delete a topic that has no subscriptions",
                "  list-destinations        list queues and topics with message and consumer counts",
                "  send, receive, browse    messages from the shell through the client (--url URL",
                "                           --queue NAME | --topic NAME; --count N, --size BYTES, --text T...)",
                "  queue stat [NAME]        depth, in flight, consumers, counts and rates of the queues",
                "  queue purge NAME         remove a queue's waiting messages",
                "  queue move FROM TO       move waiting messages (--selector S --count N), e.g. DLQ back",
                "  connections              the active server's client connections",
                "  backup FOLDER            Derby online backup of the store (--url ... by the active",
                "                           broker, or --data DIR / --store URL on a stopped one)",
                "  restore --from BACKUP --data DIR   a new data folder from a backup",
                "                           (all four: --url URL [--user NAME --password-file FILE])",
                "  admin VERB ...           an admin verb carried out by the active server",
                "                           ([--url URL] [--user NAME --password-file FILE]); verbs:",
                "                           user add NAME --password-file FILE --roles R1[,R2] | user remove NAME",
                "                           | user list | user passwd NAME --password-file FILE | grants ROLE",
                "                           | grant ROLE PERMS PATTERN | revoke ROLE PERMS PATTERN | backup FOLDER",
                "                           | queue create|delete NAME | topic create|delete NAME | queue list",
                "                           | topic list | bind JNDI_NAME queue|topic|connection-factory TARGET",
                "                           | unbind JNDI_NAME | list-bindings | anonymous on|off",
                "                           | queue stat|purge|move ... | connections",
                "  user add NAME            add a user to the store, offline (--password-file FILE",
                "                           --roles R1[,R2] and --data DIR or --store JDBC_URL)",
                "  user remove NAME, user list, user passwd NAME --password-file FILE, grants ROLE,",
                "  list-bindings, unbind JNDI_NAME",
                "                           offline, on the store (--data DIR or --store URL)",
                "  grant ROLE PERMS PATTERN give a role permissions (send,receive,browse,create,delete,admin,",
                "                           monitor)",
                "                           on destinations such as queue:orders.* (--data DIR or --store URL)",
                "  revoke ROLE PERMS PATTERN  take them away again (--data DIR or --store URL)",
                "  bind JNDI_NAME KIND TARGET  a JNDI name for a queue, topic or connection-factory URL",
                "                           (--data DIR or --store URL)",
                "  anonymous-access on|off  let connections without credentials in as role guest",
                "                           (--data DIR or --store URL)",
                "  completion bash          a bash completion script: source <(java -jar tandem-broker.jar completion bash)",
                "",
                "<command> --help (or -h) shows a command's options; --version the version.",
                "See docs/configuration.md for every option.");
    }
}
