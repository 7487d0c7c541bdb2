package io.tandemmq.broker.store;

/**
 * The connection to the store failed during COMMIT and this server could not learn, before it
 * stopped writing, whether the batch was committed. Nothing may be undone or redone on the strength
 * of it: the server that writes next reads what was stored, and a client asks that server.
 */
public final class StoreOutcomeUnknownException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether this exception is {@code failure} or its cause (futures wrap it in a CompletionException). */
    public static boolean isCause(Throwable failure) {
        return inCauses(failure, StoreOutcomeUnknownException.class);
    }
}
