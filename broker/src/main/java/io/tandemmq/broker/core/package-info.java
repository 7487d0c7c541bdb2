/**
 * Destinations, subscriptions, consumers, delivery and acknowledgement. Every object in this
 * package is touched only by the broker's core thread ({@link io.tandemmq.broker.core.CoreExecutor}),
 * so none of them locks; store writes run on the store's writer and come back to the core thread
 * before they change any state.
 */
package io.tandemmq.broker.core;
