package io.tandemmq.broker.store;

/** A durable subscription as stored. {@code clientId} is null for a shared one created without. */
public record SubscriptionRecord(String key, String topic, String clientId, String name, String selector,
                                 boolean noLocal, boolean shared) { }
