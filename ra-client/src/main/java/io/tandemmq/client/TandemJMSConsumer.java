package io.tandemmq.client;

import io.tandemmq.client.message.TandemMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

/** The simplified API's consumer: a {@link TandemMessageConsumer} with unchecked exceptions. */
public class TandemJMSConsumer implements JMSConsumer {
    private final TandemMessageConsumer consumer;
    /** False in a Jakarta EE container, where message listeners are not allowed. */
    private final boolean listenersAllowed;

    TandemJMSConsumer(TandemMessageConsumer consumer) {
        this(consumer, true);
    }

    private TandemJMSConsumer(TandemMessageConsumer consumer, boolean listenersAllowed) {
        this.consumer = consumer;
        this.listenersAllowed = listenersAllowed;
    }

    /**
     * A consumer for a JMSContext in a Jakarta EE container: {@code getMessageListener} and
     * {@code setMessageListener} throw {@link IllegalStateRuntimeException} (spec 12.2).
     *
     * @param consumer a consumer made by a Tandem session
     * @throws IllegalArgumentException when it is not
     */
    public static JMSConsumer inContainer(MessageConsumer consumer) {
        if (!(consumer instanceof TandemMessageConsumer c)) {
            throw new IllegalArgumentException("not a Tandem consumer: " + consumer);
        }
        return new TandemJMSConsumer(c, false);
    }

    private void checkListenersAllowed(String method) {
        if (!listenersAllowed) {
            throw new IllegalStateRuntimeException(method + " may not be called in a Jakarta EE container");
        }
    }

    @Override
    public String getMessageSelector() {
        return TandemJMSContext.unchecked(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        checkListenersAllowed("getMessageListener");
        return TandemJMSContext.unchecked(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        checkListenersAllowed("setMessageListener");
        TandemJMSContext.unchecked(() -> {
            consumer.setMessageListener(listener);
            return null;
        });
    }

    @Override
    public Message receive() {
        return TandemJMSContext.unchecked(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return TandemJMSContext.unchecked(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return TandemJMSContext.unchecked(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        TandemJMSContext.unchecked(() -> {
            consumer.close();
            return null;
        });
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return body(0, c);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return body(Math.max(0, timeout), c);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return body(-1, c);
    }

    /**
     * The spec leaves out a bare {@code Message} (whose {@code getBody} returns null for any type,
     * which a caller could not tell from "no message") and a {@code StreamMessage}.
     */
    private static void checkBodyKind(Message m) throws MessageFormatException {
        if (m instanceof StreamMessage || !(m instanceof TextMessage || m instanceof BytesMessage
                || m instanceof MapMessage || m instanceof ObjectMessage)) {
            throw new MessageFormatException("receiveBody cannot return the body of a "
                    + (m instanceof StreamMessage ? "StreamMessage" : "Message without a body type")
                    + "; receive it with receive()");
        }
    }

    /**
     * Receives and returns the body. When the body cannot be given as {@code c}, the message is
     * not acknowledged: in AUTO and DUPS_OK mode it is the next one received again, as if this
     * call had not happened (not marked redelivered, its delivery count unchanged); in the other
     * modes it stays unacknowledged in the session, as the spec asks.
     *
     * @throws jakarta.jms.MessageFormatRuntimeException when the body is not assignable to {@code c},
     *         or the message is a bare {@code Message} or a {@code StreamMessage}
     */
    private <T> T body(long timeout, Class<T> c) {
        return TandemJMSContext.unchecked(() -> {
            TandemMessage m = consumer.receiveWithoutAutoAck(timeout);
            if (m == null) {
                return null;
            }
            TandemSession session = consumer.session();
            try {
                checkBodyKind(m);
                T body = m.getBody(c);
                consumer.bodyTaken();
                session.autoAcknowledge();
                return body;
            } catch (MessageFormatException e) {
                if (session.isAutoAcknowledging()) {
                    consumer.giveBackUnread();
                } else {
                    consumer.bodyTaken();
                }
                throw e;
            }
        });
    }
}
