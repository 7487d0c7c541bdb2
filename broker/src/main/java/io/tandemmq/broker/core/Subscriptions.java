package io.tandemmq.broker.core;

import io.tandemmq.broker.core.selector.Selector;
import io.tandemmq.broker.security.Permission;
import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreOperation;
import io.tandemmq.broker.store.SubscriptionRecord;
import io.tandemmq.protocol.ConsumerOpen;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.ErrorCode;

/**
 * The JMS 2.0 rules for finding, creating, replacing and deleting topic subscriptions: unshared
 * and shared, durable and not. Durable subscriptions are keyed by client id and name, shared
 * non-durable ones likewise in their own name space.
 */
final class Subscriptions {
    private final Broker broker;

    Subscriptions(Broker broker) {
        this.broker = broker;
    }

    private Destinations destinations() {
        return broker.destinations();
    }

    Subscription subscribe(ServerConnection c, Topic topic, ConsumerOpen open, Selector selector, StoreBatch.Builder batch) {
        return switch (open.mode()) {
            case NONE, NON_DURABLE -> nonDurable(c, topic, open, selector);
            case SHARED -> sharedNonDurable(c, topic, open, selector);
            case DURABLE, SHARED_DURABLE -> durable(c, topic, open, selector, batch);
        };
    }

    private Subscription nonDurable(ServerConnection c, Topic topic, ConsumerOpen open, Selector selector) {
        String key = "consumer:" + c.id() + ":" + open.consumerId();
        Subscription s = new Subscription(key, topic, c.clientId(), null, selector, open.noLocal(), false, false,
                c.id(), broker);
        destinations().addSubscription(s);
        return s;
    }

    private Subscription sharedNonDurable(ServerConnection c, Topic topic, ConsumerOpen open, Selector selector) {
        String name = requireName(open);
        String key = Destinations.sharedKey(c.clientId(), name);
        Subscription existing = destinations().sharedSubscription(key);
        if (existing != null) {
            if (!existing.sameDefinition(topic, selectorText(selector), false)) {
                throw new BrokerException(ErrorCode.GENERAL, "shared subscription '" + name
                        + "' exists with another topic or selector and has active consumers");
            }
            return existing;
        }
        Subscription s = new Subscription(key, topic, c.clientId(), name, selector, false, true, false, c.id(), broker);
        destinations().addSubscription(s);
        return s;
    }

    private Subscription durable(ServerConnection c, Topic topic, ConsumerOpen open, Selector selector,
                                 StoreBatch.Builder batch) {
        String name = requireName(open);
        boolean shared = open.mode().isShared();
        if (!shared && c.clientId() == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE,
                    "an unshared durable subscription needs a client id; set one on the connection");
        }
        if (topic.isTemporary()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "a durable subscription cannot be on a temporary topic");
        }
        String key = Destinations.durableKey(c.clientId(), name);
        Subscription existing = destinations().durableSubscription(key);
        if (existing != null) {
            checkCompatible(existing, shared, name);
            if (existing.sameDefinition(topic, selectorText(selector), open.noLocal())) {
                return existing;
            }
            if (existing.hasConsumers()) {
                throw new BrokerException(shared ? ErrorCode.GENERAL : ErrorCode.ILLEGAL_STATE, "durable subscription '"
                        + name + "' is in use with another topic or selector");
            }
            remove(existing, batch);
        }
        Subscription s = new Subscription(key, topic, c.clientId(), name, selector, open.noLocal(), shared, true,
                c.id(), broker);
        destinations().addSubscription(s);
        batch.add(new StoreOperation.InsertSubscription(new SubscriptionRecord(key, topic.name(), c.clientId(), name,
                selectorText(selector), open.noLocal(), shared)));
        return s;
    }

    private static void checkCompatible(Subscription existing, boolean shared, String name) {
        if (existing.isShared() != shared) {
            throw new BrokerException(ErrorCode.GENERAL, "a " + (existing.isShared() ? "shared" : "unshared")
                    + " durable subscription named '" + name + "' already exists for this client id");
        }
        if (!shared && existing.hasConsumers()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "durable subscription '" + name + "' already has an active consumer");
        }
    }

    private static String requireName(ConsumerOpen open) {
        if (open.subscriptionName() == null || open.subscriptionName().isEmpty()) {
            throw new BrokerException(ErrorCode.GENERAL, "a subscription name must not be empty");
        }
        return open.subscriptionName();
    }

    private static String selectorText(Selector selector) {
        return selector == null ? null : selector.text();
    }

    /** A consumer closed: a non-durable subscription without consumers ends with its messages. */
    void consumerLeft(Subscription s, StoreBatch.Builder batch) {
        if (!s.isDurable() && !s.hasConsumers()) {
            destinations().removeSubscription(s);
            broker.settlement().discard(s.queue().drain(), batch);
        }
    }

    /** @throws BrokerException INVALID_DESTINATION when unknown, ILLEGAL_STATE while consumers use it */
    void unsubscribe(ServerConnection c, String name, StoreBatch.Builder batch) {
        Subscription s = destinations().durableSubscription(Destinations.durableKey(c.clientId(), name));
        if (s == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "no durable subscription named '" + name + "'"
                    + (c.clientId() == null ? " without a client id" : " for client id '" + c.clientId() + "'"));
        }
        c.authorize(Permission.DELETE, new DestinationRef(DestinationKind.TOPIC, s.topic().name()));
        if (s.hasConsumers() || s.queue().inDelivery() > 0) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "durable subscription '" + name
                    + "' has an active consumer or unacknowledged messages");
        }
        remove(s, batch);
    }

    private void remove(Subscription s, StoreBatch.Builder batch) {
        destinations().removeSubscription(s);
        batch.add(new StoreOperation.DeleteSubscription(s.key()));
        broker.settlement().discard(s.queue().drain(), new StoreBatch.Builder());
        s.queue().dropStoreOnly(null);
    }
}
