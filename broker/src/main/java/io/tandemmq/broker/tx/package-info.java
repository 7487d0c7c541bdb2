/**
 * XA transaction branches: their states and allowed moves ({@link io.tandemmq.broker.tx.XaBranchState}),
 * the work each branch holds ({@link io.tandemmq.broker.tx.XaBranch}), and the registry that runs
 * start, end, prepare, commit, rollback, recover and timeouts ({@link io.tandemmq.broker.tx.XaBranches}).
 * Everything here runs on the broker's core thread.
 */
package io.tandemmq.broker.tx;
