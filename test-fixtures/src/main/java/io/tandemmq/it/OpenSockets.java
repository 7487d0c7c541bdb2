package io.tandemmq.it;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The sockets a test relay holds open, so that it can close them all at once (a cut, or its own close). */
final class OpenSockets {
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    void add(Socket s) {
        sockets.add(s);
    }

    /** Closes and forgets one. */
    void close(Socket s) {
        closeQuietly(s);
        sockets.remove(s);
    }

    void closeAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    static void closeQuietly(AutoCloseable s) {
        try {
            s.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
