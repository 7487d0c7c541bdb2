package io.tandemmq.client;

import io.tandemmq.client.transport.ClientOptions;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;

import java.io.Serializable;

/**
 * The connection factory for a {@code tandem://} URL. Serializable, so it can be bound in JNDI.
 *
 * <p>Credentials given to {@code createConnection(user, password)} win over those in the URL.
 */
public class TandemConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        XAConnectionFactory, XAQueueConnectionFactory, XATopicConnectionFactory, Serializable {
    private static final long serialVersionUID = 1L;
    private final ClientOptions options;

    /** @throws IllegalArgumentException naming every problem of the URL */
    public TandemConnectionFactory(String url) {
        this.options = ClientOptions.parse(url);
    }

    public String getUrl() {
        return options.url();
    }

    ClientOptions options() {
        return options;
    }

    /**
     * @throws JMSException when no server of the URL can be reached (with {@code clientPersistence}
     *         that is no error: the connection opens offline), or when the client-side store cannot
     *         be opened (the message names the path)
     * @throws jakarta.jms.InvalidClientIDException when the URL's clientID is in use
     */
    @Override
    public TandemConnection createConnection() throws JMSException {
        return new TandemConnection(options, options.user(), options.password());
    }

    @Override
    public TandemConnection createConnection(String userName, String password) throws JMSException {
        return new TandemConnection(options, userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return createConnection();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return createConnection(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return createConnection();
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return createConnection(userName, password);
    }

    @Override
    public JMSContext createContext() {
        return createContext(options.user(), options.password(), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(options.user(), options.password(), sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** @throws JMSRuntimeException (of the matching subclass) when the connection cannot be made */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        try {
            return TandemJMSContext.open(new TandemConnection(options, userName, password), sessionMode);
        } catch (JMSException e) {
            throw JmsErrors.toRuntime(e);
        }
    }

    /**
     * @throws JMSException when no server of the URL can be reached
     */
    @Override
    public TandemXAConnection createXAConnection() throws JMSException {
        return new TandemXAConnection(options, options.user(), options.password());
    }

    @Override
    public TandemXAConnection createXAConnection(String userName, String password) throws JMSException {
        return new TandemXAConnection(options, userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return createXAConnection();
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return createXAConnection(userName, password);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return createXAConnection();
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return createXAConnection(userName, password);
    }

    @Override
    public XAJMSContext createXAContext() {
        return createXAContext(options.user(), options.password());
    }

    /** @throws jakarta.jms.JMSRuntimeException (of the matching subclass) when the connection cannot be made */
    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        try {
            return new TandemXAJMSContext(new TandemXAConnection(options, userName, password));
        } catch (JMSException e) {
            throw JmsErrors.toRuntime(e);
        }
    }

    @Override
    public String toString() {
        return "TandemConnectionFactory[" + options + "]";
    }
}
