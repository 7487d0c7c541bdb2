package io.tandemmq.client.offline;

import java.nio.file.Path;

/** What an application may see of a connection's client-side store: metrics and forwarding events. */
public interface OfflineStatus {

    /** The store's directory (absolute). */
    Path directory();

    /** Messages stored locally that the server does not have yet. */
    int waitingMessages();

    /** Bytes the store's files hold (what {@code clientPersistenceMaxBytes} limits). */
    long storedBytes();

    /** Messages forwarded to the server and removed locally since this connection opened the store. */
    long forwardedMessages();

    void addListener(OfflineListener listener);

    void removeListener(OfflineListener listener);
}
