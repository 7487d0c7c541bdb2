package io.tandemmq.client.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.ProtocolException;
import io.tandemmq.protocol.tls.ClientTlsSettings;
import io.tandemmq.protocol.tls.TlsSetupException;

import javax.net.ssl.SSLException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

/**
 * The client's side of TLS: a Netty context from a URL's {@link ClientTlsSettings} (the JDK's
 * TLS, no native library), and plain words for why a handshake failed.
 */
final class ClientTls {

    private ClientTls() {
    }

    /**
     * @throws ProtocolException SECURITY when a key or trust store cannot be read (the message
     *         names the file), so that no connection attempt is made with a broken setup
     */
    static SslContext context(ClientTlsSettings tls) throws ProtocolException {
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(ClientTlsSettings.PROTOCOLS)
                    .trustManager(tls.trustManagers())
                    .endpointIdentificationAlgorithm(tls.verifyHost() ? "HTTPS" : null);
            if (tls.keyStore() != null) {
                b.keyManager(tls.keyStore().keyManagers());
            }
            return b.build();
        } catch (TlsSetupException e) {
            throw new ProtocolException(ErrorCode.SECURITY, "TLS: " + e.getMessage(), e);
        } catch (SSLException e) {
            throw new ProtocolException(ErrorCode.SECURITY, "TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    /**
     * Why a handshake with {@code server} failed, as an error the failover logic understands: a
     * certificate that is not trusted or does not name the host is SECURITY (trying again cannot
     * help), a server that does not speak TLS is PROTOCOL, anything else (the connection broke)
     * GENERAL.
     */
    static ProtocolException handshakeFailure(ServerAddress server, Throwable cause) {
        String prefix = "TLS handshake with " + server + " failed: ";
        if (has(cause, CertPathValidatorException.class) || text(cause).contains("PKIX path")) {
            return new ProtocolException(ErrorCode.SECURITY, prefix + "the server's certificate is not trusted (give"
                    + " trustStore=FILE with the broker's certificate or its CA, or set javax.net.ssl.trustStore)", cause);
        }
        if (has(cause, CertificateException.class)) {
            return new ProtocolException(ErrorCode.SECURITY, prefix + "the server's certificate does not name "
                    + server.host() + " (" + rootMessage(cause) + "; verifyHost=false turns this check off)", cause);
        }
        if (cause instanceof SSLException && text(cause).contains("nrecognized SSL message")
                || cause instanceof io.netty.handler.ssl.NotSslRecordException) {
            return new ProtocolException(ErrorCode.PROTOCOL, prefix + "the server does not speak TLS on this port"
                    + " (use tandem:// for a port without TLS)", cause);
        }
        if (text(cause).contains("certificate_required") || text(cause).contains("bad_certificate")) {
            return new ProtocolException(ErrorCode.SECURITY, prefix + "the server refused this client's certificate or"
                    + " requires one (" + rootMessage(cause) + "; give keyStore=FILE with a certificate the server trusts)",
                    cause);
        }
        if (cause instanceof SSLException) {
            return new ProtocolException(ErrorCode.SECURITY, prefix + rootMessage(cause), cause);
        }
        return new ProtocolException(ErrorCode.GENERAL, prefix + rootMessage(cause), cause);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String text(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append(' ');
        }
        return b.toString();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return String.valueOf(c.getMessage());
    }
}
