package io.tandemmq.broker.core;

import io.tandemmq.broker.store.StoreOperation;

/**
 * A message routed into a queue and not yet enqueued: waiting for its store row, or for the commit
 * of its transaction. {@code insert} is null when the ref is not stored.
 */
public record PendingSend(MessageQueue queue, MessageRef ref, StoreOperation.InsertMessage insert) { }
