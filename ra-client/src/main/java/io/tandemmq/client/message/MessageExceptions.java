package io.tandemmq.client.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

/** Builds JMS exceptions that keep their cause both as linked exception and as Java cause. */
final class MessageExceptions {

    private MessageExceptions() {
    }

    static MessageFormatException formatError(String message, Exception cause) {
        return link(new MessageFormatException(message), cause);
    }

    static <E extends JMSException> E link(E error, Exception cause) {
        error.setLinkedException(cause);
        error.initCause(cause);
        return error;
    }
}
