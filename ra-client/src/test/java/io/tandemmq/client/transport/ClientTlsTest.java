package io.tandemmq.client.transport;

import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.security.cert.CertPathValidatorException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientTlsTest {

    private final ServerAddress server = new ServerAddress("127.0.0.1", 5445);

    @Test
    void untrustedServerCertificate_isASecurityErrorNamingTheTrustStoreOption() {
        SSLHandshakeException cause = new SSLHandshakeException("PKIX path building failed");
        cause.initCause(new CertPathValidatorException("no path"));
        ProtocolException e = ClientTls.handshakeFailure(server, cause);
        assertEquals(ErrorCode.SECURITY, e.code());
        assertTrue(e.getMessage().contains("trustStore=FILE"), e.getMessage());
    }

    @Test
    void serverRefusingTheClientCertificate_isASecurityErrorNamingTheKeyStoreOption() {
        // TLS 1.3: this alert reaches the client after its side of the handshake completed
        ProtocolException e = ClientTls.handshakeFailure(server, new SSLException("Received fatal alert: certificate_required"));
        assertEquals(ErrorCode.SECURITY, e.code());
        assertTrue(e.getMessage().contains("keyStore=FILE"), e.getMessage());
    }

    @Test
    void plainServerOnTheTlsPort_isAProtocolErrorSayingToUseClearText() {
        ProtocolException e = ClientTls.handshakeFailure(server, new SSLException("Unrecognized SSL message, plaintext connection?"));
        assertEquals(ErrorCode.PROTOCOL, e.code());
        assertTrue(e.getMessage().contains("tandem://"), e.getMessage());
    }

    @Test
    void brokenConnectionDuringTheHandshake_isGeneralSoThatFailoverTriesTheNextServer() {
        ProtocolException e = ClientTls.handshakeFailure(server, new IOException("Connection reset"));
        assertEquals(ErrorCode.GENERAL, e.code());
    }
}
