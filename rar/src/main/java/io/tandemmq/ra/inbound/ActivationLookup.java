package io.tandemmq.ra.inbound;

import io.tandemmq.client.TandemConnectionFactory;
import io.tandemmq.ra.ConnectionSettings;
import io.tandemmq.ra.outbound.TandemPooledConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.resource.spi.InvalidPropertyException;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Resolves the JNDI names of an activation spec ({@code destinationLookup},
 * {@code connectionFactoryLookup}) in the naming context of the thread that activates the
 * endpoint, which in an application server is the server's.
 */
final class ActivationLookup {
    private ActivationLookup() {
    }

    /**
     * The destination to consume from: {@code destinationLookup} when given (its object decides
     * queue or topic), otherwise {@code destination} with {@code destinationType}.
     *
     * @throws InvalidPropertyException naming destinationLookup when the name is not bound or
     *         not bound to a queue or topic
     */
    static DeliveryTarget target(TandemActivationSpec spec) throws InvalidPropertyException {
        String name = ConnectionSettings.given(spec.getDestinationLookup());
        if (name == null) {
            return new DeliveryTarget(spec.getDestination(), spec.isTopic());
        }
        Object found = lookup("destinationLookup", name);
        try {
            if (found instanceof Queue q) {
                return new DeliveryTarget(q.getQueueName(), false);
            }
            if (found instanceof Topic t) {
                return new DeliveryTarget(t.getTopicName(), true);
            }
        } catch (JMSException e) {
            throw invalid("destinationLookup '" + name + "': the bound destination has no name: " + e.getMessage(), e);
        }
        throw invalid("destinationLookup '" + name + "' is bound to " + describe(found) + ", not to a queue or topic", null);
    }

    /**
     * The connection settings of the factory named by {@code connectionFactoryLookup}, or
     * {@link ConnectionSettings#NONE} when it is not given.
     *
     * @throws InvalidPropertyException naming connectionFactoryLookup when the name is not bound
     *         or not bound to a Tandem connection factory
     */
    static ConnectionSettings connectionFactory(TandemActivationSpec spec) throws InvalidPropertyException {
        String name = ConnectionSettings.given(spec.getConnectionFactoryLookup());
        if (name == null) {
            return ConnectionSettings.NONE;
        }
        Object found = lookup("connectionFactoryLookup", name);
        if (found instanceof TandemPooledConnectionFactory pooled) {
            return pooled.settings();
        }
        if (found instanceof TandemConnectionFactory plain) {
            return ConnectionSettings.NONE.withServerUrl(plain.getUrl());
        }
        throw invalid("connectionFactoryLookup '" + name + "' is bound to " + describe(found)
                + ", not to a Tandem connection factory", null);
    }

    private static Object lookup(String property, String name) throws InvalidPropertyException {
        InitialContext context = null;
        try {
            context = new InitialContext();
            return context.lookup(name);
        } catch (NamingException e) {
            throw invalid(property + " '" + name + "' cannot be looked up: " + e, e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // the lookup is done; nothing is held
                }
            }
        }
    }

    private static String describe(Object o) {
        return o == null ? "nothing" : "a " + o.getClass().getName();
    }

    private static InvalidPropertyException invalid(String message, Exception cause) {
        InvalidPropertyException e = new InvalidPropertyException("Tandem activation spec: " + message);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
