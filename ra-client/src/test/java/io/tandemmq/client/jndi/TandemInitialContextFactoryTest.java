package io.tandemmq.client.jndi;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import io.tandemmq.client.transport.ClientOptions;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import org.junit.jupiter.api.Test;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.ServiceUnavailableException;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Hashtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties in, bindings out; no broker is involved because creating a factory does not connect. */
class TandemInitialContextFactoryTest {
    private static final String URL = "tandem://broker1:61620,broker2:61620?prefetch=7";

    private static Context context(String... keysAndValues) throws NamingException {
        return new TandemInitialContextFactory().getInitialContext(env(keysAndValues));
    }

    private static Hashtable<String, Object> env(String... keysAndValues) {
        Hashtable<String, Object> env = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    private static ClientOptions optionsOf(Object factory) {
        return ClientOptions.parse(((TandemConnectionFactory) factory).getUrl());
    }

    @Test
    void connectionFactoryProperty_bindsAFactoryForItsUrl() throws NamingException {
        Context ctx = context("connectionFactory.orders", URL);
        TandemConnectionFactory factory = assertInstanceOf(TandemConnectionFactory.class, ctx.lookup("orders"));
        assertEquals(URL, factory.getUrl());
    }

    @Test
    void clientPersistenceOptions_reachTheBoundFactory() throws NamingException {
        Context ctx = context("connectionFactory.outbox",
                "tandem://h:1,h:2?clientPersistence=/var/lib/outbox&clientPersistenceMaxBytes=1048576");
        ClientOptions options = optionsOf(ctx.lookup("outbox"));
        assertEquals(java.nio.file.Path.of("/var/lib/outbox"), options.clientPersistence());
        assertEquals(1_048_576, options.clientPersistenceMaxBytes());
    }

    @Test
    void severalConnectionFactories_areBoundUnderTheirOwnNames() throws NamingException {
        Context ctx = context("connectionFactory.a", "tandem://a:1", "connectionFactory.b", "tandem://b:2");
        assertEquals("tandem://a:1", ((TandemConnectionFactory) ctx.lookup("a")).getUrl());
        assertEquals("tandem://b:2", ((TandemConnectionFactory) ctx.lookup("b")).getUrl());
    }

    @Test
    void lowerCaseConnectionFactoryPrefix_isAcceptedToo() throws NamingException {
        Context ctx = context("connectionfactory.orders", URL);
        assertEquals(URL, ((TandemConnectionFactory) ctx.lookup("orders")).getUrl());
    }

    @Test
    void queueProperty_bindsAQueueOfThatName() throws NamingException {
        Context ctx = context("queue.incoming", "orders.incoming");
        Queue queue = assertInstanceOf(TandemQueue.class, ctx.lookup("incoming"));
        assertEquals(new TandemQueue("orders.incoming"), queue);
    }

    @Test
    void topicProperty_bindsATopicOfThatName() throws NamingException {
        Context ctx = context("topic.prices", "market.prices");
        Topic topic = assertInstanceOf(TandemTopic.class, ctx.lookup("prices"));
        assertEquals(new TandemTopic("market.prices"), topic);
    }

    @Test
    void queueAndTopic_mayHaveTheSameDestinationName() throws NamingException {
        Context ctx = context("queue.q", "same", "topic.t", "same");
        assertEquals(new TandemQueue("same"), ctx.lookup("q"));
        assertEquals(new TandemTopic("same"), ctx.lookup("t"));
    }

    @Test
    void values_areTrimmed() throws NamingException {
        Context ctx = context("queue.q", "  orders  ", "connectionFactory.cf", " tandem://h:1 ");
        assertEquals(new TandemQueue("orders"), ctx.lookup("q"));
        assertEquals("tandem://h:1", ((TandemConnectionFactory) ctx.lookup("cf")).getUrl());
    }

    @Test
    void lookup_returnsTheSameBoundObjectEachTime() throws NamingException {
        Context ctx = context("queue.q", "orders");
        assertSame(ctx.lookup("q"), ctx.lookup("q"));
    }

    @Test
    void providerUrl_bindsADefaultConnectionFactory() throws NamingException {
        Context ctx = context(Context.PROVIDER_URL, URL);
        assertEquals(URL, ((TandemConnectionFactory) ctx.lookup("ConnectionFactory")).getUrl());
    }

    @Test
    void providerUrl_bindsNothingWhenAConnectionFactoryPropertyIsGiven_soTheNameIsAskedOfThePair() throws Exception {
        String unreachable = "tandem://127.0.0.1:" + closedPort() + "?reconnectAttempts=0";
        Context ctx = context(Context.PROVIDER_URL, unreachable, "connectionFactory.cf", "tandem://other:1");
        assertEquals("tandem://other:1", ((TandemConnectionFactory) ctx.lookup("cf")).getUrl());
        ServiceUnavailableException e = assertThrows(ServiceUnavailableException.class, () -> ctx.lookup("ConnectionFactory"));
        assertTrue(e.getMessage().contains("'ConnectionFactory'"), e.getMessage());
        ctx.close();
    }

    @Test
    void aNameNotInThePropertiesWithoutAProviderUrl_isNotFoundWithoutAnyConnection() throws NamingException {
        Context ctx = context("queue.q", "orders");
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("elsewhere"));
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void providerUrlOfAnotherScheme_isIgnored() throws NamingException {
        Context ctx = context(Context.PROVIDER_URL, "file:///etc/jndi", "queue.q", "orders");
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("ConnectionFactory"));
        assertEquals(new TandemQueue("orders"), ctx.lookup("q"));
    }

