package io.tandemmq.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message as the broker stores and routes it: the JMS headers, the properties and the encoded
 * body. Immutable. The body bytes are opaque to the broker; the client encodes them per
 * {@link BodyType} (UTF-8 text, raw bytes, a typed map or list, a serialized object).
 *
 * <p>{@code JMSRedelivered} and {@code JMSXDeliveryCount} are not part of the stored message: the
 * broker sends them with each delivery.
 */
public final class WireMessage implements WirePayload {
    public static final int NON_PERSISTENT = 1;
    public static final int PERSISTENT = 2;

    private final String messageId;
    private final DestinationRef destination;
    private final DestinationRef replyTo;
    private final String correlationId;
    private final String type;
    private final int deliveryMode;
    private final int priority;
    private final long timestamp;
    private final long expiration;
    private final long deliveryTime;
    private final Map<String, Object> properties;
    private final BodyType bodyType;
    private final byte[] body;

    private WireMessage(Builder b) {
        this.messageId = Objects.requireNonNull(b.messageId, "messageId");
        this.destination = Objects.requireNonNull(b.destination, "destination");
        this.replyTo = b.replyTo;
        this.correlationId = b.correlationId;
        this.type = b.type;
        this.deliveryMode = b.deliveryMode;
        this.priority = b.priority;
        this.timestamp = b.timestamp;
        this.expiration = b.expiration;
        this.deliveryTime = b.deliveryTime;
        this.properties = b.properties == null || b.properties.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.bodyType = b.bodyType;
        this.body = b.body;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.messageId = messageId;
        b.destination = destination;
        b.replyTo = replyTo;
        b.correlationId = correlationId;
        b.type = type;
        b.deliveryMode = deliveryMode;
        b.priority = priority;
        b.timestamp = timestamp;
        b.expiration = expiration;
        b.deliveryTime = deliveryTime;
        b.properties = properties;
        b.bodyType = bodyType;
        b.body = body;
        return b;
    }

    public String messageId() {
        return messageId;
    }

    public DestinationRef destination() {
        return destination;
    }

    public DestinationRef replyTo() {
        return replyTo;
    }

    public String correlationId() {
        return correlationId;
    }

    public String type() {
        return type;
    }

    public int deliveryMode() {
        return deliveryMode;
    }

    public boolean isPersistent() {
        return deliveryMode == PERSISTENT;
    }

    public int priority() {
        return priority;
    }

    public long timestamp() {
        return timestamp;
    }

    /** Expiry time in epoch millis, or 0 for never. */
    public long expiration() {
        return expiration;
    }

    /** Earliest delivery time in epoch millis, or 0 for at once. */
    public long deliveryTime() {
        return deliveryTime;
    }

    /** Unmodifiable; values are the JMS property types only. */
    public Map<String, Object> properties() {
        return properties;
    }

    public BodyType bodyType() {
        return bodyType;
    }

    /** The encoded body, or null for none. Callers must not modify it. */
    public byte[] body() {
        return body;
    }

    public boolean isExpired(long now) {
        return expiration > 0 && expiration <= now;
    }

    /** Rough bytes held in memory, used for memory limits. */
    public int estimatedSize() {
        int size = 160 + messageId.length() * 2 + destination.name().length() * 2;
        size += properties.size() * 64;
        return size + (body == null ? 0 : body.length);
    }

    @Override
    public void writeTo(WireWriter out) {
        out.writeString(messageId);
        destination.writeTo(out);
        DestinationRef.writeOptional(out, replyTo);
        out.writeString(correlationId);
        out.writeString(type);
        out.writeByte(deliveryMode);
        out.writeByte(priority);
        out.writeLong(timestamp);
        out.writeLong(expiration);
        out.writeLong(deliveryTime);
        out.writeValueMap(properties);
        out.writeByte(bodyType.ordinal());
        out.writeBytes(body);
    }

    public static WireMessage read(WireReader in) {
        Builder b = new Builder();
        b.messageId = in.readString();
        if (b.messageId == null) {
            throw new MalformedFrameException("message without an id");
        }
        b.destination = DestinationRef.read(in);
        b.replyTo = DestinationRef.readOptional(in);
        b.correlationId = in.readString();
        b.type = in.readString();
        b.deliveryMode = in.readByte();
        if (b.deliveryMode != PERSISTENT && b.deliveryMode != NON_PERSISTENT) {
            throw new MalformedFrameException("bad delivery mode " + b.deliveryMode);
        }
        b.priority = in.readByte();
        if (b.priority < 0 || b.priority > 9) {
            throw new MalformedFrameException("bad priority " + b.priority);
        }
        b.timestamp = in.readLong();
        b.expiration = in.readLong();
        b.deliveryTime = in.readLong();
        b.properties = in.readValueMap();
        b.bodyType = BodyType.fromByte(in.readByte());
        b.body = in.readBytes();
        return new WireMessage(b);
    }

    public static WireMessage decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        WireMessage m = read(in);
        in.expectEnd();
        return m;
    }

    @Override
    public String toString() {
        return "WireMessage[" + messageId + " to " + destination + "]";
    }

    /** Builds a {@link WireMessage}; not thread-safe. */
    public static final class Builder {
        private String messageId;
        private DestinationRef destination;
        private DestinationRef replyTo;
        private String correlationId;
        private String type;
        private int deliveryMode = PERSISTENT;
        private int priority = 4;
        private long timestamp;
        private long expiration;
        private long deliveryTime;
        private Map<String, Object> properties;
        private BodyType bodyType = BodyType.NONE;
        private byte[] body;

        public Builder messageId(String v) {
            messageId = v;
            return this;
        }

        public Builder destination(DestinationRef v) {
            destination = v;
            return this;
        }

        public Builder replyTo(DestinationRef v) {
            replyTo = v;
            return this;
        }

        public Builder correlationId(String v) {
            correlationId = v;
            return this;
        }

        public Builder type(String v) {
            type = v;
            return this;
        }

        public Builder deliveryMode(int v) {
            deliveryMode = v;
            return this;
        }

        public Builder priority(int v) {
            priority = v;
            return this;
        }

        public Builder timestamp(long v) {
            timestamp = v;
            return this;
        }

        public Builder expiration(long v) {
            expiration = v;
            return this;
        }

        public Builder deliveryTime(long v) {
            deliveryTime = v;
            return this;
        }

        public Builder properties(Map<String, Object> v) {
            properties = v;
            return this;
        }

        public Builder body(BodyType type, byte[] v) {
            bodyType = type;
            body = v;
            return this;
        }

        public WireMessage build() {
            return new WireMessage(this);
        }
    }
}
