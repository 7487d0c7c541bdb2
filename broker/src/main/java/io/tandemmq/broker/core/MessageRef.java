package io.tandemmq.broker.core;

import io.tandemmq.broker.core.selector.SelectorContext;
import io.tandemmq.protocol.WireMessage;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * One message in one queue or subscription. A topic message with three subscriptions has three
 * refs. The body may be paged out to the store ({@link #body} null while {@link #hasBody} is true).
 *
 * <p>The headers of a message sent to this broker stay in memory while the broker's memory budget
 * has room for the whole message. Those of a stored message that did not fit, and of a message
 * recovered from the store, are read from it when first needed (a delivery, a selector, a browser)
 * and kept from then on (counted against the budget when it has room): until then such a ref
 * holds only a few fields. A takeover thus reads only a few narrow columns of each waiting message,
 * and serves sooner. What ordering and expiry need (priority, expiration, delivery time) is kept
 * in fields either way.
 */
public final class MessageRef implements SelectorContext {
    private static final Logger LOG = System.getLogger(MessageRef.class.getName());

    /** Where the headers of a stored message come from when they are not in memory. */
    public interface HeaderSource {
        /** @throws RuntimeException when the store cannot be read */
        WireMessage headers(long id);

        /** Counts headers read back against the memory budget; false when it has no room for them. */
        boolean reserve(long bytes);
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
                       String originConnectionId, HeaderSource headerSource) {
        this.id = id;
        this.priority = priority;
        this.expiration = expiration;
        this.deliveryTime = deliveryTime;
        this.headerSource = headerSource;
        this.hasBody = hasBody;
        this.stored = true;
        this.originConnectionId = originConnectionId;
        this.deliveryCount = deliveryCount;
    }

    /** A message read back from the store, its headers and body still there. */
    public static MessageRef recovered(long id, int priority, long expiration, long deliveryTime, boolean hasBody,
                                       int deliveryCount, HeaderSource headerSource) {
        return new MessageRef(id, priority, expiration, deliveryTime, hasBody, deliveryCount, null, headerSource);
    }

    /**
     * A message being stored that does not fit in the memory budget: only the fields that
     * ordering, expiry and no-local need stay in memory; headers and body are read back from the
     * store (which has them once the send completes; nothing reads them before).
     */
    public static MessageRef pagedOnArrival(long id, WireMessage headers, boolean hasBody, String originConnectionId,
                                            HeaderSource headerSource) {
        return new MessageRef(id, headers.priority(), headers.expiration(), headers.deliveryTime(), hasBody, 0,
                originConnectionId, headerSource);
    }

    public long id() {
        return id;
    }

    /**
     * The message without its body: read from the store the first time when it is not in memory.
     *
     * @throws RuntimeException when they must be read and the store cannot be (the ref is unchanged)
     */
    public WireMessage headers() {
        if (headers != null) {
            return headers;
        }
        keep(headerSource.headers(id));
        return headers;
    }

    /** Whether {@link #headers()} answers without reading the store. */
    public boolean hasHeadersInMemory() {
        return headers != null;
    }

    /** Keeps headers read together with the body. */
    void headersRead(WireMessage read) {
        if (headers == null) {
            keep(read);
        }
    }

    /** Selectors and redeliveries read them again; they count against the budget when it has room. */
    private void keep(WireMessage read) {
        headers = read;
        long size = read.estimatedSize();
        if (headerSource.reserve(size)) {
            reservedBytes += size;
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