    @Test
    void badProviderUrl_failsNamingTheProperty() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context(Context.PROVIDER_URL, "tandem://nohost"));
        assertTrue(e.getMessage().contains("'java.naming.provider.url'"), e.getMessage());
        assertTrue(e.getMessage().contains("must be host:port"), e.getMessage());
    }

    @Test
    void securityProperties_areAddedToAUrlWithoutCredentials() throws NamingException {
        String user = "jane doe&co";
        String password = "p@ss+w=rd%/?";
        Context ctx = context("connectionFactory.cf", "tandem://h:1",
                Context.SECURITY_PRINCIPAL, user, Context.SECURITY_CREDENTIALS, password);
        ClientOptions options = optionsOf(ctx.lookup("cf"));
        assertEquals(user, options.user());
        assertEquals(password, options.password());
    }

    @Test
    void securityProperties_areAddedAfterTheUrlsOwnOptions() throws NamingException {
        Context ctx = context("connectionFactory.a", "tandem://h:1?prefetch=3",
                "connectionFactory.b", "tandem://h:1?",
                "connectionFactory.c", "tandem://h:1?prefetch=3&",
                Context.SECURITY_PRINCIPAL, "u", Context.SECURITY_CREDENTIALS, "p");
        for (String name : new String[] {"a", "b", "c"}) {
            ClientOptions options = optionsOf(ctx.lookup(name));
            assertEquals("u", options.user(), name);
            assertEquals("p", options.password(), name);
        }
        assertEquals(3, optionsOf(ctx.lookup("a")).prefetch());
    }

    @Test
    void securityProperties_applyToTheDefaultConnectionFactoryToo() throws NamingException {
        Context ctx = context(Context.PROVIDER_URL, "tandem://h:1",
                Context.SECURITY_PRINCIPAL, "u", Context.SECURITY_CREDENTIALS, "p");
        ClientOptions options = optionsOf(ctx.lookup("ConnectionFactory"));
        assertEquals("u", options.user());
        assertEquals("p", options.password());
    }

    @Test
    void urlWithItsOwnUserOrPassword_keepsItsCredentials() throws NamingException {
        Context ctx = context("connectionFactory.withUser", "tandem://h:1?user=alice",
                "connectionFactory.withPassword", "tandem://h:1?password=secret",
                Context.SECURITY_PRINCIPAL, "bob", Context.SECURITY_CREDENTIALS, "bobs");
        ClientOptions withUser = optionsOf(ctx.lookup("withUser"));
        assertEquals("alice", withUser.user());
        assertNull(withUser.password());
        ClientOptions withPassword = optionsOf(ctx.lookup("withPassword"));
        assertNull(withPassword.user());
        assertEquals("secret", withPassword.password());
    }

    @Test
    void principalWithoutCredentials_addsOnlyTheUser() throws NamingException {
        Context ctx = context("connectionFactory.cf", "tandem://h:1", Context.SECURITY_PRINCIPAL, "u");
        ClientOptions options = optionsOf(ctx.lookup("cf"));
        assertEquals("u", options.user());
        assertNull(options.password());
    }

    @Test
    void emptySecurityProperties_areIgnored() throws NamingException {
        Context ctx = context("connectionFactory.cf", "tandem://h:1",
                Context.SECURITY_PRINCIPAL, "", Context.SECURITY_CREDENTIALS, "");
        assertEquals("tandem://h:1", ((TandemConnectionFactory) ctx.lookup("cf")).getUrl());
    }

    @Test
    void credentialsGivenAsCharArray_areAccepted() throws NamingException {
        Hashtable<String, Object> env = env("connectionFactory.cf", "tandem://h:1", Context.SECURITY_PRINCIPAL, "u");
        env.put(Context.SECURITY_CREDENTIALS, "secret".toCharArray());
        Context ctx = new TandemInitialContextFactory().getInitialContext(env);
        assertEquals("secret", optionsOf(ctx.lookup("cf")).password());
    }

    @Test
    void credentialsOfAnotherType_failNamingTheProperty() {
        Hashtable<String, Object> env = env("connectionFactory.cf", "tandem://h:1");
        env.put(Context.SECURITY_CREDENTIALS, 42);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new TandemInitialContextFactory().getInitialContext(env));
        assertTrue(e.getMessage().contains(Context.SECURITY_CREDENTIALS), e.getMessage());
    }

    @Test
    void badUrl_failsWithConfigurationExceptionNamingThePropertyAndTheProblem() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context("queue.q", "fine", "connectionFactory.orders", "tandem://h:1?prefetch=lots"));
        assertTrue(e.getMessage().contains("'connectionFactory.orders'"), e.getMessage());
        assertTrue(e.getMessage().contains("prefetch='lots' is not a whole number"), e.getMessage());
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getRootCause());
        assertTrue(e.getMessage().contains(cause.getMessage()), e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void urlOfAnotherScheme_failsNamingTheProperty() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context("connectionFactory.cf", "tcp://h:1"));
        assertTrue(e.getMessage().contains("'connectionFactory.cf'"), e.getMessage());
        assertTrue(e.getMessage().contains("tandem://"), e.getMessage());
    }

    @Test
    void badUrl_messageDoesNotShowThePassword() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context("connectionFactory.cf", "tandem://h:1?password=hunter2&bogus=1"));
        assertTrue(e.getMessage().contains("unknown option 'bogus'"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void badQueueName_failsNamingTheProperty() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> context("queue.q", "a*b"));
        assertTrue(e.getMessage().contains("'queue.q'"), e.getMessage());
        assertTrue(e.getMessage().contains("reserved character '*'"), e.getMessage());
    }

    @Test
    void emptyTopicName_failsNamingTheProperty() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> context("topic.t", "   "));
        assertTrue(e.getMessage().contains("'topic.t'"), e.getMessage());
        assertTrue(e.getMessage().contains("must not be empty"), e.getMessage());
    }

    @Test
    void propertyWithoutJndiName_failsNamingIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> context("queue.", "orders"));
        assertTrue(e.getMessage().contains("'queue.'"), e.getMessage());
    }

    @Test
    void nonStringValue_failsNamingTheProperty() {
        Hashtable<String, Object> env = env();
        env.put("queue.q", 5);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new TandemInitialContextFactory().getInitialContext(env));
        assertTrue(e.getMessage().contains("'queue.q'"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    }

    @Test
    void sameJndiNameBoundTwice_failsNamingBothProperties() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context("queue.x", "q", "topic.x", "t"));
        assertTrue(e.getMessage().contains("'queue.x'"), e.getMessage());
        assertTrue(e.getMessage().contains("'topic.x'"), e.getMessage());
    }

    @Test
    void destinationNamedConnectionFactory_clashesWithTheDefaultFactory() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> context(Context.PROVIDER_URL, "tandem://h:1", "queue.ConnectionFactory", "q"));
        assertTrue(e.getMessage().contains("'queue.ConnectionFactory'"), e.getMessage());
        assertTrue(e.getMessage().contains("'java.naming.provider.url'"), e.getMessage());
    }

    @Test
    void unrelatedProperties_bindNothing() throws NamingException {
        Context ctx = context("java.naming.factory.url.pkgs", "x", "queues.q", "orders", "myTopic.t", "x");
        assertFalse(ctx.list("").hasMore());
        assertEquals("x", ctx.getEnvironment().get("java.naming.factory.url.pkgs"));
    }

    @Test
    void nullEnvironment_givesAnEmptyContext() throws NamingException {
        Context ctx = new TandemInitialContextFactory().getInitialContext(null);
        assertFalse(ctx.list("").hasMore());
        assertTrue(ctx.getEnvironment().isEmpty());
    }

    @Test
    void contextEnvironment_isACopyOfTheGivenOne() throws NamingException {
        Hashtable<String, Object> env = env("queue.q", "orders");
        Context ctx = new TandemInitialContextFactory().getInitialContext(env);
        env.put("later", "x");
        assertEquals("orders", ctx.getEnvironment().get("queue.q"));
        assertNull(ctx.getEnvironment().get("later"));
    }

    @Test
    void boundFactory_isAConnectionQueueAndTopicConnectionFactory() throws NamingException {
        Object factory = context("connectionFactory.cf", URL).lookup("cf");
        assertInstanceOf(ConnectionFactory.class, factory);
        assertInstanceOf(QueueConnectionFactory.class, factory);
        assertInstanceOf(TopicConnectionFactory.class, factory);
    }

    @Test
    void boundObjects_surviveSerialization() throws Exception {
        Context ctx = context("connectionFactory.cf", "tandem://[::1]:61620,h:2?password=x",
                "queue.q", "orders", "topic.t", "prices");
        TandemConnectionFactory factory = (TandemConnectionFactory) serialized(ctx.lookup("cf"));
        assertEquals("tandem://[::1]:61620,h:2?password=x", factory.getUrl());
        assertEquals(new TandemQueue("orders"), serialized(ctx.lookup("q")));
        assertEquals(new TandemTopic("prices"), serialized(ctx.lookup("t")));
    }

    private static Object serialized(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void initialContext_usesTheFactoryNamedInItsEnvironment() throws NamingException {
        Hashtable<String, Object> env = env(Context.INITIAL_CONTEXT_FACTORY, TandemInitialContextFactory.class.getName(),
                Context.PROVIDER_URL, URL, "queue.incoming", "orders.incoming", "topic.prices", "market.prices");
        InitialContext ctx = new InitialContext(env);
        try {
            ConnectionFactory factory = (ConnectionFactory) ctx.lookup("ConnectionFactory");
            assertEquals(URL, ((TandemConnectionFactory) factory).getUrl());
            assertEquals(new TandemQueue("orders.incoming"), ctx.lookup("incoming"));
            assertEquals(new TandemTopic("market.prices"), ctx.lookup("prices"));
            // a name the properties do not define is asked of the pair, which cannot be reached here
            ServiceUnavailableException missing = assertThrows(ServiceUnavailableException.class, () -> ctx.lookup("nothing"));
            assertTrue(missing.getMessage().contains("'nothing'"), missing.getMessage());
            assertThrows(OperationNotSupportedException.class, () -> ctx.bind("x", new TandemQueue("x")));
            Context again = (Context) ctx.lookup("");
            assertNotSame(ctx, again);
            assertEquals(new TandemQueue("orders.incoming"), again.lookup("incoming"));
        } finally {
            ctx.close();
        }
    }

    @Test
    void initialContext_reportsABadPropertyWhenCreated() {
        Hashtable<String, Object> env = env(Context.INITIAL_CONTEXT_FACTORY, TandemInitialContextFactory.class.getName(),
                "topic.t", "a,b");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new InitialContext(env));
        assertTrue(e.getMessage().contains("'topic.t'"), e.getMessage());
    }
}
