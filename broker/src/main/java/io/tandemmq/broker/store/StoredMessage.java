package io.tandemmq.broker.store;

/**
 * A message row as read back at start-up: the few narrow columns that place it in its queue,
 * without headers or body, which are read when the message is needed ({@link MessageStore#loadContent}).
 * {@code txKey} is set for a message sent in a prepared XA branch that is not committed yet.
 */
public record StoredMessage(long id, String queueKey, int deliveryCount, int priority, long expiration,
                            long deliveryTime, int bodyLength, String txKey) { }
