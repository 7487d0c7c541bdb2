package io.tandemmq.client.offline;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The client-side store cannot be used: its directory cannot be created or written, another
 * process holds it, or a file in it is corrupt. The message names the path. Nothing stored is
 * deleted when this is thrown.
 */
public class OfflineStoreException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;

    public OfflineStoreException(Path path, String message, Throwable cause) {
        super(message + " (" + path + ")", cause);
        this.path = path;
    }

    public OfflineStoreException(Path path, String message) {
        this(path, message, null);
    }

    /** The file or directory the problem is about. */
    public Path path() {
        return path;
    }
}
