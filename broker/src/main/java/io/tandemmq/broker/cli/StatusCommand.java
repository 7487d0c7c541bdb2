package io.tandemmq.broker.cli;

import io.tandemmq.client.shell.ToolUrl;
import io.tandemmq.broker.ha.ServerStatus;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.WireReader;
import io.tandemmq.protocol.tls.ClientTlsSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import io.tandemmq.broker.monitoring.JsonText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * {@code status}: asks every server of the URL for its role, epoch, the lease and what it hears
 * of its partner, one line per server. A server that cannot be reached is printed as unreachable.
 */
final class StatusCommand {
    /** The client URL of the pair that {@code pair} starts with its defaults. */
    static final String DEFAULT_PAIR_URL = "tandem://127.0.0.1:61620,127.0.0.1:61621";

    /** What one server answered, or why it did not. */
    record Answer(InetSocketAddress server, ServerStatus status, String failure) {
        boolean answered() {
            return status != null;
        }

        boolean isActive() {
            return status != null && status.role().equals("active");
        }
    }

    private StatusCommand() {
    }

    static int run(List<String> args) {
        CommandOptions o = CommandOptions.parse(args, Set.of("url"), Set.of("json"));
        String url = o.url(DEFAULT_PAIR_URL);
        if (!o.problems().isEmpty()) {
            return o.usageError("status");
        }
        ToolUrl parsed = ToolUrl.parse(url);
        List<Answer> answers = query(parsed.servers(), parsed.tls());
        if (o.flag("json")) {
            System.out.println(JsonText.of(answers.stream().map(StatusCommand::asJson).toList()));
        } else {
            answers.forEach(a -> System.out.println(format(a)));
        }
        return answers.stream().anyMatch(Answer::answered) ? 0 : 1;
    }

    /** @param tls the URL's TLS settings, or null for clear text */
    static List<Answer> query(List<InetSocketAddress> servers, ClientTlsSettings tls) {
        List<Answer> answers = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            answers.add(query(server, tls));
        }
        return answers;
    }

    static Answer query(InetSocketAddress server, ClientTlsSettings tls) {
        try (AdminClient client = AdminClient.open(server, tls)) {
            client.expectQuickAnswers();
            byte[] payload = client.request(FrameType.STATUS, new byte[0]);
            return new Answer(server, ServerStatus.read(new WireReader(payload)), null);
        } catch (ProtocolException e) {
            return new Answer(server, null, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Answer(server, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** One server's answer as {@code status --json} prints it (docs/monitoring.md). */
    static Map<String, Object> asJson(Answer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", address(a.server()));
        m.put("reachable", a.answered());
        if (!a.answered()) {
            m.put("error", a.failure());
            return m;
        }
        ServerStatus s = a.status();
        m.put("name", s.name());
        m.put("role", s.role());
        m.put("epoch", s.epoch());
        m.put("clientUrl", s.clientUrl());
        Map<String, Object> lease = new LinkedHashMap<>();
        boolean known = s.leaseEpoch() >= 0;
        lease.put("owner", known ? s.leaseOwner() : null);
        lease.put("epoch", known ? s.leaseEpoch() : null);
        lease.put("released", known ? s.leaseReleased() : null);
        lease.put("ageMillis", known ? s.leaseAgeMillis() : null);
        m.put("lease", lease);
        if (s.partnerSilentMillis() < 0) {
            m.put("partner", null);
        } else {
            Map<String, Object> partner = new LinkedHashMap<>();
            partner.put("name", s.partnerName());
            partner.put("role", s.partnerRole());
            partner.put("lastHeartbeatMillis", s.partnerName() == null ? null : s.partnerSilentMillis());
            m.put("partner", partner);
        }
        m.put("note", s.note() == null ? "" : s.note());
        return m;
    }

    static String address(InetSocketAddress server) {
        return server.getHostString() + ":" + server.getPort();
    }

    /**
     * {@code a: active, epoch 3, clients tandem://127.0.0.1:61620; lease: owner a/…, epoch 3,
     * renewed 12 ms ago; partner: b passive, last heartbeat 40 ms ago}
     */
    static String format(Answer a) {
        if (!a.answered()) {
            return address(a.server()) + ": unreachable (" + a.failure() + ")";
        }
        ServerStatus s = a.status();
        return s.name() + ": " + s.role() + ", epoch " + s.epoch() + ", clients " + s.clientUrl()
                + "; lease: " + lease(s) + "; partner: " + partner(s)
                + (s.note() == null || s.note().isEmpty() ? "" : "; " + s.note());
    }

    private static String lease(ServerStatus s) {
        if (s.leaseEpoch() < 0) {
            return "unknown (the store cannot be read)";
        }
        return "owner " + (s.leaseOwner() == null ? "none" : s.leaseOwner()) + ", epoch " + s.leaseEpoch()
                + ", renewed " + s.leaseAgeMillis() + " ms ago" + (s.leaseReleased() ? ", released" : "");
    }

    private static String partner(ServerStatus s) {
        if (s.partnerSilentMillis() < 0) {
            return "none (a single server)";
        }
        if (s.partnerName() == null) {
            return "not heard yet";
        }
        return s.partnerName() + " " + s.partnerRole() + ", last heartbeat " + s.partnerSilentMillis() + " ms ago";
    }
}
