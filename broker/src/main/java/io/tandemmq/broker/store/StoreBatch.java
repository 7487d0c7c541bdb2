package io.tandemmq.broker.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes that must be durable together: all of them, or none. Immutable once built.
 *
 * <p>A batch goes to the store writer of its lane: batches of one lane are committed in the order
 * they were queued, batches of different lanes may be committed in any order, on several
 * connections at once. A client connection writes in a lane of its own (its sends stay in order);
 * lane 0 is the default.
 */
public final class StoreBatch {
    private final List<StoreOperation> operations;
    private final int lane;

    private StoreBatch(List<StoreOperation> operations, int lane) {
        this.operations = List.copyOf(operations);
        this.lane = lane;
    }

    private StoreBatch(List<StoreOperation> operations) {
        this(operations, 0);
    }

    /** The same operations in the given lane (any int: the store maps it onto its writers). */
    public StoreBatch inLane(int laneKey) {
        return new StoreBatch(operations, laneKey);
    }

    public int lane() {
        return lane;
    }

    public static StoreBatch of(StoreOperation... operations) {
        return new StoreBatch(List.of(operations));
    }

    public static StoreBatch of(List<StoreOperation> operations) {
        return new StoreBatch(operations);
    }

    public List<StoreOperation> operations() {
        return operations;
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** Collects operations for one batch. */
    public static final class Builder {
        private final List<StoreOperation> operations = new ArrayList<>();

        public Builder add(StoreOperation op) {
            operations.add(op);
            return this;
        }

        public boolean isEmpty() {
            return operations.isEmpty();
        }

        public StoreBatch build() {
            return new StoreBatch(operations);
        }
    }
}
