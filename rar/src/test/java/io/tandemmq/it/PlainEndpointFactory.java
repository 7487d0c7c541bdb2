package io.tandemmq.it;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A message endpoint factory with non-transacted delivery: records each text and whether it was
 * redelivered, and throws the first time it sees a text starting with "fail".
 */
final class PlainEndpointFactory implements MessageEndpointFactory {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final List<Boolean> redelivered = new CopyOnWriteArrayList<>();

    @Override
    public MessageEndpoint createEndpoint(XAResource xa) {
        return new Endpoint();
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xa, long timeout) {
        return new Endpoint();
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return "plain-endpoint";
    }

    @Override
    public Class<?> getEndpointClass() {
        return Endpoint.class;
    }

    final class Endpoint implements MessageEndpoint, MessageListener {
        @Override
        public void onMessage(Message message) {
            try {
                String text = ((TextMessage) message).getText();
                boolean first = !seen.contains(text);
                seen.add(text);
                redelivered.add(message.getJMSRedelivered());
                if (text.startsWith("fail") && first) {
                    throw new IllegalStateException("onMessage fails once for " + text);
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void beforeDelivery(Method method) {
        }

        @Override
        public void afterDelivery() {
        }

        @Override
        public void release() {
        }
    }
}
