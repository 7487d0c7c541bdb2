package io.tandemmq.broker.cli;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code <command> --help} (or {@code -h}) prints: the command's synopsis, what it does and
 * its options, one line each. The overview of all commands is {@link TandemCommand#usage()}.
 */
final class CommandHelp {
    private static final String STORE = """
              --data DIR               the broker's data folder (its embedded store), or
              --store JDBC_URL         a shared store: jdbc:derby://host:port/tandem;create=true or
                                       jdbc:postgresql://host:port/db (several hosts need
                                       targetServerType=primary)
              --store-user NAME        the store's database user
              --store-password-file F  a file holding its password (never on the command line)
            """;
    private static final String URL = """
              --url URL                the server(s): tandem://host:port[,host:port]; tandems:// with
                                       the TLS options in the URL (?trustStore=FILE&...); default the
                                       local broker (status, switchover: the local pair)
            """;
    private static final String ADMIN_LOGIN = """
              --user NAME              an administrator of the store's users
              --password-file FILE     a file holding that user's password
            """;

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("run", """
                    usage: java -jar tandem-broker.jar run [options]

                    Starts a broker; with --partner and --store, one server of a pair. Prints
                    'tandem: NAME ROLE URL' whenever its role changes (active, passive, fenced).

                      --name NAME              the server's name (default tandem)
                      --host ADDRESS           the address clients connect to (default 127.0.0.1)
                      --port PORT              the client port (default 61620; 0: a free one)
                    """ + STORE + """
                      --store-writers N        store connections that commit at once (default 2)
                      --config FILE            options from a file (key = value), the command line wins
                      --max-memory SIZE        message memory before bodies are paged to the store
                      --queue-window N         waiting messages per queue kept in memory; more wait
                                               in the store only (default 5000)
                      --max-frame-size SIZE    the largest frame a client may send
                      --ping-interval MS, --dead-peer-timeout MS   client connection liveness
                      --max-delivery-attempts N, --dead-letter-queue NAME, --expiry-queue NAME
                      --transaction-timeout S  XA branches left unprepared longer are rolled back
                      --auth-cache-time MS     a checked password is accepted again without the slow
                                               check for this long (default 60000; 0: never)
                      --log-level LEVEL        error, warn, info (default) or debug (with stack traces)
                      --log-file FILE          also log to FILE.0, rolled at 10 MB, five kept
                      --http-port PORT         serve /metrics (Prometheus), /health and the web
                                               console on this port of --host (default off)
                    a pair:
                      --peer-port PORT         this server's heartbeat port (default 61720)
                      --partner HOST:PORT      the partner's heartbeat port
                      --heartbeat-interval MS, --heartbeat-misses N
                      --lease-renew-interval MS, --lease-expiry MS
                      --peer-secret-file FILE, --peer-tls true   protect the heartbeat link
                    TLS for clients:
                      --tls-keystore FILE --tls-keystore-password P --tls-keystore-type T (default PKCS12)
                      --tls-truststore FILE --tls-truststore-password P --tls-truststore-type T
                      --tls-client-auth none|optional|required

                    Every option, with defaults: docs/configuration.md.
                    """),
            Map.entry("store-server", """
                    usage: java -jar tandem-broker.jar store-server --port PORT --data DIR [--host ADDRESS]
                                                                [--user NAME --password-file FILE]

                    Runs a Derby network server holding a pair's shared store (for a pair on one
                    machine or a trial; production pairs use PostgreSQL: docs/postgresql.md).
                    Prints 'tandem: store-server JDBC_URL' once it accepts connections.

                      --host ADDRESS           the address to listen on (default 127.0.0.1; 0.0.0.0: all)
                      --user NAME              require this user on every connection (Derby's built-in
                      --password-file FILE     authentication); brokers then give --store-user and
                                               --store-password-file. Without them anyone who reaches
                                               the port can read and change the store (a WARNING says
                                               so when --host is not a loopback address)
                    """),
            Map.entry("pair", """
                    usage: java -jar tandem-broker.jar pair [--data data/pair] [--port 61620] [--restart S]

                    A complete local pair for a demo: a store server and brokers a and b as child
                    processes, clients on PORT and PORT+1, web consoles (and /metrics) on
                    http://127.0.0.1:PORT+60/ and PORT+61; prints their PIDs and the command that
                    kills the active one. Ctrl-C stops all three.

                      --restart SECONDS   start a broker that died again after this pause, as a
                                          supervisor would (default 0: never)
                    """),
            Map.entry("status", """
                    usage: java -jar tandem-broker.jar status [--url URL] [--json]

                    Role, epoch, lease and partner of each server of the URL, one line each.
                    Exit 1 when no server can be reached.

                      --json                   one JSON array instead, an object per server
                                               (fields: docs/monitoring.md)
                    """ + URL),
            Map.entry("switchover", """
                    usage: java -jar tandem-broker.jar switchover [--url URL]

                    Hands the active role to the passive server, with no message lost and open
                    transactions given a few seconds to end.

                    """ + URL + ADMIN_LOGIN),
            Map.entry("create-queue", destination("create-queue NAME", "Creates a queue on the running broker.")),
            Map.entry("create-topic", destination("create-topic NAME", "Creates a topic on the running broker.")),
            Map.entry("delete-queue", destination("delete-queue NAME", "Deletes a queue and its messages.")),
            Map.entry("delete-topic", destination("delete-topic NAME", "Deletes a topic that has no subscriptions.")),
            Map.entry("list-destinations", destination("list-destinations",
                    "Lists queues and topics with message and consumer counts.")),
            Map.entry("admin", """
                    usage: java -jar tandem-broker.jar admin [--url URL] [--user NAME --password-file FILE] VERB ...

                    Carries out one admin verb on the active server (over the client port). Verbs:
                      user add NAME --password-file FILE --roles R1[,R2] | user remove NAME | user list
                      user passwd NAME --password-file FILE | grants ROLE
                      grant ROLE PERMS PATTERN | revoke ROLE PERMS PATTERN
                      backup FOLDER (a folder on the broker's machine; the backup command does this)
                      queue create|delete|list [NAME] | topic create|delete|list [NAME]
                      queue stat [NAME] | queue purge NAME | queue move FROM TO [--selector S] [--count N]
                      connections
                      bind JNDI_NAME queue|topic|connection-factory TARGET | unbind JNDI_NAME | list-bindings
                      anonymous on|off

                    """ + URL + ADMIN_LOGIN + """

                    Every verb: docs/administration.md.
                    """),
            Map.entry("queue", """
                    usage: java -jar tandem-broker.jar queue VERB ... [--url URL] [--user NAME --password-file FILE]

                    The queue verbs of admin, carried out by the active server:
                      queue stat [NAME]        a header line, then per queue: name, waiting, in flight,
                                               consumers, enqueued, dequeued, expired, moved to the
                                               dead-letter queue, in/s and out/s (last 5-10 s),
                                               seconds since the oldest waiting message was sent
                      queue purge NAME         removes the waiting messages (not those in delivery)
                      queue move FROM TO [--selector S] [--count N]
                                               moves waiting messages, oldest first (dead letters back
                                               to their queue: queue move DLQ orders)
                      queue list | queue create NAME | queue delete NAME

                    stat needs the monitor or admin permission; purge and move admin on the queues.
                    """ + URL + ADMIN_LOGIN),
            Map.entry("connections", """
                    usage: java -jar tandem-broker.jar connections [--url URL] [--user NAME --password-file FILE]

                    The active server's client connections: address, user, client id, sessions and
                    consumers, one line each after a header (monitor or admin permission).
                    """ + URL + ADMIN_LOGIN),
            Map.entry("backup", """
                    usage: java -jar tandem-broker.jar backup FOLDER [--url URL] [--user NAME --password-file FILE]
                           java -jar tandem-broker.jar backup FOLDER (--data DIR | --store JDBC_URL ...)

                    Derby's online backup of the store into FOLDER/DATABASE (store for a broker's
                    --data, tandem for a store server): with --url the active broker makes it while
                    it serves (an administrator's credentials once the store holds users); with
                    --data or --store it is made on a stopped broker's store. FOLDER is on the
                    machine of the Derby engine (the broker's, or the store server's). A PostgreSQL
                    store is backed up with pg_basebackup or pg_dump (docs/postgresql.md).
                    """ + URL + ADMIN_LOGIN),
            Map.entry("restore", """
                    usage: java -jar tandem-broker.jar restore --from BACKUP/DATABASE --data DIR

                    Creates DIR/DATABASE from a backup (a new folder: an existing one is refused and
                    left alone); then start a broker with --data DIR (or a store server on DIR).
                    """),
            Map.entry("user", offline("user add NAME --password-file FILE --roles R1[,R2] | user remove NAME | user list"
                    + "\n       | user passwd NAME --password-file FILE",
                    "Adds, removes or lists the store's users, or gives one a new password, with no broker running.")),
            Map.entry("grants", offline("grants ROLE", "Lists a role's grants: permission and destination pattern.")),
            Map.entry("grant", offline("grant ROLE PERMS PATTERN",
                    "Gives a role permissions (send,receive,browse,create,delete,admin,monitor) on destinations such as"
                            + "\nqueue:orders.*, with no broker running.")),
            Map.entry("revoke", offline("revoke ROLE PERMS PATTERN", "Takes permissions away again.")),
            Map.entry("bind", offline("bind JNDI_NAME queue|topic|connection-factory TARGET",
                    "Gives a queue, a topic or a connection factory URL a JNDI name served by the broker.")),
            Map.entry("unbind", offline("unbind JNDI_NAME", "Removes a JNDI name.")),
            Map.entry("list-bindings", offline("list-bindings", "Lists the JNDI names.")),
            Map.entry("anonymous-access", offline("anonymous-access on|off",
                    "Lets connections without credentials in as role guest, or not.")),
            Map.entry("completion", """
                    usage: java -jar tandem-broker.jar completion bash

                    Prints a bash completion script for the commands and their options (bash is the
                    only shell so far). Install it with
                      source <(java -jar tandem-broker.jar completion bash)
                    and an alias tandem='java -jar /path/to/tandem-broker.jar'.
                    """));

    private CommandHelp() {
    }

    private static String destination(String synopsis, String what) {
        return "usage: java -jar tandem-broker.jar " + synopsis + " [--url URL] [--user NAME --password-file FILE]\n\n"
                + what + "\n\n" + URL + ADMIN_LOGIN;
    }

    private static String offline(String synopsis, String what) {
        return "usage: java -jar tandem-broker.jar " + synopsis + " (--data DIR | --store JDBC_URL ...)\n\n" + what
                + "\nWorks on the store directly: for the first administrator, before any broker runs, or for a"
                + "\nstopped broker; with a running one use admin.\n\n" + STORE;
    }

    /** The commands that have a help text, for shell completion. */
    static java.util.Set<String> commands() {
        return HELP.keySet();
    }

    /** The help of {@code command}, or empty when there is no such command. */
    static Optional<String> of(String command) {
        return Optional.ofNullable(HELP.get(command)).map(String::stripTrailing);
    }

    /** Whether the arguments after the command ask for its help. */
    static boolean asked(java.util.List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }
}
