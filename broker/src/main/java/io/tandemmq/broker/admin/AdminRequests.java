package io.tandemmq.broker.admin;

import io.tandemmq.broker.core.BrokerException;
import io.tandemmq.broker.security.SecurityStoreException;
import io.tandemmq.broker.store.StoreException;
import io.tandemmq.protocol.DestinationInfo;
import io.tandemmq.protocol.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The admin actions and JNDI lookups clients send to the active server. Called on the core
 * thread: actions on destinations run there, everything that reads or writes the store's tables
 * runs on the store thread given, so that JDBC never holds up the core or a network thread.
 */
public final class AdminRequests {
    private final DestinationAdmin destinations;
    private final StoreAdmin store;
    private final Executor storeThread;

    public AdminRequests(DestinationAdmin destinations, StoreAdmin store, Executor storeThread) {
        this.destinations = destinations;
        this.store = store;
        this.storeThread = storeThread;
    }

    /**
     * @return completes with the lines for the operator, or exceptionally with a
     *         {@link BrokerException}: INVALID_DESTINATION or ILLEGAL_STATE from a destination
     *         action, GENERAL with the store's reason (a user or binding that exists or does not,
     *         a database failure)
     */
    public CompletableFuture<List<String>> run(AdminAction action) {
        if (action instanceof AdminAction.CreateDestination c) {
            destinations.create(c.destination());
            return CompletableFuture.completedFuture(List.of("created " + label(c.destination().kind().isQueue())
                    + " " + c.destination().name()));
        } else if (action instanceof AdminAction.DeleteDestination d) {
            return destinations.delete(d.destination()).thenApply(ok -> List.of("deleted "
                    + label(d.destination().kind().isQueue()) + " " + d.destination().name()));
        } else if (action instanceof AdminAction.ListDestinations l) {
            return CompletableFuture.completedFuture(destinationLines(l));
        } else if (action instanceof AdminAction.QueueStat q) {
            return CompletableFuture.completedFuture(destinations.stat(q.name()));
        } else if (action instanceof AdminAction.PurgeQueue p) {
            return destinations.purge(p.name()).thenApply(n -> List.of("purged " + n + " messages from queue " + p.name()));
        } else if (action instanceof AdminAction.MoveMessages m) {
            return destinations.move(m.from(), m.to(), m.selector(), m.count())
                    .thenApply(n -> List.of("moved " + n + " messages from queue " + m.from() + " to queue " + m.to()));
        } else if (action instanceof AdminAction.ListConnections) {
            return CompletableFuture.completedFuture(destinations.connections());
        }
        return onStoreThread(() -> store.run(action));
    }

    /**
     * @return completes with the binding, empty when the name is not bound, or exceptionally
     *         with a GENERAL {@link BrokerException} when the store cannot be read
     */
    public CompletableFuture<Optional<Binding>> lookup(String name) {
        return onStoreThread(() -> store.bindings().find(name));
    }

    private <T> CompletableFuture<T> onStoreThread(Supplier<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.get();
            } catch (SecurityStoreException | StoreException | IllegalArgumentException e) {
                throw new CompletionException(new BrokerException(ErrorCode.GENERAL, e.getMessage()));
            }
        }, storeThread);
    }

    private static String label(boolean queue) {
        return queue ? "queue" : "topic";
    }

    private List<String> destinationLines(AdminAction.ListDestinations l) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-40s %10s %9s", "NAME", "MESSAGES", "CONSUMERS"));
        for (DestinationInfo d : destinations.list()) {
            if (d.destination().kind() == l.kind()) {
                lines.add(String.format("%-40s %10d %9d", d.destination().name(), d.messageCount(), d.consumerCount()));
            }
        }
        return lines;
    }
}
