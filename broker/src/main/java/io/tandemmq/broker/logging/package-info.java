/**
 * The broker's log: one line per record with a millisecond timestamp, level, logger and message
 * ({@link io.tandemmq.broker.logging.OneLineFormatter}), on standard error and optionally a rolled
 * file, with runs of the same line reported once with a count
 * ({@link io.tandemmq.broker.logging.RepeatFolding}). Set up by {@link io.tandemmq.broker.logging.LogSetup}.
 */
package io.tandemmq.broker.logging;
