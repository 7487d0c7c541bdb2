package io.tandemmq.broker.core;

import io.tandemmq.broker.core.selector.SelectorContext;
import io.tandemmq.protocol.WireMessage;

/**
 * One message in one queue or subscription. A topic message with three subscriptions has three
 * refs. The headers stay in memory; the body may be paged out to the store ({@link #body} null
 * while {@link #hasBody} is true).
 */
public final class MessageRef implements SelectorContext {
    private final long id;
    private final WireMessage headers;
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
        this.body = body;
        this.hasBody = hasBody;
        this.stored = stored;
        this.originConnectionId = originConnectionId;
        this.deliveryCount = deliveryCount;
    }

    public long id() {
        return id;
    }

    public WireMessage headers() {
        return headers;
    }

    public boolean isStored() {
        return stored;
    }

    public String originConnectionId() {
        return originConnectionId;
    }

    public int priority() {
        return headers.priority();
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
        return headers.toBuilder().body(headers.bodyType(), loadedBody).build();
    }

    public boolean isExpired(long now) {
        return headers.isExpired(now);
    }

    @Override
    public Object valueOf(String identifier) {
        switch (identifier) {
            case "JMSDeliveryMode":
                return headers.isPersistent() ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority":
                return headers.priority();
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
        return "MessageRef[" + id + " " + headers.messageId() + "]";
    }
}
