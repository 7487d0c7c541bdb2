package io.tandemmq.ra.admin;

import io.tandemmq.client.TandemTopic;

/** A topic as an administered object: the container creates it and sets {@code PhysicalName}. */
public class TandemTopicAdminObject extends TandemTopic {
    private static final long serialVersionUID = 1L;

    public TandemTopicAdminObject() {
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
