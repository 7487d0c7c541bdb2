package io.tandemmq.client.message;

import io.tandemmq.client.TandemDestination;
import io.tandemmq.protocol.BodyType;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.WireMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

/** Converts between {@link TandemMessage} and the {@link WireMessage} the broker stores. */
final class WireMessageConverter {

    private WireMessageConverter() {
    }

    static TandemMessage fromWire(WireMessage wire, boolean redelivered, int deliveryCount) {
        TandemMessage m = newMessage(wire.bodyType());
        m.setJMSMessageID(wire.messageId());
        m.setJMSDestination(TandemDestination.fromRef(wire.destination()));
        m.setJMSReplyTo(TandemDestination.fromRef(wire.replyTo()));
        m.setJMSCorrelationID(wire.correlationId());
        m.setJMSType(wire.type());
        m.setJMSDeliveryMode(wire.deliveryMode());
        m.setJMSPriority(wire.priority());
        m.setJMSTimestamp(wire.timestamp());
        m.setJMSExpiration(wire.expiration());
        m.setJMSDeliveryTime(wire.deliveryTime());
        m.setJMSRedelivered(redelivered);
        m.properties().receive(wire.properties(), deliveryCount);
        m.receiveBody(wire.body());
        return m;
    }

    private static TandemMessage newMessage(BodyType type) {
        return switch (type) {
            case NONE -> new TandemMessage();
            case TEXT -> new TandemTextMessage();
            case BYTES -> new TandemBytesMessage();
            case MAP -> new TandemMapMessage();
            case STREAM -> new TandemStreamMessage();
            case OBJECT -> new TandemObjectMessage();
        };
    }

    static WireMessage toWire(TandemMessage m) throws JMSException {
        checkSendable(m);
        if (m.getJMSDestination() == null) {
            throw new InvalidDestinationException("the message has no JMSDestination");
        }
        return WireMessage.builder()
                .messageId(m.getJMSMessageID())
                .destination(ref(m.getJMSDestination(), "JMSDestination"))
                .replyTo(ref(m.getJMSReplyTo(), "JMSReplyTo"))
                .correlationId(m.getJMSCorrelationID())
                .type(m.getJMSType())
                .deliveryMode(m.getJMSDeliveryMode())
                .priority(m.getJMSPriority())
                .timestamp(m.getJMSTimestamp())
                .expiration(m.getJMSExpiration())
                .deliveryTime(m.getJMSDeliveryTime())
                .properties(m.properties().forWire())
                .body(m.bodyType(), m.encodeBody())
                .build();
    }

    /** The producer sets these headers; a message it has not prepared would only be refused by the broker. */
    private static void checkSendable(TandemMessage m) throws JMSException {
        if (m.getJMSMessageID() == null) {
            throw new jakarta.jms.IllegalStateException("the message has no JMSMessageID yet");
        }
        int mode = m.getJMSDeliveryMode();
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new jakarta.jms.IllegalStateException(
                    "JMSDeliveryMode " + mode + " is neither PERSISTENT nor NON_PERSISTENT");
        }
        if (m.getJMSPriority() < 0 || m.getJMSPriority() > 9) {
            throw new jakarta.jms.IllegalStateException("JMSPriority " + m.getJMSPriority() + " is not within 0..9");
        }
    }

    private static DestinationRef ref(Destination d, String header) throws InvalidDestinationException {
        if (d == null) {
            return null;
        }
        if (d instanceof TandemDestination td) {
            return td.toRef();
        }
        throw new InvalidDestinationException(header + " " + d + " is not a Tandem destination");
    }
}
