package io.tandemmq.broker.core;

/** A message delivered to a session and not yet acknowledged, returned or committed. */
record Outstanding(long deliveryId, MessageRef ref, MessageQueue queue, ServerConsumer consumer) { }
