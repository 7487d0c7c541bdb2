package io.tandemmq.broker.monitoring;

/**
 * One queue or topic of the active server:
 * {@code io.tandemmq:type=Destination,server=NAME,kind=queue,name="orders"}. Counts run since this
 * server became active.
 */
public interface DestinationMXBean {
    String getKind();

    String getName();

    long getDepth();

    long getInFlight();

    /** Waiting messages whose body is only in the store (over {@code --max-memory}). */
    long getPaged();

    int getConsumers();

    long getEnqueued();

    long getDequeued();

    long getExpired();

    long getDeadLettered();
}
