/**
 * What a broker process does when it can no longer work: halt at once with one line, so that its
 * partner takes over ({@link io.tandemmq.broker.fatal.ProcessHalt}). Depends on nothing else of the
 * broker, so that every package may use it.
 */
package io.tandemmq.broker.fatal;
