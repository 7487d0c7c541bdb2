package io.tandemmq.client.offline;

import java.nio.file.Path;

/** An append would take the store past its size limit; nothing was written, nothing stored was dropped. */
public final class OfflineStoreFullException extends OfflineStoreException {
    private static final long serialVersionUID = 1L;

    public OfflineStoreFullException(Path directory, long storedBytes, long recordBytes, long maxBytes) {
        super(directory, "the client-side store is full: it holds " + storedBytes + " bytes, the message needs "
                + recordBytes + " more, the limit (clientPersistenceMaxBytes) is " + maxBytes);
    }
}
