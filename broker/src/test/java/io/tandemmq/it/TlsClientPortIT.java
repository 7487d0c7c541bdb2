package io.tandemmq.it;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.ErrorReply;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.Hello;
import io.tandemmq.protocol.ProtocolVersion;
import io.tandemmq.protocol.WireReader;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.naming.Context;
import javax.naming.InitialContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker whose client port runs TLS (keys made by {@link TestKeyStores}): clients that trust its
 * certificate work over {@code tandems://} and {@code ssl=true}, JNDI and the command line too;
 * a client that does not trust it, one whose certificate check fails on the host name, and a
 * client of the wrong kind (clear text on the TLS port, TLS on a clear-text port) each fail at
 * once with an exception that says why; bad key store options stop the broker with one line.
 */
class TlsClientPortIT {
    @TempDir
    static Path dir;
    static TestKeyStores keys;
    static BrokerProcess broker;

    @BeforeAll
    static void start() throws Exception {
        keys = TestKeyStores.get();
        broker = BrokerProcess.start(dir, keys.brokerTlsArgs().toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static Connection connect(String url) throws JMSException {
        return new TandemConnectionFactory(url).createConnection();
    }

    /** The broker's URL with {@code tandem://} instead of {@code tandems://}. */
    private static String clearTextUrl() {
        return broker.url().replace("tandems://", "tandem://");
    }

    @Test
    void theBrokerAnnouncesATandemsUrl() {
        assertTrue(broker.url().startsWith("tandems://127.0.0.1:"), broker.url());
    }

    @Test
    void clientTrustingTheBrokersCertificate_sendsAndReceivesOverTandemsUrl() throws Exception {
        SecurityIT.roundTrip(connect(broker.url() + "?" + keys.clientTrust()), "tls.scheme", "over TLS");
    }

    @Test
    void sslTrueOption_turnsTlsOnLikeTheTandemsScheme() throws Exception {
        SecurityIT.roundTrip(connect(clearTextUrl() + "?ssl=true&" + keys.clientTrust()), "tls.option", "ssl=true");
    }

    @Test
    void hostNameInTheCertificate_isAcceptedUnderThatName() throws Exception {
        String byName = broker.url().replace("127.0.0.1", "localhost");
        SecurityIT.roundTrip(connect(byName + "?" + keys.clientTrust()), "tls.localhost", "by name");
    }

    @Test
    void jndiFactoryForATandemsUrl_connectsOverTls() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "io.tandemmq.client.jndi.TandemInitialContextFactory");
        env.put("connectionFactory.secure", broker.url() + "?" + keys.clientTrust());
        Context ctx = new InitialContext(env);
        try {
            ConnectionFactory cf = (ConnectionFactory) ctx.lookup("secure");
            SecurityIT.roundTrip(cf.createConnection(), "tls.jndi", "through JNDI");
        } finally {
            ctx.close();
        }
    }

    @Test
    void clientTrustingAnotherCertificate_isRefusedAtOnceWithJMSSecurityException() {
        long start = System.nanoTime();
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> connect(broker.url()
                + "?trustStore=" + keys.strangerTrust() + "&trustStorePassword=" + TestKeyStores.PASSWORD));
        assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused without waiting for failover");
    }

    @Test
    void clientWithOnlyTheJvmDefaultTrust_doesNotTrustASelfSignedBroker() {
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> connect(broker.url()));
        assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
    }

    @Test
    void missingTrustStoreFile_isNamedInTheException() {
        JMSException e = assertThrows(JMSException.class, () -> connect(broker.url() + "?trustStore="
                + dir.resolve("nowhere.p12") + "&trustStorePassword=x"));
        assertTrue(e.getMessage().contains("nowhere.p12") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void clearTextClientOnTheTlsPort_isToldThePortSpeaksTls() {
        JMSException e = assertThrows(JMSException.class, () -> connect(clearTextUrl()));
        assertTrue(e.getMessage().contains("this port speaks TLS"), e.getMessage());
    }

    @Test
    void clearTextFramesSentInOneBurst_getOnlyTheTlsError_andNoAnswer() throws Exception {
        try (BadInputIT.RawClient raw = new BadInputIT.RawClient(clearTextUrl())) {
            java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream frames = new java.io.DataOutputStream(burst);
            frames.writeInt(9);
            frames.writeByte(FrameType.STATUS.code());
            frames.writeLong(1);
            byte[] hello = new Hello(ProtocolVersion.CURRENT, null, null, null, 5_000, 30_000).encode();
            frames.writeInt(9 + hello.length);
            frames.writeByte(FrameType.HELLO.code());
            frames.writeLong(2);
            frames.write(hello);
            raw.out.write(burst.toByteArray());
            raw.out.flush();
            BadInputIT.Frame f = raw.expectErrorAndClose(ErrorCode.PROTOCOL);
            assertEquals(0, f.correlationId(), "neither request is answered");
            assertTrue(ErrorReply.read(new WireReader(f.payload())).message().contains("this port speaks TLS"));
        }
    }

    @Test
    void tlsClientOnAClearTextPort_isToldTheServerDoesNotSpeakTls() throws Exception {
        try (BrokerProcess plain = BrokerProcess.start(dir)) {
            String url = plain.url().replace("tandem://", "tandems://") + "?" + keys.clientTrust();
            JMSException e = assertThrows(JMSException.class, () -> connect(url));
            assertTrue(e.getMessage().contains("does not speak TLS"), e.getMessage());
        }
    }

    @Test
    void certificateThatDoesNotNameTheHost_isRefused_unlessVerifyHostIsOff() throws Exception {
        try (BrokerProcess other = BrokerProcess.start(dir, "--tls-keystore", keys.strangerKeys().toString(),
                "--tls-keystore-password", TestKeyStores.PASSWORD)) {
            String trusting = other.url() + "?trustStore=" + keys.strangerTrust() + "&trustStorePassword="
                    + TestKeyStores.PASSWORD;
            JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> connect(trusting));
            assertTrue(e.getMessage().contains("does not name 127.0.0.1"), e.getMessage());
            SecurityIT.roundTrip(connect(trusting + "&verifyHost=false"), "tls.noverify", "host not checked");
        }
    }

    @Test
    void brokerRequiringClientCertificates_letsInATrustedOne_andRefusesAClientWithout() throws Exception {
        try (BrokerProcess strict = BrokerProcess.start(dir, "--tls-keystore", keys.brokerKeys().toString(),
                "--tls-keystore-password", TestKeyStores.PASSWORD, "--tls-truststore", keys.brokerTrust().toString(),
                "--tls-truststore-password", TestKeyStores.PASSWORD, "--tls-client-auth", "required")) {
            String trusting = strict.url() + "?" + keys.clientTrust();
            SecurityIT.roundTrip(connect(trusting + "&keyStore=" + keys.brokerKeys() + "&keyStorePassword="
                    + TestKeyStores.PASSWORD), "tls.clientcert", "with a certificate");
            JMSException e = assertThrows(JMSException.class, () -> connect(trusting + "&reconnectTotalTime=0"));
            assertTrue(e.getMessage().contains("certificate"), e.getMessage());
        }
    }

    @Test
    void statusCommand_speaksTlsWithTheUrlsTrustStore() throws Exception {
        Cli.Result ok = Cli.tandem(dir, "status", "--url", broker.url() + "?" + keys.clientTrust());
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.out().contains(": active,"), ok.toString());
        Cli.Result untrusted = Cli.tandem(dir, "status", "--url", broker.url());
        assertEquals(1, untrusted.exitCode(), untrusted.toString());
        assertTrue(untrusted.out().contains("unreachable (TLS handshake"), untrusted.toString());
    }

    @Test
    void missingKeyStoreOrWrongPassword_stopsTheBrokerWithOneLineNamingTheOption() throws Exception {
        Cli.Result missing = run("--tls-keystore", dir.resolve("absent.p12").toString(), "--tls-keystore-password", "x");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("--tls-keystore: key store ") && missing.err().contains("does not exist"),
                missing.toString());
        Cli.Result wrong = run("--tls-keystore", keys.brokerKeys().toString(), "--tls-keystore-password", "wrong");
        assertEquals(2, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("--tls-keystore-password: wrong password for key store"), wrong.toString());
        Cli.Result auth = run("--tls-keystore", keys.brokerKeys().toString(), "--tls-keystore-password",
                TestKeyStores.PASSWORD, "--tls-client-auth", "sometimes");
        assertEquals(2, auth.exitCode(), auth.toString());
        assertTrue(auth.err().contains("--tls-client-auth: 'sometimes' is not none, optional or required"), auth.toString());
    }

    private static Cli.Result run(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--port", "0", "--data", dir.resolve("never").toString()));
        args.addAll(List.of(options));
        return Cli.tandem(dir, args.toArray(String[]::new));
    }
}
