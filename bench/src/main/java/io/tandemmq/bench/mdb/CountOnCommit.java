package io.tandemmq.bench.mdb;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

/** Counts one delivery in {@link Received} once its transaction committed, not before. */
final class CountOnCommit implements Synchronization {
    private final String text;

    CountOnCommit(String text) {
        this.text = text;
    }

    @Override
    public void beforeCompletion() {
        // nothing to write before the commit
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
            Received.committed(text);
        }
    }
}
