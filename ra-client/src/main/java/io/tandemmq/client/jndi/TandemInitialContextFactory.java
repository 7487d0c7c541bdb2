package io.tandemmq.client.jndi;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import io.tandemmq.client.transport.ClientOptions;
import io.tandemmq.protocol.DestinationRef;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A JNDI initial context holding Tandem connection factories and destinations defined by the JNDI
 * environment, typically a {@code jndi.properties} file on the class path (the JDK merges that file
 * into the environment). Nothing connects to a broker when the context is created.
 *
 * <pre>
 * java.naming.factory.initial = io.tandemmq.client.jndi.TandemInitialContextFactory
 * connectionFactory.orders = tandem://broker1:61620,broker2:61620?prefetch=50
 * queue.incoming = orders.incoming
 * topic.prices = market.prices
 * </pre>
 *
 * <p>The environment properties read:
 * <dl>
 * <dt>{@code connectionFactory.<jndiName> = <tandem:// URL>}</dt>
 * <dd>binds a {@link TandemConnectionFactory} for the URL at {@code jndiName}. The lower-case
 *     spelling {@code connectionfactory.} is accepted too.</dd>
 * <dt>{@code queue.<jndiName> = <queue name>}</dt>
 * <dd>binds a {@link TandemQueue}.</dd>
 * <dt>{@code topic.<jndiName> = <topic name>}</dt>
 * <dd>binds a {@link TandemTopic}.</dd>
 * <dt>{@code java.naming.provider.url} ({@link Context#PROVIDER_URL})</dt>
 * <dd>when it is a {@code tandem://} URL: names not defined by the properties are looked up on
 *     the pair (the names bound with {@code admin bind}, see {@link RemoteNames}), with the
 *     security properties as credentials; and when no {@code connectionFactory.*} property is
 *     given, a factory for the URL is bound at {@value #DEFAULT_CONNECTION_FACTORY_NAME}. Other
 *     values are ignored.</dd>
 * <dt>{@code java.naming.security.principal} and {@code java.naming.security.credentials}
 *     ({@link Context#SECURITY_PRINCIPAL}, {@link Context#SECURITY_CREDENTIALS})</dt>
 * <dd>the default user and password of every factory whose URL names neither a {@code user} nor a
 *     {@code password}: they are added to its URL as options. Empty values are ignored.</dd>
 * </dl>
 *
 * <p>Values are trimmed. A bad URL or destination name, or two properties binding the same JNDI
 * name, fail the creation of the context with a {@link ConfigurationException} naming the
 * property. The context is read-only; see {@link ReadOnlyContext}.
 */
public class TandemInitialContextFactory implements InitialContextFactory {
    public static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    /** The spelling Qpid JMS uses, accepted as well. */
    static final String CONNECTION_FACTORY_PREFIX_LOWER = "connectionfactory.";
    public static final String QUEUE_PREFIX = "queue.";
    public static final String TOPIC_PREFIX = "topic.";
    public static final String DEFAULT_CONNECTION_FACTORY_NAME = "ConnectionFactory";

    /**
     * @throws ConfigurationException naming the property with a bad URL or destination name, or
     *                                the two properties that bind the same name
     */
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<Object, Object> env = new Hashtable<>();
        if (environment != null) {
            env.putAll(environment);
        }
        Bindings bindings = new Bindings();
        Map<String, Object> sorted = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k instanceof String key) {
                sorted.put(key, v);
            }
        });
        Credentials credentials = Credentials.of(env);
        boolean factoryBound = false;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(CONNECTION_FACTORY_PREFIX) || key.startsWith(CONNECTION_FACTORY_PREFIX_LOWER)) {
                bindings.bind(jndiName(key), key, connectionFactory(key, e.getValue(), credentials));
                factoryBound = true;
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bindings.bind(jndiName(key), key, destination(key, e.getValue(), TandemQueue::new));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bindings.bind(jndiName(key), key, destination(key, e.getValue(), TandemTopic::new));
            }
        }
        Object providerUrl = env.get(Context.PROVIDER_URL);
        if (!(providerUrl instanceof String url && ClientOptions.isTandemUrl(url.trim()))) {
            return new ReadOnlyContext(env, bindings.objects);
        }
        TandemConnectionFactory provider = connectionFactory(Context.PROVIDER_URL, url, credentials);
        if (!factoryBound) {
            bindings.bind(DEFAULT_CONNECTION_FACTORY_NAME, Context.PROVIDER_URL, provider);
        }
        RemoteNames remote = new RemoteNames(ClientOptions.parse(provider.getUrl()),
                (name, bound) -> connectionFactory("the pair's binding '" + name + "'", bound, credentials));
        return new ReadOnlyContext(env, bindings.objects, remote);
    }

    private static String jndiName(String key) throws ConfigurationException {
        String name = key.substring(key.indexOf('.') + 1);
        if (name.isEmpty()) {
            throw new ConfigurationException("JNDI property '" + key + "' has no JNDI name after the '.'");
        }
        return name;
    }

    private static TandemConnectionFactory connectionFactory(String key, Object value, Credentials credentials)
            throws ConfigurationException {
        String url = text(key, value);
        try {
            return new TandemConnectionFactory(credentials.addTo(url, ClientOptions.parse(url)));
        } catch (IllegalArgumentException e) {
            ConfigurationException ce = new ConfigurationException(
                    "bad connection URL in " + (key.contains(" ") ? key : "JNDI property '" + key + "'") + ": " + e.getMessage());
            ce.setRootCause(e);
            throw ce;
        }
    }

    private static Object destination(String key, Object value, Function<String, Object> create)
            throws ConfigurationException {
        String name = text(key, value);
        String problem = DestinationRef.nameProblem(name);
        if (problem != null) {
            throw new ConfigurationException("bad destination in JNDI property '" + key + "': " + problem);
        }
        return create.apply(name);
    }

    private static String text(String key, Object value) throws ConfigurationException {
        if (!(value instanceof String s)) {
            throw new ConfigurationException("JNDI property '" + key + "' must be a string, not "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return s.trim();
    }

    /** The bindings being collected, with the property that made each, to report duplicates. */
    private static final class Bindings {
        final Map<String, Object> objects = new TreeMap<>();
        final Map<String, String> keys = new HashMap<>();

        void bind(String name, String key, Object object) throws ConfigurationException {
            String earlier = keys.putIfAbsent(name, key);
            if (earlier != null) {
                throw new ConfigurationException("JNDI name '" + name + "' is bound twice: by property '"
                        + earlier + "' and by property '" + key + "'");
            }
            objects.put(name, object);
        }
    }

    /** The default user and password from the JNDI security properties; each may be null. */
    private record Credentials(String user, String password) {

        static Credentials of(Map<Object, Object> env) throws ConfigurationException {
            return new Credentials(value(env, Context.SECURITY_PRINCIPAL), value(env, Context.SECURITY_CREDENTIALS));
        }

        private static String value(Map<Object, Object> env, String key) throws ConfigurationException {
            Object v = env.get(key);
            String s;
            if (v == null) {
                return null;
            } else if (v instanceof String str) {
                s = str;
            } else if (v instanceof char[] chars) {
                s = new String(chars);
            } else {
                throw new ConfigurationException("JNDI property '" + key + "' must be a string or char[], not "
                        + v.getClass().getName());
            }
            return s.isEmpty() ? null : s;
        }

        /** The URL with these credentials added, unless it names a user or password itself. */
        String addTo(String url, ClientOptions parsed) {
            if (parsed.user() != null || parsed.password() != null || (user == null && password == null)) {
                return url;
            }
            StringBuilder b = new StringBuilder(url);
            if (url.indexOf('?') < 0) {
                b.append('?');
            } else if (!url.endsWith("?") && !url.endsWith("&")) {
                b.append('&');
            }
            if (user != null) {
                b.append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
                if (password != null) {
                    b.append('&');
                }
            }
            if (password != null) {
                b.append("password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
            }
            return b.toString();
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }
}
