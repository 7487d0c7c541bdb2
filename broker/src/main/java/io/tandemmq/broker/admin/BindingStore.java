package io.tandemmq.broker.admin;

import java.util.List;
import java.util.Optional;

/**
 * JNDI names of administered objects, kept in the shared store: both servers of a pair read the
 * same table, so the one that takes over serves the same names. Every method may block on the
 * database: never call one on a Netty event loop or the core thread.
 */
public interface BindingStore {

    /**
     * @throws io.tandemmq.broker.store.StoreException when the name is bound already (nothing is
     *         changed then) or the database fails
     */
    void bind(Binding binding);

    /**
     * @throws io.tandemmq.broker.store.StoreException when the name is not bound or the database fails
     */
    void unbind(String name);

    /**
     * @throws io.tandemmq.broker.store.StoreException when the database fails
     */
    Optional<Binding> find(String name);

    /**
     * Every binding, by name.
     *
     * @throws io.tandemmq.broker.store.StoreException when the database fails
     */
    List<Binding> list();
}
