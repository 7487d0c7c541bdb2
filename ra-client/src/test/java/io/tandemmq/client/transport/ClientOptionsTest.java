package io.tandemmq.client.transport;

import io.tandemmq.protocol.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientOptionsTest {

    private static String problemsOf(String url) {
        return assertThrows(IllegalArgumentException.class, () -> ClientOptions.parse(url)).getMessage();
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "'" + part + "' not in: " + text);
    }

    @Test
    void oneServer_isParsedIntoHostAndPort() {
        ClientOptions o = ClientOptions.parse("tandem://broker1:61620");
        assertEquals(List.of(new ServerAddress("broker1", 61620)), o.servers());
        assertEquals("tandem://broker1:61620", o.url());
    }

    @Test
    void severalServers_keepTheirOrder() {
        ClientOptions o = ClientOptions.parse("tandem://a:1, b.example.com:2 ,10.0.0.3:65535/");
        assertEquals(List.of(new ServerAddress("a", 1), new ServerAddress("b.example.com", 2),
                new ServerAddress("10.0.0.3", 65535)), o.servers());
    }

    @Test
    void ipv6LiteralInBrackets_isParsedWithoutTheBrackets() {
        ClientOptions o = ClientOptions.parse("tandem://[::1]:61620,[fe80::1%25eth0]:2");
        assertEquals(List.of(new ServerAddress("::1", 61620), new ServerAddress("fe80::1%25eth0", 2)), o.servers());
    }

    @Test
    void noOptions_giveTheDefaults() {
        ClientOptions o = ClientOptions.parse("tandem://h:1");
        assertNull(o.clientId());
        assertNull(o.user());
        assertNull(o.password());
        assertEquals(100, o.prefetch());
        assertEquals(5_000, o.connectTimeoutMillis());
        assertEquals(30_000, o.requestTimeoutMillis());
        assertEquals(5_000, o.pingIntervalMillis());
        assertEquals(30_000, o.deadPeerMillis());
        assertEquals(ProtocolVersion.DEFAULT_MAX_FRAME_SIZE, o.maxFrameSize());
        assertFalse(o.blockOnNonPersistentSend());
    }

    @Test
    void everyOption_isParsed() {
        ClientOptions o = ClientOptions.parse("tandem://h:1?clientID=app-1&user=jane&password=secret&prefetch=5"
                + "&connectTimeout=100&requestTimeout=200&pingInterval=300&deadPeerTimeout=400&maxFrameSize=2048"
                + "&blockOnNonPersistentSend=TRUE");
        assertEquals("app-1", o.clientId());
        assertEquals("jane", o.user());
        assertEquals("secret", o.password());
        assertEquals(5, o.prefetch());
        assertEquals(100, o.connectTimeoutMillis());
        assertEquals(200, o.requestTimeoutMillis());
        assertEquals(300, o.pingIntervalMillis());
        assertEquals(400, o.deadPeerMillis());
        assertEquals(2048, o.maxFrameSize());
        assertTrue(o.blockOnNonPersistentSend());
    }

    @Test
    void optionValues_arePercentDecoded() {
        ClientOptions o = ClientOptions.parse("tandem://h:1?user=jane+doe&password=p%40ss%26w%3Drd%2B");
        assertEquals("jane doe", o.user());
        assertEquals("p@ss&w=rd+", o.password());
    }

    @Test
    void numbersAtTheEdgesOfTheirRanges_areAccepted() {
        ClientOptions o = ClientOptions.parse("tandem://h:1?prefetch=1&connectTimeout=3600000&pingInterval=50"
                + "&deadPeerTimeout=100&maxFrameSize=1024");
        assertEquals(1, o.prefetch());
        assertEquals(3_600_000, o.connectTimeoutMillis());
        assertEquals(50, o.pingIntervalMillis());
        assertEquals(100, o.deadPeerMillis());
        assertEquals(1024, o.maxFrameSize());
    }

    @Test
    void unknownOption_isNamedWithTheKnownOnes() {
        String problems = problemsOf("tandem://h:1?prefetchSize=5");
        assertContains(problems, "unknown option 'prefetchSize'");
        assertContains(problems, "known: clientID, user, password, prefetch");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "prefetch=many               | prefetch='many' is not a whole number",
        "prefetch=                   | prefetch='' is not a whole number",
        "prefetch=1.5                | prefetch='1.5' is not a whole number",
        "prefetch=0                  | prefetch=0 is outside 1..1000000",
        "connectTimeout=-1           | connectTimeout=-1 is outside 1..3600000",
        "requestTimeout=99999999999  | requestTimeout=99999999999 is outside 1..86400000",
        "pingInterval=49             | pingInterval=49 is outside 50..3600000",
        "maxFrameSize=1023           | maxFrameSize=1023 is outside 1024..",
        "maxFrameSize=2147483647     | maxFrameSize=2147483647 is outside 1024..",
        "blockOnNonPersistentSend=yes| blockOnNonPersistentSend='yes' is not true or false",
        "deadPeerTimeout=5000        | deadPeerTimeout must be longer than pingInterval",
    })
    void badOptionValue_isNamed(String option, String problem) {
        assertContains(problemsOf("tandem://h:1?" + option), problem);
    }

    @Test
    void badPercentEscape_namesTheOptionButNotTheValue() {
        String problems = problemsOf("tandem://h:1?password=abc%zz&prefetch=x");
        assertContains(problems, "value of option 'password' has a bad %-escape");
        assertContains(problems, "prefetch='x' is not a whole number");
        assertFalse(problems.contains("abc"), problems);
    }

    @Test
    void errorMessage_doesNotShowThePassword() {
        String problems = problemsOf("tandem://h:1?password=hunter2&prefetch=0");
        assertFalse(problems.contains("hunter2"), problems);
        assertContains(problems, "password=***");
    }

    @Test
    void toString_doesNotShowThePassword() {
        ClientOptions o = ClientOptions.parse("tandem://h:1?user=u&password=hunter2&prefetch=3");
        assertEquals("tandem://h:1?user=u&password=***&prefetch=3", o.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tandem://broker", "tandem://broker:", "tandem://:61620", "tandem://[::1]"})
    void serverWithoutHostOrPort_isNamed(String url) {
        String problems = problemsOf(url);
        assertTrue(problems.contains("must be host:port") || problems.contains("is not a number"), problems);
    }

    @Test
    void missingPort_isNamed() {
        assertContains(problemsOf("tandem://a:1,broker"), "server 'broker' must be host:port");
    }

    @Test
    void portThatIsNotANumber_isNamed() {
        assertContains(problemsOf("tandem://broker:http"), "port of 'broker:http' is not a number");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void portOutsideTheValidRange_isNamed(int port) {
        assertContains(problemsOf("tandem://broker:" + port), "port of 'broker:" + port + "' is outside 1..65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tandem://", "tandem://?prefetch=1"})
    void urlWithoutServers_isRejected(String url) {
        assertContains(problemsOf(url), "must be host:port");
    }

    @Test
    void emptyEntryInTheServerList_isNamed() {
        assertContains(problemsOf("tandem://a:1,,b:2"), "server '' must be host:port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://h:1", "TANDEM://h:1", " tandem://h:1", "h:1", ""})
    void wrongScheme_isNamed(String url) {
        String problem = problemsOf(url);
        assertContains(problem, "a Tandem URL starts with tandem://");
        assertContains(problem, "'" + url + "'");
    }

    @Test
    void nullUrl_isRejected() {
        assertContains(problemsOf(null), "a Tandem URL starts with tandem://");
    }

    @Test
    void severalProblems_areReportedAtOnce() {
        String problems = problemsOf("tandem://a,b:x,c:0?prefetch=-5&color=red&blockOnNonPersistentSend=maybe");
        assertContains(problems, "server 'a' must be host:port");
        assertContains(problems, "port of 'b:x' is not a number");
        assertContains(problems, "port of 'c:0' is outside 1..65535");
        assertContains(problems, "prefetch=-5 is outside");
        assertContains(problems, "unknown option 'color'");
        assertContains(problems, "blockOnNonPersistentSend='maybe' is not true or false");
        assertEquals(6, problems.split("; ").length, problems);
    }

    @Test
    void parsedOptions_surviveSerialization() throws Exception {
        ClientOptions o = ClientOptions.parse("tandem://[::1]:61620,h:2?prefetch=9&user=u");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        ClientOptions copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ClientOptions) in.readObject();
        }
        assertEquals(o.servers(), copy.servers());
        assertEquals(9, copy.prefetch());
        assertEquals("u", copy.user());
        assertEquals(o.url(), copy.url());
    }

    @Test
    void clientPersistence_isOffByDefault_andOnWithADirectory() {
        assertFalse(ClientOptions.parse("tandem://h:1").clientPersistenceEnabled());
        ClientOptions o = ClientOptions.parse("tandem://h:1?clientPersistence=/var/tmp/tandem%20store&clientPersistenceMaxBytes=1048576");
        assertTrue(o.clientPersistenceEnabled());
        assertEquals(java.nio.file.Path.of("/var/tmp/tandem store"), o.clientPersistence());
        assertEquals(1_048_576, o.clientPersistenceMaxBytes());
        assertEquals(ClientOptions.DEFAULT_PERSISTENCE_MAX_BYTES,
                ClientOptions.parse("tandem://h:1?clientPersistence=d").clientPersistenceMaxBytes());
    }

    @Test
    void badClientPersistenceValues_areNamed() {
        assertContains(problemsOf("tandem://h:1?clientPersistence="), "clientPersistence must name a directory");
        assertContains(problemsOf("tandem://h:1?clientPersistence=d&clientPersistenceMaxBytes=1000"),
                "clientPersistenceMaxBytes=1000 is outside 65536..");
        assertContains(problemsOf("tandem://h:1?clientPersistence=d&clientPersistenceMaxBytes=lots"),
                "clientPersistenceMaxBytes='lots' is not a whole number");
        assertContains(problemsOf("tandem://h:1?clientPersistenceMaxBytes=100000"),
                "clientPersistenceMaxBytes needs clientPersistence");
        assertContains(problemsOf("tandem://h:1?clientPersistence=a%00b"), "clientPersistence='a");
    }

    @Test
    void tandemsScheme_turnsTlsOnWithHostVerificationAndTheJvmTrust() {
        ClientOptions o = ClientOptions.parse("tandems://a:1,b:2");
        assertEquals(List.of(new ServerAddress("a", 1), new ServerAddress("b", 2)), o.servers());
        assertTrue(o.tls().verifyHost());
        assertNull(o.tls().trustStore(), "the JVM's default trust");
        assertNull(ClientOptions.parse("tandem://a:1").tls(), "clear text");
    }

    @Test
    void sslTrueWithStores_isParsed_andPasswordsAreMasked() {
        ClientOptions o = ClientOptions.parse("tandem://a:1?ssl=true&trustStore=/t.p12&trustStorePassword=tp"
                + "&trustStoreType=JKS&keyStore=/k.p12&keyStorePassword=kp&verifyHost=false");
        assertEquals("/t.p12", o.tls().trustStore().path());
        assertEquals("JKS", o.tls().trustStore().type());
        assertEquals("PKCS12", o.tls().keyStore().type());
        assertFalse(o.tls().verifyHost());
        assertFalse(o.toString().contains("tp") || o.toString().contains("kp"), o.toString());
        assertContains(o.toString(), "trustStorePassword=***");
    }

    @Test
    void tlsOptionsWithoutTls_andContradictions_areNamed() {
        assertContains(problemsOf("tandem://a:1?trustStore=/t.p12"), "trustStore needs TLS: use tandems:// or ssl=true");
        assertContains(problemsOf("tandems://a:1?ssl=false"), "ssl=false contradicts the tandems:// scheme");
        assertContains(problemsOf("tandems://a:1?ssl=maybe"), "ssl='maybe' is not true or false");
        assertContains(problemsOf("tandems://a:1?verifyHost=no"), "verifyHost='no' is not true or false");
        assertContains(problemsOf("tandems://a:1?trustStorePassword=x"), "trustStorePassword needs trustStore=FILE");
        assertContains(problemsOf("tandemx://a:1"), "starts with tandem:// or tandems://");
    }
}
