package io.tandemmq.broker.store;

/**
 * The batch was not written because this server stopped writing: it lost the lease (another
 * server took over) or its store was closed. Nothing of the batch is stored; the work belongs to
 * the server that is active now, where a client that fails over sends it again.
 */
public final class StoreClosedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreClosedException(String message) {
        super(message);
    }

    public StoreClosedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether this exception is {@code failure} or its cause (futures wrap it in a CompletionException). */
    public static boolean isCause(Throwable failure) {
        return inCauses(failure, StoreClosedException.class);
    }
}
