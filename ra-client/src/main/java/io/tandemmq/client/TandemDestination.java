package io.tandemmq.client;

import io.tandemmq.protocol.DestinationKind;
import io.tandemmq.protocol.DestinationRef;
import jakarta.jms.Destination;

import java.io.Serializable;
import java.util.Objects;

/**
 * Base of the four destination classes. A destination is just a kind and a name; it is
 * serializable and can be bound in JNDI.
 */
public abstract class TandemDestination implements Destination, Serializable {
    private static final long serialVersionUID = 1L;

    private volatile String name;

    TandemDestination(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * For administered objects configured as JavaBeans (the resource adapter's admin objects):
     * the name is set once after construction, before the object is used.
     *
     * @throws IllegalArgumentException for a name the broker cannot accept
     */
    protected void configureName(String newName) {
        String problem = io.tandemmq.protocol.DestinationRef.nameProblem(newName);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.name = newName;
    }

    public String getName() {
        return name;
    }

    public abstract DestinationKind kind();

    public DestinationRef toRef() {
        return new DestinationRef(kind(), name);
    }

    /** The destination for a reference read off the wire; temporary ones have no owner here. */
    public static TandemDestination fromRef(DestinationRef ref) {
        if (ref == null) {
            return null;
        }
        return switch (ref.kind()) {
            case QUEUE -> new TandemQueue(ref.name());
            case TOPIC -> new TandemTopic(ref.name());
            case TEMP_QUEUE -> new TandemTemporaryQueue(ref.name(), null);
            case TEMP_TOPIC -> new TandemTemporaryTopic(ref.name(), null);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TandemDestination d && d.kind() == kind() && d.name.equals(name);
    }

    @Override
    public int hashCode() {
        return kind().hashCode() * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return toRef().toString();
    }
}
