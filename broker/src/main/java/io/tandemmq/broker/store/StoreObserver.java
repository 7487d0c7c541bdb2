package io.tandemmq.broker.store;

/**
 * Told of every store commit and outcome-mark read, for the metrics. Called on the writer threads:
 * an implementation must be quick and must not throw.
 */
public interface StoreObserver {
    StoreObserver NONE = new StoreObserver() {
        @Override
        public void committed(long nanos, int batches, int operations) {
        }

        @Override
        public void outcomeMarkRead(String outcome) {
        }
    };

    /**
     * A group was committed.
     *
     * @param nanos from the first statement to the end of the COMMIT (retries included)
     * @param batches how many callers' batches the group held
     * @param operations how many row operations it wrote
     */
    void committed(long nanos, int batches, int operations);

    /**
     * A commit was cut off and its outcome mark was read.
     *
     * @param outcome {@code committed}, {@code not committed} or {@code unknown}
     */
    void outcomeMarkRead(String outcome);
}
