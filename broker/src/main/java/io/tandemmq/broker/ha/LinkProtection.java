package io.tandemmq.broker.ha;

import io.netty.handler.ssl.SslContext;
import io.tandemmq.broker.config.PeerSecret;

/**
 * How the heartbeat link keeps strangers out: TLS with a certificate on both ends, a shared
 * secret proven at link setup ({@link PeerChallenge}), both, or neither (a trusted network only).
 *
 * @param server the heartbeat port's TLS context (requires the partner's certificate), or null
 * @param client the TLS context for connecting to the partner, or null; set together with {@code server}
 * @param secret the shared secret, or null
 */
public record LinkProtection(SslContext server, SslContext client, PeerSecret secret) {

    public boolean tls() {
        return server != null;
    }

    /** A link without TLS and without secret. */
    public static LinkProtection none() {
        return new LinkProtection(null, null, null);
    }

    /** For the log: what protects the link. */
    public String describe() {
        if (tls() && secret != null) {
            return "TLS with certificates on both ends and a shared secret";
        }
        if (tls()) {
            return "TLS with certificates on both ends";
        }
        return secret != null ? "a shared secret (no TLS: heartbeats travel readable, but signed)"
                : "nothing (clear text, no authentication: use a trusted network, --peer-secret-file or --peer-tls)";
    }
}
