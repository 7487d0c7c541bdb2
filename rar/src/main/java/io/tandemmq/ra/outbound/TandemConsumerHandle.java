package io.tandemmq.ra.outbound;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

/**
 * A consumer made through a {@link TandemSessionHandle}: the pooled session's consumer, except
 * that {@code getMessageListener} and {@code setMessageListener} throw
 * {@link IllegalStateException}, as the Jakarta EE rules for the web and EJB containers ask
 * (message-driven beans receive asynchronously instead).
 */
final class TandemConsumerHandle implements QueueReceiver, TopicSubscriber {
    private final MessageConsumer consumer;

    TandemConsumerHandle(MessageConsumer consumer) {
        this.consumer = consumer;
    }

    /** The pooled session's consumer, for the JMSContext of the same handle. */
    MessageConsumer physical() {
        return consumer;
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw new IllegalStateException("getMessageListener may not be called in a Jakarta EE container");
    }

    /** @throws IllegalStateException always (Jakarta EE) */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw new IllegalStateException("setMessageListener may not be called in a Jakarta EE container");
    }

    @Override
    public String getMessageSelector() throws JMSException {
        return consumer.getMessageSelector();
    }

    @Override
    public Message receive() throws JMSException {
        return consumer.receive();
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return consumer.receive(timeout);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return consumer.receiveNoWait();
    }

    @Override
    public void close() throws JMSException {
        consumer.close();
    }

    @Override
    public Queue getQueue() throws JMSException {
        return ((QueueReceiver) consumer).getQueue();
    }

    @Override
    public Topic getTopic() throws JMSException {
        return ((TopicSubscriber) consumer).getTopic();
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        return ((TopicSubscriber) consumer).getNoLocal();
    }
}
