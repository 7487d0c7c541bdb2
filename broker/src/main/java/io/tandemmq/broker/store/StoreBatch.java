package io.tandemmq.broker.store;

import java.util.ArrayList;
import java.util.List;

/** Writes that must be durable together: all of them, or none. Immutable once built. */
public final class StoreBatch {
    private final List<StoreOperation> operations;

    private StoreBatch(List<StoreOperation> operations) {
        this.operations = List.copyOf(operations);
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
