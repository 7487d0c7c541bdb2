package io.tandemmq.broker.cli;

import io.tandemmq.broker.config.PasswordFile;
import io.tandemmq.broker.admin.AdminAction;
import io.tandemmq.broker.config.BrokerConfigParser;
import io.tandemmq.protocol.AdminRequest;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.TextLines;
import io.tandemmq.protocol.WireReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code admin [--url URL] [--user NAME --password-file FILE] VERB ...}: one admin verb carried
 * out by the active server of the URL (each server is tried in turn; a passive one is skipped).
 * The verb's words are checked here first, so bad input never reaches a broker, and again by the
 * broker. Exit codes: 0 done, 1 refused or unreachable, 2 bad usage; failures are one line.
 */
final class AdminCommand {
    private static final Set<String> OPTIONS = Set.of("url", "user", "password-file");

    private AdminCommand() {
    }

    static int run(List<String> args) {
        return run("admin", args);
    }

    /** @param command what the operator typed ({@code admin}, {@code queue}, {@code backup}...), for the messages */
    static int run(String command, List<String> args) {
        int verbAt = 0;
        while (verbAt < args.size() && args.get(verbAt).startsWith("--")) {
            verbAt += args.get(verbAt).contains("=") ? 1 : 2;
        }
        verbAt = Math.min(verbAt, args.size());
        CommandOptions o = CommandOptions.parse(args.subList(0, verbAt), OPTIONS);
        String url = o.url("tandem://127.0.0.1:" + BrokerConfigParser.DEFAULT_PORT);
        String user = o.get("user", null);
        String passwordFile = o.get("password-file", null);
        if ((user == null) != (passwordFile == null)) {
            o.problem("give --user and --password-file together");
        }
        List<String> words = null;
        try {
            words = PasswordFile.inline(args.subList(verbAt, args.size()));
            AdminAction.parse(words);
        } catch (IllegalArgumentException e) {
            o.problem(e.getMessage());
        } catch (IOException e) {
            System.err.println("tandem " + command + ": " + e.getMessage());
            return 1;
        }
        if (!o.problems().isEmpty()) {
            return o.usageError(command);
        }
        String password;
        try {
            password = passwordFile == null ? null : PasswordFile.read(Path.of(passwordFile));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("tandem " + command + ": " + e.getMessage());
            return 1;
        }
        return send(command, url, user, password, words);
    }

    private static int send(String command, String url, String user, String password, List<String> words) {
        try (AdminClient client = AdminClient.connect(url, user, password)) {
            byte[] reply = client.request(FrameType.ADMIN, new AdminRequest(words).encode());
            TextLines.read(new WireReader(reply)).lines().forEach(System.out::println);
            return 0;
        } catch (ProtocolException e) {
            System.err.println("tandem " + command + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("tandem " + command + ": cannot reach an active server of " + url + ": " + e.getMessage());
            return 1;
        }
    }
}
