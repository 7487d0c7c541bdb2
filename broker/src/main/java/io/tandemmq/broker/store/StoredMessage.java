package io.tandemmq.broker.store;

/**
 * A message row as read back at start-up: its index fields and encoded headers, without the body,
 * which is read when the message is delivered. {@code txKey} is set for a message sent in a
 * prepared XA branch that is not committed yet.
 */
public record StoredMessage(long id, String queueKey, int deliveryCount, byte[] headers, int bodyLength,
                            String txKey) { }
