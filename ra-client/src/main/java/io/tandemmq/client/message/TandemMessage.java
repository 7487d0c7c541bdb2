package io.tandemmq.client.message;

import io.tandemmq.protocol.BodyType;
import io.tandemmq.protocol.MalformedFrameException;
import io.tandemmq.protocol.WireMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * A Tandem message: the JMS headers, the properties and the body lifecycle shared by the five
 * body types. Used as is for a message without a body.
 *
 * <p>A new message has writable properties and body. A received one ({@link #fromWire}) has both
 * read-only until {@link #clearProperties()} or {@link #clearBody()}. Header setters are plain
 * setters at any time: the producer validates what it sets.
 *
 * <p>Not thread-safe, like the session that owns it. Equality is identity.
 */
public class TandemMessage implements Message {
    private String messageId;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timestamp;
    private long expiration;
    private long deliveryTime;
    private String correlationId;
    private String type;
    private Destination replyTo;
    private boolean redelivered;

    private final MessageProperties properties = new MessageProperties();
    private boolean bodyReadOnly;
    private Acknowledger acknowledger;

    /** A new message without a body. */
    public TandemMessage() {
    }

    /**
     * The message for one delivery of a stored message: the subtype matching its body type, with
     * read-only properties and body, {@code JMSRedelivered} as given and the property
     * {@code JMSXDeliveryCount} set to {@code deliveryCount}.
     *
     * @throws MalformedFrameException when the body bytes are not a valid encoding of its body type
     */
    public static TandemMessage fromWire(WireMessage wire, boolean redelivered, int deliveryCount) {
        return WireMessageConverter.fromWire(wire, redelivered, deliveryCount);
    }

    /**
     * A snapshot of the current headers, properties (without {@code JMSXDeliveryCount}) and body.
     *
     * @throws jakarta.jms.IllegalStateException when JMSMessageID has not been set, or
     *         JMSDeliveryMode or JMSPriority has a value JMS does not define
     * @throws jakarta.jms.InvalidDestinationException when JMSDestination is missing or not a
     *         Tandem destination, or JMSReplyTo is not a Tandem destination
     * @throws JMSException when the body cannot be encoded
     */
    public WireMessage toWire() throws JMSException {
        return WireMessageConverter.toWire(this);
    }

    /**
     * A Tandem message with the headers, properties and body of a message from another provider.
     * Foreign bytes and stream bodies are read from the start ({@code reset()} before and after),
     * which leaves the foreign message in read-only mode. A Tandem message is returned as is.
     *
     * @throws JMSException when the foreign message cannot be read, or holds a property or body
     *         value that JMS does not allow
     */
    public static TandemMessage copyOf(Message foreign) throws JMSException {
        return ForeignMessageConverter.copyOf(foreign);
    }

    /** Sets what {@link #acknowledge()} does; received messages get their consumer's. */
    public void setAcknowledger(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /** Does nothing for a message that was not received, as there is nothing to acknowledge. */
    @Override
    public void acknowledge() throws JMSException {
        Acknowledger a = acknowledger;
        if (a != null) {
            a.acknowledge();
        }
    }

    // ---- body lifecycle, shared by the subtypes

    /** The wire body type; each subtype returns its own. */
    BodyType bodyType() {
        return BodyType.NONE;
    }

    /** The body for the wire, or null for none. */
    byte[] encodeBody() throws JMSException {
        return null;
    }

    /**
     * Installs a received body; the message is made read-only afterwards.
     *
     * @throws MalformedFrameException when the bytes do not decode
     */
    void decodeBody(byte[] body) {
        // a bare message has no body to decode
    }

    /** Empties the body; the message is made writable afterwards. */
    void clearBodyContent() {
        // a bare message has no body to clear
    }

    /** Whether there is a body; without one {@link #getBody} returns null for any type. */
    boolean hasBody() {
        return false;
    }

    /** The body as {@link #getBody} returns it, a copy where it is mutable; called only with a body. */
    Object bodyValue() throws JMSException {
        return null;
    }

    /** The class of {@link #bodyValue()}; subtypes whose value is costly to build override it. */
    Class<?> bodyClass() throws JMSException {
        return bodyValue().getClass();
    }

    final void receiveBody(byte[] body) {
        decodeBody(body);
        bodyReadOnly = true;
    }

    final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    final void makeBodyReadOnly() {
        bodyReadOnly = true;
    }

    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the message body is read-only");
        }
    }

    /** For the bytes and stream bodies, which are write-only until reset. */
    final void checkBodyReadable() throws MessageNotReadableException {
        if (!bodyReadOnly) {
            throw new MessageNotReadableException("the message body is write-only until reset()");
        }
    }

    final MessageProperties properties() {
        return properties;
    }

    @Override
    public void clearBody() throws JMSException {
        bodyReadOnly = false;
        clearBodyContent();
    }

    /**
     * @throws MessageFormatException when the body cannot be assigned to {@code c}, or an object
     *         body cannot be deserialized, or this is a stream message
     */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (!hasBody()) {
            return null;
        }
        Object body = bodyValue();
        if (!c.isInstance(body)) {
            throw new MessageFormatException("a " + getClass().getSimpleName() + " body of "
                    + ValueConversions.typeName(body) + " cannot be read as " + c.getName());
        }
        return c.cast(body);
    }

    /** False, not an exception, when an object body cannot be deserialized. */
    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) throws JMSException {
        if (!hasBody()) {
            return true;
        }
        Class<?> target = c;
        try {
            return target.isAssignableFrom(bodyClass());
        } catch (MessageFormatException e) {
            return false;
        }
    }

    // ---- headers

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    /** The correlation id as its ISO-8859-1 bytes, the encoding that {@link #setJMSCorrelationIDAsBytes} used. */
    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Stored as a string of one ISO-8859-1 character per byte, so any bytes survive the trip. */
    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationId) {
        this.correlationId = correlationId == null ? null : new String(correlationId, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void setJMSCorrelationID(String correlationId) {
        this.correlationId = correlationId;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ---- properties; a missing property reads as a null value (see ValueConversions)

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return ValueConversions.toBoolean(properties.get(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return ValueConversions.toByte(properties.get(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return ValueConversions.toShort(properties.get(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return ValueConversions.toInt(properties.get(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return ValueConversions.toLong(properties.get(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return ValueConversions.toFloat(properties.get(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return ValueConversions.toDouble(properties.get(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return ValueConversions.toText(properties.get(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    /** @throws MessageFormatException unless the value is null, a String or a boxed primitive other than Character */
    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + messageId + "]";
    }
}
