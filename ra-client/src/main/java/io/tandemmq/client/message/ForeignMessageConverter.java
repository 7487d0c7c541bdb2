package io.tandemmq.client.message;

import io.tandemmq.client.TandemDestination;
import io.tandemmq.client.TandemQueue;
import io.tandemmq.client.TandemTopic;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.util.Enumeration;

/**
 * Copies a message of another JMS provider into a Tandem message, as the spec requires a provider
 * to send foreign messages. Only the standard interfaces are used.
 */
final class ForeignMessageConverter {
    private static final int CHUNK = 8192;

    private ForeignMessageConverter() {
    }

    static TandemMessage copyOf(Message foreign) throws JMSException {
        if (foreign instanceof TandemMessage own) {
            return own;
        }
        TandemMessage copy = copyBody(foreign);
        copyHeaders(foreign, copy);
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            copy.setObjectProperty(name, foreign.getObjectProperty(name));
        }
        return copy;
    }

    private static void copyHeaders(Message from, TandemMessage to) throws JMSException {
        to.setJMSMessageID(from.getJMSMessageID());
        to.setJMSDestination(adopt(from.getJMSDestination()));
        to.setJMSReplyTo(adopt(from.getJMSReplyTo()));
        to.setJMSCorrelationID(from.getJMSCorrelationID());
        to.setJMSType(from.getJMSType());
        to.setJMSDeliveryMode(from.getJMSDeliveryMode());
        to.setJMSPriority(from.getJMSPriority());
        to.setJMSTimestamp(from.getJMSTimestamp());
        to.setJMSExpiration(from.getJMSExpiration());
        to.setJMSDeliveryTime(from.getJMSDeliveryTime());
        to.setJMSRedelivered(from.getJMSRedelivered());
    }

    /**
     * A foreign queue or topic becomes the Tandem one of the same name, so a reply-to address
     * set with another provider's objects still works. Temporary destinations live on the other
     * provider and are kept as they are; sending such a message fails in {@link TandemMessage#toWire()}.
     */
    private static Destination adopt(Destination d) throws JMSException {
        if (d == null || d instanceof TandemDestination || d instanceof TemporaryQueue || d instanceof TemporaryTopic) {
            return d;
        }
        if (d instanceof Queue q) {
            return new TandemQueue(q.getQueueName());
        }
        if (d instanceof Topic t) {
            return new TandemTopic(t.getTopicName());
        }
        return d;
    }

    private static TandemMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage text) {
            return new TandemTextMessage(text.getText());
        } else if (foreign instanceof BytesMessage bytes) {
            return copyBytes(bytes);
        } else if (foreign instanceof MapMessage map) {
            return copyMap(map);
        } else if (foreign instanceof StreamMessage stream) {
            return copyStream(stream);
        } else if (foreign instanceof ObjectMessage object) {
            TandemObjectMessage copy = new TandemObjectMessage();
            copy.setObject(object.getObject());
            return copy;
        }
        return new TandemMessage();
    }

    private static TandemMessage copyBytes(BytesMessage from) throws JMSException {
        TandemBytesMessage copy = new TandemBytesMessage();
        byte[] chunk = new byte[CHUNK];
        from.reset();
        for (int n = from.readBytes(chunk); n > 0; n = from.readBytes(chunk)) {
            copy.writeBytes(chunk, 0, n);
        }
        from.reset();
        copy.reset();
        return copy;
    }

    private static TandemMessage copyMap(MapMessage from) throws JMSException {
        TandemMapMessage copy = new TandemMapMessage();
        Enumeration<?> names = from.getMapNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            copy.setObject(name, from.getObject(name));
        }
        return copy;
    }

    private static TandemMessage copyStream(StreamMessage from) throws JMSException {
        TandemStreamMessage copy = new TandemStreamMessage();
        from.reset();
        while (true) {
            Object item;
            try {
                item = from.readObject();
            } catch (MessageEOFException end) {
                break;
            }
            copy.writeObject(item);
        }
        from.reset();
        copy.reset();
        return copy;
    }
}
