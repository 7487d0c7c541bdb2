/**
 * High availability of the broker pair: the role state machine ({@link io.tandemmq.broker.ha.ServerRole}),
 * the lease and epoch in the shared store ({@link io.tandemmq.broker.ha.Lease},
 * {@link io.tandemmq.broker.ha.EpochFence}), the heartbeat link between the two servers
 * ({@link io.tandemmq.broker.ha.HeartbeatLink}) and the node that ties them together
 * ({@link io.tandemmq.broker.ha.PairNode}). The store decides who is active; the heartbeat only
 * makes the decision fast.
 */
package io.tandemmq.broker.ha;
