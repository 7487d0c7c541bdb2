/**
 * Persistence: the {@link io.tandemmq.broker.store.MessageStore} interface, its JDBC implementation
 * with SQL dialects, and the {@link io.tandemmq.broker.store.GroupCommitWriter} through which every
 * write goes. No JDBC call in this package runs on a Netty event loop: writes run on the writer's
 * own thread, reads on the caller's (the broker core thread).
 */
package io.tandemmq.broker.store;
