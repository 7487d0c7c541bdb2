package io.tandemmq.broker.core;

import io.tandemmq.broker.store.StoreOperation;

/**
 * A message routed into a queue and not yet enqueued: waiting for its store row, or for the commit
 * of its transaction. {@code insert} is null when the ref is not stored.
 */
public record PendingSend(MessageQueue queue, MessageRef ref, StoreOperation.InsertMessage insert) {

    /**
     * The send is committed: its queue takes it, in memory or, when the queue pages, in the store
     * only (then the ref's memory is given back). A deleted queue drops it.
     *
     * @return whether the queue holds it in memory (and should be dispatched)
     */
    public boolean arrive(MemoryBudget memory, long now) {
        if (!queue.isDeleted() && queue.arrive(ref, now)) {
            return true;
        }
        memory.release(ref.reservedBytes());
        ref.reserved(0);
        return false;
    }

    /** The send will not be committed (rolled back, failed, or its outcome is unknown). */
    public void drop(MemoryBudget memory) {
        memory.release(ref.reservedBytes());
        ref.reserved(0);
        queue.forgetArrival(ref);
    }
}
