package io.tandemmq.broker.core;

import java.util.List;

/**
 * The XA branch a session is associated with, as the core sees it: sends and consumed messages of
 * the session go to it instead of being applied.
 */
public interface TransactionBranch {

    /** Routed sends of an associated session; applied at commit, dropped at rollback. */
    void addSends(List<PendingSend> sends);

    /** Deliveries the application consumed while associated; consumed for good at commit. */
    void addConsumed(List<Outstanding> consumed);

    /** An associated session closed without ending its association: the branch can only roll back. */
    void sessionClosed(ServerSession session);
}
