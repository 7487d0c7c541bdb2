package io.tandemmq.broker.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsOptionsTest {
    @TempDir
    Path dir;

    private static List<String> problems(String... args) {
        return assertThrows(ConfigException.class, () -> BrokerConfigParser.parse(List.of(args))).problems();
    }

    @Test
    void withoutTlsOptions_theBrokerRunsInClearTextWithAnUnprotectedLink() throws Exception {
        BrokerConfig c = BrokerConfigParser.parse(List.of());
        assertNull(c.tls());
        assertFalse(c.ha().peerTls());
        assertNull(c.ha().peerSecret());
        assertEquals("tandem://", c.clientScheme());
    }

    @Test
    void peerSecretFile_isReadWithoutItsLineBreak() throws Exception {
        Path f = dir.resolve("s");
        Files.writeString(f, "sixteen-plus characters\n");
        PeerSecret s = BrokerConfigParser.parse(List.of("--peer-secret-file", f.toString())).ha().peerSecret();
        assertEquals(new PeerSecret("sixteen-plus characters".getBytes(java.nio.charset.StandardCharsets.UTF_8)), s);
    }

    @Test
    void badPeerSecretFiles_areNamed() throws Exception {
        Path shortOne = dir.resolve("short");
        Files.writeString(shortOne, "short\n");
        assertTrue(problems("--peer-secret-file", shortOne.toString()).get(0)
                .startsWith("--peer-secret-file: " + shortOne + " holds 5 characters"));
        assertEquals(List.of("--peer-secret-file: " + dir.resolve("absent") + " does not exist"),
                problems("--peer-secret-file", dir.resolve("absent").toString()));
    }

    @Test
    void tlsOptionsThatNeedOthers_areNamed() {
        assertEquals(List.of("--tls-truststore needs --tls-keystore (TLS is off without a key)"),
                problems("--tls-truststore", "t.p12"));
        assertEquals(List.of("--tls-keystore-password needs --tls-keystore"), problems("--tls-keystore-password", "x"));
        assertEquals(List.of("--peer-tls needs --tls-keystore and --tls-truststore (the certificates the partner's"
                + " certificate must chain to)"), problems("--peer-tls", "true"));
        assertEquals(List.of("--peer-tls: 'yes' is not true or false"), problems("--peer-tls", "yes"));
    }

    @Test
    void keyStoreThatIsNotOne_isNamedUnderItsOption() throws Exception {
        Path junk = dir.resolve("junk.p12");
        Files.writeString(junk, "not a key store");
        List<String> p = problems("--tls-keystore", junk.toString(), "--tls-keystore-password", "x");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("--tls-keystore: cannot read key store " + junk), p.get(0));
    }
}
