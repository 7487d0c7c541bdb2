package io.tandemmq.broker.core;

import io.tandemmq.broker.store.StoreBatch;
import io.tandemmq.broker.store.StoreOperation;
import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import io.tandemmq.protocol.ErrorCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every queue, topic, temporary destination and durable subscription the broker knows, by name.
 * Queues and topics are created on first use; their definitions are written to the store so that
 * they survive a restart even while empty.
 */
public final class Destinations {
    private final Map<String, MessageQueue> queues = new LinkedHashMap<>();
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Map<String, MessageQueue> tempQueues = new LinkedHashMap<>();
    private final Map<String, String> tempQueueOwners = new LinkedHashMap<>();
    private final Map<String, Topic> tempTopics = new LinkedHashMap<>();
    private final Map<String, Subscription> durableSubscriptions = new LinkedHashMap<>();
    private final Map<String, Subscription> sharedSubscriptions = new LinkedHashMap<>();
    private final DeliveryPolicy policy;
    private final Consumer<StoreBatch> definitionWriter;

    /**
     * @param definitionWriter writes destination definitions; writes are queued behind nothing
     *        and ahead of any message sent to the new destination afterwards
     */
    Destinations(DeliveryPolicy policy, Consumer<StoreBatch> definitionWriter) {
        this.policy = policy;
        this.definitionWriter = definitionWriter;
    }

    public static String queueKey(String name) {
        return "queue:" + name;
    }

    public static String durableKey(String clientId, String name) {
        String id = clientId == null ? "" : clientId;
        return "sub:" + id.length() + ":" + id + ":" + name;
    }

    static String sharedKey(String clientId, String name) {
        String id = clientId == null ? "" : clientId;
        return "shared:" + id.length() + ":" + id + ":" + name;
    }

    /** @throws BrokerException INVALID_DESTINATION for a name the broker cannot accept */
    static void checkName(String name) {
        String problem = DestinationRef.nameProblem(name);
        if (problem != null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, problem);
        }
    }

    /** The name if the broker accepts it, else null. */
    static String checkedName(String name) {
        return DestinationRef.nameProblem(name) == null ? name : null;
    }

    boolean temporaryExists(DestinationKind kind, String name) {
        return kind == DestinationKind.TEMP_QUEUE ? tempQueues.containsKey(name) : tempTopics.containsKey(name);
    }

    /** The queue of that name, created (and its definition stored) when missing. */
    public MessageQueue queue(String name) {
        MessageQueue q = queues.get(name);
        if (q == null) {
            checkName(name);
            q = addQueue(name);
            definitionWriter.accept(StoreBatch.of(new StoreOperation.InsertDestination(DestinationKind.QUEUE, name)));
        }
        return q;
    }

    /** Adds a queue known from the store, without writing it again. */
    MessageQueue addQueue(String name) {
        return queues.computeIfAbsent(name, n -> new MessageQueue(queueKey(n), n, true, policy));
    }

    public MessageQueue existingQueue(String name) {
        return queues.get(name);
    }

    public Topic topic(String name) {
        Topic t = topics.get(name);
        if (t == null) {
            checkName(name);
            t = addTopic(name);
            definitionWriter.accept(StoreBatch.of(new StoreOperation.InsertDestination(DestinationKind.TOPIC, name)));
        }
        return t;
    }

    Topic addTopic(String name) {
        return topics.computeIfAbsent(name, n -> new Topic(n, false, null));
    }

    public Topic existingTopic(String name) {
        return topics.get(name);
    }

    /** @throws BrokerException INVALID_DESTINATION when the temporary queue is gone */
    MessageQueue tempQueue(String name) {
        MessageQueue q = tempQueues.get(name);
        if (q == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary queue " + name + " does not exist (any more)");
        }
        return q;
    }

    String tempQueueOwner(String name) {
        return tempQueueOwners.get(name);
    }

    /** @throws BrokerException INVALID_DESTINATION when the temporary topic is gone */
    Topic tempTopic(String name) {
        Topic t = tempTopics.get(name);
        if (t == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary topic " + name + " does not exist (any more)");
        }
        return t;
    }

    void addTempQueue(String name, String ownerConnectionId) {
        tempQueues.put(name, new MessageQueue("temp:" + name, name, false, policy));
        tempQueueOwners.put(name, ownerConnectionId);
    }

    void addTempTopic(String name, String ownerConnectionId) {
        tempTopics.put(name, new Topic(name, true, ownerConnectionId));
    }

    MessageQueue removeTempQueue(String name) {
        tempQueueOwners.remove(name);
        MessageQueue q = tempQueues.remove(name);
        if (q != null) {
            q.markDeleted();
        }
        return q;
    }

    Topic removeTempTopic(String name) {
        return tempTopics.remove(name);
    }

    MessageQueue removeQueue(String name) {
        MessageQueue q = queues.remove(name);
        if (q != null) {
            q.markDeleted();
        }
        return q;
    }

    Topic removeTopic(String name) {
        return topics.remove(name);
    }

    Subscription durableSubscription(String key) {
        return durableSubscriptions.get(key);
    }

    Subscription sharedSubscription(String key) {
        return sharedSubscriptions.get(key);
    }

    void addSubscription(Subscription s) {
        s.topic().add(s);
        if (s.isDurable()) {
            durableSubscriptions.put(s.key(), s);
        } else if (s.isShared()) {
            sharedSubscriptions.put(s.key(), s);
        }
    }

    void removeSubscription(Subscription s) {
        s.topic().remove(s);
        s.queue().markDeleted();
        if (s.isDurable()) {
            durableSubscriptions.remove(s.key());
        } else if (s.isShared()) {
            sharedSubscriptions.remove(s.key());
        }
    }

    public Collection<MessageQueue> queues() {
        return queues.values();
    }

    public Collection<Topic> topics() {
        return topics.values();
    }

    public Collection<Subscription> durableSubscriptions() {
        return durableSubscriptions.values();
    }

    /** Every queue holding messages: queues, temporary queues and all subscription queues. */
    List<MessageQueue> allMessageQueues() {
        List<MessageQueue> all = new ArrayList<>(queues.values());
        all.addAll(tempQueues.values());
        for (Topic t : topics.values()) {
            t.subscriptions().forEach(s -> all.add(s.queue()));
        }
        for (Topic t : tempTopics.values()) {
            t.subscriptions().forEach(s -> all.add(s.queue()));
        }
        return all;
    }

    /** Finds the queue that owns a store key, for recovery. */
    MessageQueue byStoreKey(String key) {
        if (key.startsWith("queue:")) {
            return addQueue(key.substring("queue:".length()));
        }
        Subscription s = durableSubscriptions.get(key);
        return s == null ? null : s.queue();
    }
}
