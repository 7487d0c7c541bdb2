package io.tandemmq.broker.core;

import io.tandemmq.broker.core.selector.Selector;

import java.util.Objects;

/**
 * A topic subscription: durable or not, shared or not. It owns the queue its messages wait in.
 * Its selector and no-local rule are applied when a message is published, so that what waits in
 * its queue is exactly what its consumers may receive.
 */
public final class Subscription {
    private final String key;
    private final Topic topic;
    private final String clientId;
    private final String name;
    private final Selector selector;
    private final boolean noLocal;
    private final boolean shared;
    private final boolean durable;
    private final MessageQueue queue;
    /** For a non-durable no-local subscription: the connection whose messages it skips. */
    private final String ownerConnectionId;

    Subscription(String key, Topic topic, String clientId, String name, Selector selector, boolean noLocal,
                 boolean shared, boolean durable, String ownerConnectionId, DeliveryPolicy policy) {
        this.key = key;
        this.topic = topic;
        this.clientId = clientId;
        this.name = name;
        this.selector = selector;
        this.noLocal = noLocal;
        this.shared = shared;
        this.durable = durable;
        this.ownerConnectionId = ownerConnectionId;
        this.queue = new MessageQueue(key, topic.name() + "/" + (name == null ? key : name), durable, policy);
    }

    public String key() {
        return key;
    }

    public Topic topic() {
        return topic;
    }

    public String clientId() {
        return clientId;
    }

    public String name() {
        return name;
    }

    public String selectorText() {
        return selector == null ? null : selector.text();
    }

    public boolean noLocal() {
        return noLocal;
    }

    public boolean isShared() {
        return shared;
    }

    public boolean isDurable() {
        return durable;
    }

    public MessageQueue queue() {
        return queue;
    }

    public boolean hasConsumers() {
        return !queue.consumers().isEmpty();
    }

    /** Whether a message published by that connection (with that client id) belongs here. */
    boolean wants(MessageRef ref, String publisherConnectionId, String publisherClientId) {
        if (noLocal) {
            if (durable ? Objects.equals(clientId, publisherClientId) && clientId != null
                    : Objects.equals(ownerConnectionId, publisherConnectionId)) {
                return false;
            }
        }
        return selector == null || selector.matches(ref);
    }

    /** Whether a consumer asking for this subscription asks for the same one (else it is replaced). */
    boolean sameDefinition(Topic otherTopic, String selectorText, boolean otherNoLocal) {
        return topic == otherTopic && Objects.equals(selectorText(), selectorText) && noLocal == otherNoLocal;
    }
}
