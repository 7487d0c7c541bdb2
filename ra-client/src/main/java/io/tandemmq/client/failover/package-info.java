/**
 * Client failover in one place: {@link io.tandemmq.client.failover.FailoverLink} keeps the
 * connection to whichever server of the pair is active, reconnects with back-off when it is lost,
 * lets the connection re-create its sessions and consumers ({@link io.tandemmq.client.failover.Replay}),
 * and then settles every request that was in flight by its {@link io.tandemmq.client.failover.Retry}
 * rule. The JMS classes above it never see a lost link unless failover gives up.
 */
package io.tandemmq.client.failover;
