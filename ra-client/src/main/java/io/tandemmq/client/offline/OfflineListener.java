package io.tandemmq.client.offline;

/** Told when forwarding starts, finishes or fails; called on the forwarding thread, so it must not block for long. */
@FunctionalInterface
public interface OfflineListener {
    void onEvent(OfflineEvent event);
}
