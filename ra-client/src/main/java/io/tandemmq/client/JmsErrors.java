package io.tandemmq.client;

import io.tandemmq.protocol.ProtocolException;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

/** Maps broker error codes to {@link JMSException} subclasses, and those to their runtime twins. */
public final class JmsErrors {

    private JmsErrors() {
    }

    /** The JMS exception for an error the broker (or the link) reported. */
    public static JMSException of(ProtocolException e) {
        String msg = e.getMessage();
        JMSException jms = switch (e.code()) {
            case ILLEGAL_STATE, UNKNOWN_OBJECT -> new IllegalStateException(msg);
            case INVALID_CLIENT_ID -> new InvalidClientIDException(msg);
            case INVALID_DESTINATION -> new InvalidDestinationException(msg);
            case INVALID_SELECTOR -> new InvalidSelectorException(msg);
            case SECURITY -> new JMSSecurityException(msg);
            case RESOURCE_ALLOCATION -> new ResourceAllocationException(msg);
            case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(msg);
            case TRANSACTION_IN_PROGRESS -> new TransactionInProgressException(msg);
            case MESSAGE_FORMAT -> new MessageFormatException(msg);
            default -> new JMSException(msg, e.code().name());
        };
        jms.initCause(e);
        return jms;
    }

    /** The simplified API's unchecked form of a JMS exception, of the matching subclass. */
    public static JMSRuntimeException toRuntime(JMSException e) {
        String msg = e.getMessage();
        String code = e.getErrorCode();
        JMSRuntimeException r;
        if (e instanceof IllegalStateException) {
            r = new IllegalStateRuntimeException(msg, code, e);
        } else if (e instanceof InvalidClientIDException) {
            r = new InvalidClientIDRuntimeException(msg, code, e);
        } else if (e instanceof InvalidDestinationException) {
            r = new InvalidDestinationRuntimeException(msg, code, e);
        } else if (e instanceof InvalidSelectorException) {
            r = new InvalidSelectorRuntimeException(msg, code, e);
        } else if (e instanceof JMSSecurityException) {
            r = new JMSSecurityRuntimeException(msg, code, e);
        } else if (e instanceof ResourceAllocationException) {
            r = new ResourceAllocationRuntimeException(msg, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            r = new TransactionRolledBackRuntimeException(msg, code, e);
        } else if (e instanceof TransactionInProgressException) {
            r = new TransactionInProgressRuntimeException(msg, code, e);
        } else if (e instanceof MessageNotWriteableException) {
            r = new MessageNotWriteableRuntimeException(msg, code, e);
        } else if (e instanceof MessageFormatException) {
            r = new MessageFormatRuntimeException(msg, code, e);
        } else {
            r = new JMSRuntimeException(msg, code, e);
        }
        return r;
    }

    /** A JMS exception with a cause attached. */
    public static JMSException wrap(String message, Exception cause) {
        JMSException e = new JMSException(message);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }
}
