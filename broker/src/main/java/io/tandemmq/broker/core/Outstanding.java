package io.tandemmq.broker.core;

/**
 * A message delivered to a session and not yet acknowledged, returned or committed. A message held
 * by a recovered prepared XA branch has delivery id 0 and no consumer.
 */
public record Outstanding(long deliveryId, MessageRef ref, MessageQueue queue, ServerConsumer consumer) { }
