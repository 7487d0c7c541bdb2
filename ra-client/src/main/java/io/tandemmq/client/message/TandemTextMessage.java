package io.tandemmq.client.message;

import io.tandemmq.protocol.BodyType;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;

import java.nio.charset.StandardCharsets;

/** A message whose body is a string, sent as UTF-8. */
public final class TandemTextMessage extends TandemMessage implements TextMessage {
    private String text;

    /** A new message without text. */
    public TandemTextMessage() {
    }

    /** A new message with the given text. */
    public TandemTextMessage(String text) {
        this.text = text;
    }

    /** @throws jakarta.jms.MessageNotWriteableException when the message was received and its body not cleared */
    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    byte[] encodeBody() {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    void decodeBody(byte[] body) {
        text = body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    @Override
    void clearBodyContent() {
        text = null;
    }

    @Override
    boolean hasBody() {
        return text != null;
    }

    @Override
    Object bodyValue() {
        return text;
    }
}
