package io.tandemmq.ra.admin;

import io.tandemmq.client.TandemQueue;

/**
 * A queue as an administered object: the container creates it and sets {@code PhysicalName}
 * (before that it names the queue {@code unnamed}).
 */
public class TandemQueueAdminObject extends TandemQueue {
    private static final long serialVersionUID = 1L;

    public TandemQueueAdminObject() {
        super("unnamed");
    }

    /** @throws IllegalArgumentException for a name the broker cannot accept */
    public void setPhysicalName(String name) {
        configureName(name);
    }

    public String getPhysicalName() {
        return getName();
    }
}
