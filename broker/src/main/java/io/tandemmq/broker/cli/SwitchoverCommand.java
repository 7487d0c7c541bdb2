package io.tandemmq.broker.cli;

import io.tandemmq.client.shell.ToolUrl;
import io.tandemmq.broker.config.PasswordFile;
import io.tandemmq.protocol.Credentials;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.tls.ClientTlsSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code switchover [--url URL] [--user NAME --password-file FILE]}: finds the active server of
 * the URL, asks it to hand the active role to its passive partner, and waits until the partner
 * says it is active. Once the store holds users the server wants an administrator's credentials
 * (these options, or {@code user} and {@code password} in the URL).
 */
final class SwitchoverCommand {
    private static final long TAKEOVER_WAIT_MILLIS = 10_000;
    /** The active server first lets writes in flight finish; that may take a while under load. */
    private static final int SWITCHOVER_ANSWER_MILLIS = 45_000;

    private SwitchoverCommand() {
    }

    static int run(List<String> args) {
        CommandOptions o = CommandOptions.parse(args, Set.of("url", "user", "password-file"));
        String url = o.url(StatusCommand.DEFAULT_PAIR_URL);
        String passwordFile = o.get("password-file", null);
        if (o.get("user", null) != null && passwordFile == null || o.get("user", null) == null && passwordFile != null) {
            o.problem("give --user and --password-file together");
        }
        if (!o.problems().isEmpty()) {
            return o.usageError("switchover");
        }
        ToolUrl parsed = ToolUrl.parse(url);
        String user = o.get("user", parsed.user());
        String password = parsed.password();
        List<InetSocketAddress> servers = parsed.servers();
        ClientTlsSettings tls = parsed.tls();
        try {
            password = passwordFile == null ? password : PasswordFile.read(Path.of(passwordFile));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("tandem switchover: " + e.getMessage());
            return 1;
        }
        List<StatusCommand.Answer> before = StatusCommand.query(servers, tls);
        Optional<StatusCommand.Answer> active = before.stream().filter(StatusCommand.Answer::isActive).findFirst();
        if (active.isEmpty()) {
            System.err.println("tandem: switchover failed: no server of " + url + " is active");
            before.forEach(a -> System.err.println("  " + StatusCommand.format(a)));
            return 1;
        }
        String oldName = active.get().status().name();
        try (AdminClient client = AdminClient.open(active.get().server(), tls)) {
            client.timeout(SWITCHOVER_ANSWER_MILLIS);
            client.request(FrameType.SWITCHOVER, new Credentials(user, password).encode());
        } catch (ProtocolException e) {
            System.err.println("tandem: switchover failed: " + oldName + " refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("tandem: switchover failed: no answer from " + oldName + " ("
                    + StatusCommand.address(active.get().server()) + "): "
                    + (e instanceof java.io.EOFException ? "it closed the connection" : e.getMessage()));
            return 1;
        }
        System.out.println("tandem: " + oldName + " handed over the active role");
        Optional<String> successor = awaitSuccessor(servers, tls, oldName);
        List<StatusCommand.Answer> after = StatusCommand.query(servers, tls);
        if (successor.isEmpty()) {
            System.err.println("tandem: switchover failed: no other server became active within "
                    + TimeUnit.MILLISECONDS.toSeconds(TAKEOVER_WAIT_MILLIS) + " s");
            after.forEach(a -> System.err.println("  " + StatusCommand.format(a)));
            return 1;
        }
        System.out.println("tandem: " + successor.get() + " is active now");
        after.forEach(a -> System.out.println(StatusCommand.format(a)));
        return 0;
    }

    /**
     * Polls until a server other than {@code oldName} says it is active, or the old one hears an
     * active partner (when the URL names only the old active server).
     */
    private static Optional<String> awaitSuccessor(List<InetSocketAddress> servers, ClientTlsSettings tls, String oldName) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TAKEOVER_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            for (StatusCommand.Answer a : StatusCommand.query(servers, tls)) {
                if (!a.answered()) {
                    continue;
                }
                if (a.isActive() && !a.status().name().equals(oldName)) {
                    return Optional.of(a.status().name());
                }
                if (a.status().name().equals(oldName) && "active".equals(a.status().partnerRole())
                        && a.status().partnerSilentMillis() >= 0 && a.status().partnerSilentMillis() < 1000) {
                    return Optional.of(a.status().partnerName());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }
}
