package io.tandemmq.client.jndi;

import io.tandemmq.client.JmsErrors;
import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import io.tandemmq.client.failover.FailoverLink;
import io.tandemmq.client.failover.Replay;
import io.tandemmq.client.transport.ServerLink;
import io.tandemmq.client.transport.ClientOptions;
import io.tandemmq.protocol.BoundObject;
import io.tandemmq.protocol.ErrorCode;
import io.tandemmq.protocol.Frame;
import io.tandemmq.protocol.FrameType;
import io.tandemmq.protocol.NameRef;
import io.tandemmq.protocol.ProtocolException;

import javax.naming.AuthenticationException;
import javax.naming.CompositeName;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;

/**
 * The JNDI names a broker pair keeps in its store (bound with {@code admin bind}), asked of the
 * active server. The connection is opened at the first lookup, with the provider URL's
 * credentials, and rides the client's failover: a lookup made while the pair fails over waits
 * for, and is answered by, the server that takes over. Thread-safe.
 */
final class RemoteNames implements AutoCloseable {

    /** Makes the connection factory for a bound URL (adding the JNDI credentials, as for local ones). */
    interface FactoryMaker {
        /** @throws NamingException naming the JNDI name when the bound URL does not parse */
        Object make(String jndiName, String url) throws NamingException;
    }

    /** Nothing to replay: a lookup connection holds no sessions or consumers. */
    private static final Replay NOTHING_TO_REPLAY = new Replay() {
        @Override
        public void onFrame(Frame frame) {
        }

        @Override
        public void onDisconnected() {
        }

        @Override
        public void onReconnected(ServerLink fresh) {
        }

        @Override
        public void onGaveUp(Exception cause) {
        }
    };

    private final ClientOptions options;
    private final FactoryMaker factories;
    private FailoverLink link;
    private boolean closed;

    /** @param options the provider URL with the JNDI credentials in it */
    RemoteNames(ClientOptions options, FactoryMaker factories) {
        this.options = options;
        this.factories = factories;
    }

    /**
     * @return a {@link io.tandemmq.client.TandemConnectionFactory}, {@link TandemQueue} or {@link TandemTopic}
     * @throws NameNotFoundException when the pair has no such name
     * @throws AuthenticationException when the broker refuses the credentials; its cause is the
     *         {@link jakarta.jms.JMSSecurityException}
     * @throws ServiceUnavailableException when no server of the provider URL can be reached
     * @throws NamingException for any other refusal, with the {@link jakarta.jms.JMSException} as cause
     */
    Object lookup(String name) throws NamingException {
        Frame reply;
        try {
            reply = link().call(FrameType.LOOKUP, new NameRef(name));
        } catch (ProtocolException e) {
            throw failure(name, e);
        }
        BoundObject bound = BoundObject.read(reply.reader());
        return switch (bound.kind()) {
            case QUEUE -> new TandemQueue(bound.target());
            case TOPIC -> new TandemTopic(bound.target());
            case CONNECTION_FACTORY -> factories.make(name, bound.target());
        };
    }

    private synchronized FailoverLink link() throws ProtocolException {
        if (closed) {
            throw new ProtocolException(ErrorCode.ILLEGAL_STATE, "the JNDI context is closed");
        }
        if (link == null || link.state() == FailoverLink.State.FAILED) {
            if (link != null) {
                link.close();
            }
            link = FailoverLink.open(options, options.user(), options.password(), null, NOTHING_TO_REPLAY);
        }
        return link;
    }

    private NamingException failure(String name, ProtocolException e) {
        NamingException n;
        if (e.code() == ErrorCode.NOT_FOUND) {
            NameNotFoundException nf = new NameNotFoundException("'" + name + "' is bound neither in the JNDI properties nor on "
                    + options.servers() + ": " + e.getMessage());
            try {
                nf.setRemainingName(new CompositeName().add(name));
            } catch (NamingException impossible) {
                // adding one component to an empty composite name does not fail
            }
            return nf;
        } else if (e.code() == ErrorCode.SECURITY) {
            n = new AuthenticationException("cannot look up '" + name + "': " + e.getMessage());
        } else if (e.code() == ErrorCode.GENERAL || e.code() == ErrorCode.CONNECTION_LOST) {
            n = new ServiceUnavailableException("cannot look up '" + name + "' on " + options.servers() + ": " + e.getMessage());
        } else {
            n = new NamingException("cannot look up '" + name + "': " + e.getMessage());
        }
        n.setRootCause(JmsErrors.of(e));
        return n;
    }

    /** Closes the lookup connection; later lookups of remote names fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (link != null) {
            link.close();
            link = null;
        }
    }
}
