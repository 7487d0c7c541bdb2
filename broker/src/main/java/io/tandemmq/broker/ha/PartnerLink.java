package io.tandemmq.broker.ha;

/** What the pair node hears of its partner; {@link HeartbeatLink} is the real one, over TCP. */
public interface PartnerLink extends AutoCloseable {
    /** The partner's last heartbeat, or null before the first. */
    Heartbeat lastHeartbeat();

    long millisSinceHeartbeat();

    @Override
    void close();
}
