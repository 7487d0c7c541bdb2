package io.tandemmq.broker.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A topic and its subscriptions; a published message is copied into each subscription that wants it. */
public final class Topic {
    private final String name;
    private final boolean temporary;
    private final String ownerConnectionId;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    Topic(String name, boolean temporary, String ownerConnectionId) {
        this.name = name;
        this.temporary = temporary;
        this.ownerConnectionId = ownerConnectionId;
    }

    public String name() {
        return name;
    }

    public boolean isTemporary() {
        return temporary;
    }

    public String ownerConnectionId() {
        return ownerConnectionId;
    }

    public Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }

    void add(Subscription s) {
        subscriptions.put(s.key(), s);
    }

    void remove(Subscription s) {
        subscriptions.remove(s.key());
    }

    public int consumerCount() {
        int n = 0;
        for (Subscription s : subscriptions.values()) {
            n += s.queue().consumers().size();
        }
        return n;
    }
}
