package io.tandemmq.broker.cli;

import io.tandemmq.client.shell.ToolOptions;
import io.tandemmq.protocol.DestinationInfo;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.WireReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The destination commands, sent to a running broker over the client protocol. */
final class DestinationCommand {

    private DestinationCommand() {
    }

    static int run(String command, List<String> args) {
        String url = "tandem://127.0.0.1:" + io.tandemmq.broker.config.BrokerConfigParser.DEFAULT_PORT;
        List<String> names = new ArrayList<>();
        String user = null;
        String passwordFile = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--url") && i + 1 < args.size()) {
                url = args.get(++i);
            } else if (args.get(i).equals("--user") && i + 1 < args.size()) {
                user = args.get(++i);
            } else if (args.get(i).equals("--password-file") && i + 1 < args.size()) {
                passwordFile = args.get(++i);
            } else if (args.get(i).startsWith("--")) {
                System.err.println("tandem " + command + ": unknown option " + args.get(i));
                return 2;
            } else {
                names.add(args.get(i));
            }
        }
        boolean list = command.equals("list-destinations");
        if (list != names.isEmpty() || names.size() > 1) {
            System.err.println(list ? "list-destinations takes no name" : command + " needs exactly one NAME");
            return 2;
        }
        if ((user == null) != (passwordFile == null)) {
            System.err.println("tandem: give --user and --password-file together");
            return 2;
        }
        String urlProblem = ToolOptions.urlProblem(url);
        if (urlProblem != null) {
            System.err.println("tandem " + command + ": " + urlProblem);
            return 2;
        }
        String password;
        try {
            password = passwordFile == null ? null : io.tandemmq.broker.config.PasswordFile.read(java.nio.file.Path.of(passwordFile));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("tandem: --password-file: " + e.getMessage());
            return 1;
        }
        try (AdminClient client = user == null ? AdminClient.connect(url) : AdminClient.connect(url, user, password)) {
            if (list) {
                printList(client.request(FrameType.LIST_DESTINATIONS, new byte[0]));
            } else {
                DestinationKind kind = command.endsWith("queue") ? DestinationKind.QUEUE : DestinationKind.TOPIC;
                FrameType type = command.startsWith("create") ? FrameType.CREATE_DESTINATION : FrameType.DELETE_DESTINATION;
                client.request(type, new DestinationRef(kind, names.get(0)).encode());
                System.out.println((type == FrameType.CREATE_DESTINATION ? "created " : "deleted ")
                        + kind.name().toLowerCase() + " " + names.get(0));
            }
            return 0;
        } catch (ProtocolException e) {
            System.err.println("tandem: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("tandem: cannot reach " + url + ": " + e.getMessage());
            return 1;
        }
    }

    private static void printList(byte[] payload) {
        List<DestinationInfo> list = DestinationInfo.readList(new WireReader(payload));
        System.out.printf("%-6s %-40s %10s %9s%n", "KIND", "NAME", "MESSAGES", "CONSUMERS");
        for (DestinationInfo d : list) {
            System.out.printf("%-6s %-40s %10d %9d%n", d.destination().kind().name().toLowerCase(),
                    d.destination().name(), d.messageCount(), d.consumerCount());
        }
    }
}
