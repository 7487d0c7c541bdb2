package io.tandemmq.client;

import io.tandemmq.client.message.TandemMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's producer: options and properties set here apply to every message it
 * sends. Properties follow the same naming and conversion rules as message properties, because
 * they are kept in a scratch message.
 */
public class TandemJMSProducer implements JMSProducer {
    /** The classic producer a {@link TandemJMSProducer} sends through, made on first use. */
    @FunctionalInterface
    public interface ProducerSource {
        MessageProducer producer() throws JMSException;
    }

    private final JMSContext context;
    private final ProducerSource producer;
    private final TandemMessage properties = new TandemMessage();
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive;
    private long deliveryDelay;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private CompletionListener async;
    private String correlationId;
    private String type;
    private Destination replyTo;

    TandemJMSProducer(TandemJMSContext context) {
        this(context, context::producer);
    }

    private TandemJMSProducer(JMSContext context, ProducerSource producer) {
        this.context = context;
        this.producer = producer;
    }

    /**
     * A producer for another {@link JMSContext} (the resource adapter's): messages are made by
     * {@code context} and sent through the classic producer of {@code producer}, which must send
     * Tandem messages to Tandem destinations.
     */
    public static JMSProducer over(JMSContext context, ProducerSource producer) {
        return new TandemJMSProducer(context, producer);
    }

    /**
     * Sends a message with this producer's options and properties.
     *
     * @throws InvalidDestinationRuntimeException for a null or foreign destination
     * @throws MessageFormatRuntimeException for a null message
     */
    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (destination == null) {
            throw new InvalidDestinationRuntimeException("the destination must not be null");
        }
        if (message == null) {
            throw new MessageFormatRuntimeException("the message must not be null");
        }
        TandemJMSContext.unchecked(() -> {
            applyTo(message);
            MessageProducer p = producer.producer();
            p.setDisableMessageID(disableMessageId);
            p.setDisableMessageTimestamp(disableTimestamp);
            p.setDeliveryDelay(deliveryDelay);
            if (!(destination instanceof TandemDestination)) {
                throw new jakarta.jms.InvalidDestinationException("not a Tandem destination: " + destination);
            } else if (async == null) {
                p.send(destination, message, deliveryMode, priority, timeToLive);
            } else {
                p.send(destination, message, deliveryMode, priority, timeToLive, async);
            }
            return null;
        });
        return this;
    }

    private void applyTo(Message message) throws JMSException {
        for (String name : Collections.list(properties.getPropertyNames())) {
            message.setObjectProperty(name, properties.getObjectProperty(name));
        }
        if (correlationId != null) {
            message.setJMSCorrelationID(correlationId);
        }
        if (type != null) {
            message.setJMSType(type);
        }
        if (replyTo != null) {
            message.setJMSReplyTo(replyTo);
        }
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        TextMessage m = context.createTextMessage(body);
        return send(destination, m);
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage m = context.createMapMessage();
        if (body != null) {
            TandemJMSContext.unchecked(() -> {
                for (Map.Entry<String, Object> e : body.entrySet()) {
                    m.setObject(e.getKey(), e.getValue());
                }
                return null;
            });
        }
        return send(destination, m);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage m = context.createBytesMessage();
        if (body != null) {
            TandemJMSContext.unchecked(() -> {
                m.writeBytes(body);
                return null;
            });
        }
        return send(destination, m);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        ObjectMessage m = context.createObjectMessage(body);
        return send(destination, m);
    }

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        disableMessageId = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return disableMessageId;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        disableTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return disableTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(int mode) {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSRuntimeException("delivery mode " + mode + " is neither PERSISTENT nor NON_PERSISTENT");
        }
        deliveryMode = mode;
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int value) {
        if (value < 0 || value > 9) {
            throw new JMSRuntimeException("priority " + value + " is outside 0..9");
        }
        priority = value;
        return this;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(long value) {
        timeToLive = value;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long value) {
        deliveryDelay = value;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return deliveryDelay;
    }

    @Override
    public JMSProducer setAsync(CompletionListener listener) {
        async = listener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return async;
    }

    private JMSProducer set(String name, Object value) {
        TandemJMSContext.unchecked(() -> {
            properties.setObjectProperty(name, value);
            return null;
        });
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return set(name, value);
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        return set(name, value);
    }

    @Override
    public JMSProducer clearProperties() {
        properties.clearProperties();
        return this;
    }

    @Override
    public boolean propertyExists(String name) {
        return TandemJMSContext.unchecked(() -> properties.propertyExists(name));
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return TandemJMSContext.unchecked(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return TandemJMSContext.unchecked(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return TandemJMSContext.unchecked(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return TandemJMSContext.unchecked(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return TandemJMSContext.unchecked(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return TandemJMSContext.unchecked(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return TandemJMSContext.unchecked(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return TandemJMSContext.unchecked(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return TandemJMSContext.unchecked(() -> properties.getObjectProperty(name));
    }

    @Override
    public Set<String> getPropertyNames() {
        return TandemJMSContext.unchecked(() -> new LinkedHashSet<>(Collections.list(properties.getPropertyNames())));
    }

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] value) {
        correlationId = value == null ? null : new String(value, StandardCharsets.ISO_8859_1);
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public JMSProducer setJMSCorrelationID(String value) {
        correlationId = value;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(String value) {
        type = value;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination value) {
        replyTo = value;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }
}
