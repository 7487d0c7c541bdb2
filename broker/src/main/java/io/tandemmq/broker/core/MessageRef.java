package io.tandemmq.broker.core;

import io.tandemmq.broker.core.selector.SelectorContext;
import io.tandemmq.protocol.WireMessage;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * One message in one queue or subscription. A topic message with three subscriptions has three
 * refs. The body may be paged out to the store ({@link #body} null while {@link #hasBody} is true).
 *
 * <p>The headers of a message sent to this broker stay in memory. Those of a message recovered
 * from the store are read from it when first needed (a delivery, a selector, a browser): a
 * takeover then reads only a few narrow columns of each waiting message, and serves sooner. What
 * ordering and expiry need (priority, expiration, delivery time) is kept in fields either way.
 */
public final class MessageRef implements SelectorContext {
    private static final Logger LOG = System.getLogger(MessageRef.class.getName());

    /** Reads the headers of a stored message. */
    @FunctionalInterface
    public interface HeaderSource {
        /** @throws RuntimeException when the store cannot be read */
        WireMessage headers(long id);
    }

    private final long id;
    private final int priority;
    private final long expiration;
    private final long deliveryTime;
    private final HeaderSource headerSource;
    private WireMessage headers;
    private final boolean stored;
    private final String originConnectionId;
    private final boolean hasBody;
    private byte[] body;
    private int deliveryCount;
    private long reservedBytes;

    /**
     * @param id increasing over the broker's life; orders messages and is the store row id
     * @param headers the message without its body
     * @param stored whether a store row exists for this ref
     */
    public MessageRef(long id, WireMessage headers, byte[] body, boolean hasBody, boolean stored,
                      String originConnectionId, int deliveryCount) {
        this.id = id;
        this.headers = headers;
        this.priority = headers.priority();
        this.expiration = headers.expiration();
        this.deliveryTime = headers.deliveryTime();
        this.headerSource = null;
        this.body = body;
        this.hasBody = hasBody;
        this.stored = stored;
        this.originConnectionId = originConnectionId;
        this.deliveryCount = deliveryCount;
    }

    private MessageRef(long id, int priority, long expiration, long deliveryTime, boolean hasBody, int deliveryCount,
                       HeaderSource headerSource) {
        this.id = id;
        this.priority = priority;
        this.expiration = expiration;
        this.deliveryTime = deliveryTime;
        this.headerSource = headerSource;
        this.hasBody = hasBody;
        this.stored = true;
        this.originConnectionId = null;
        this.deliveryCount = deliveryCount;
    }

    /** A message read back from the store, its headers and body still there. */
    public static MessageRef recovered(long id, int priority, long expiration, long deliveryTime, boolean hasBody,
                                       int deliveryCount, HeaderSource headerSource) {
        return new MessageRef(id, priority, expiration, deliveryTime, hasBody, deliveryCount, headerSource);
    }

    public long id() {
        return id;
    }

    /**
     * The message without its body, read from the store the first time for a recovered message.
     *
     * @throws RuntimeException when they must be read and the store cannot be (the ref is unchanged)
     */
    public WireMessage headers() {
        if (headers == null) {
            headers = headerSource.headers(id);
        }
        return headers;
    }

    /** Whether {@link #headers()} answers without reading the store. */
    public boolean hasHeadersInMemory() {
        return headers != null;
    }

    /** Keeps headers read together with the body of a recovered message. */
    void headersRead(WireMessage read) {
        if (headers == null) {
            headers = read;
        }
    }

    public boolean isStored() {
        return stored;
    }

    public String originConnectionId() {
        return originConnectionId;
    }

    public int priority() {
        return priority;
    }

    public long deliveryTime() {
        return deliveryTime;
    }

    public boolean isBodyInMemory() {
        return !hasBody || body != null;
    }

    public boolean hasBody() {
        return hasBody;
    }

    public byte[] body() {
        return body;
    }

    /** Drops the body from memory; only for stored refs, which can read it back. */
    void pageOut() {
        if (stored) {
            body = null;
        }
    }

    public long reservedBytes() {
        return reservedBytes;
    }

    void reserved(long bytes) {
        reservedBytes = bytes;
    }

    public int deliveryCount() {
        return deliveryCount;
    }

    void countDelivery() {
        deliveryCount++;
    }

    void uncountDelivery() {
        deliveryCount = Math.max(0, deliveryCount - 1);
    }

    /** The full message for a delivery, with the body given (read from the store if it was paged out). */
    public WireMessage withBody(byte[] loadedBody) {
        WireMessage h = headers();
        return h.toBuilder().body(h.bodyType(), loadedBody).build();
    }

    public boolean canExpire() {
        return expiration > 0;
    }

    public boolean isExpired(long now) {
        return expiration > 0 && expiration <= now;
    }

    /**
     * A selector's view of the message. When the headers cannot be read from the store every
     * identifier is unknown, so the message matches no selector for now (it is not lost: the next
     * dispatch asks again).
     */
    @Override
    public Object valueOf(String identifier) {
        WireMessage headers;
        try {
            headers = headers();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot read the headers of message row {0} for a selector: {1}", id, e.getMessage());
            return null;
        }
        switch (identifier) {
            case "JMSDeliveryMode":
                return headers.isPersistent() ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority":
                return priority;
            case "JMSMessageID":
                return headers.messageId();
            case "JMSTimestamp":
                return headers.timestamp();
            case "JMSCorrelationID":
                return headers.correlationId();
            case "JMSType":
                return headers.type();
            case "JMSXDeliveryCount":
                return deliveryCount + 1;
            default:
                return headers.properties().get(identifier);
        }
    }

    @Override
    public String toString() {
        return headers == null ? "MessageRef[" + id + "]" : "MessageRef[" + id + " " + headers.messageId() + "]";
    }
}
