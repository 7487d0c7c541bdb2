package io.tandemmq.broker.store;

/** The store could not do what was asked; nothing of the failed batch was written. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }

    /** Whether {@code failure} or one of its causes is of this kind (futures wrap failures in a CompletionException). */
    static boolean inCauses(Throwable failure, Class<? extends StoreException> kind) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
