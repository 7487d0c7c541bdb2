package io.tandemmq.client.failover;

/** Told of failover events; called on a client thread, so it must not block for long. */
@FunctionalInterface
public interface FailoverListener {
    void onEvent(FailoverEvent event);
}
