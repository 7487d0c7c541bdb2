package io.tandemmq.client.message;

import io.tandemmq.protocol.BodyType;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;

import java.io.Serializable;

/**
 * A message whose body is a serializable object. The object is serialized when it is set, so the
 * message holds a snapshot and later changes to the object are not sent; each
 * {@link #getObject()} returns a new copy.
 */
public final class TandemObjectMessage extends TandemMessage implements ObjectMessage {
    /** The serialized object, or null for none. */
    private byte[] serialized;

    /** A new message without an object. */
    public TandemObjectMessage() {
    }

    /**
     * @throws MessageFormatException when the object cannot be serialized; the body is then unchanged
     * @throws jakarta.jms.MessageNotWriteableException when the message was received and its body not cleared
     */
    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : JavaSerialization.serialize(object);
    }

    /** @throws MessageFormatException when the object cannot be deserialized, e.g. its class is not visible */
    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : JavaSerialization.deserialize(serialized);
    }

    @Override
    BodyType bodyType() {
        return BodyType.OBJECT;
    }

    @Override
    byte[] encodeBody() {
        return serialized;
    }

    @Override
    void decodeBody(byte[] body) {
        serialized = body;
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }

    @Override
    boolean hasBody() {
        return serialized != null;
    }

    @Override
    Object bodyValue() throws JMSException {
        return getObject();
    }
}
