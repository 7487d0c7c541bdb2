package io.tandemmq.client.message;

import io.tandemmq.client.TandemQueue;
import io.tandemmq.protocol.WireMessage;
import jakarta.jms.JMSException;

/** Helpers that send a message through the wire form, as the producer and consumer do. */
final class TestMessages {

    private TestMessages() {
    }

    /** The message as a consumer receives it: encoded, decoded and delivered for the first time. */
    @SuppressWarnings("unchecked")
    static <M extends TandemMessage> M received(M sent) throws JMSException {
        return (M) received(sent, false, 1);
    }

    static TandemMessage received(TandemMessage sent, boolean redelivered, int deliveryCount) throws JMSException {
        if (sent.getJMSMessageID() == null) {
            sent.setJMSMessageID("ID:test-1");
        }
        if (sent.getJMSDestination() == null) {
            sent.setJMSDestination(new TandemQueue("orders"));
        }
        WireMessage decoded = WireMessage.decode(sent.toWire().encode());
        return TandemMessage.fromWire(decoded, redelivered, deliveryCount);
    }
}
