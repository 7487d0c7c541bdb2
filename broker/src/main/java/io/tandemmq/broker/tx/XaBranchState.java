package io.tandemmq.broker.tx;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of an XA branch (the XA specification's S1–S4) and the moves allowed between them.
 * A completed branch leaves the registry; its outcome is remembered separately.
 */
public enum XaBranchState {
    /** At least one session is associated (or suspended). */
    ACTIVE,
    /** Every association ended; waiting for prepare, one-phase commit or rollback. */
    IDLE,
    /** Durable in the store; only commit or rollback may follow. */
    PREPARED,
    /** Marked to roll back (TMFAIL, timeout, a lost session); its work is already undone or will be at rollback. */
    ROLLBACK_ONLY,
    COMMITTED,
    ROLLED_BACK;

    private Set<XaBranchState> next() {
        return switch (this) {
            case ACTIVE -> EnumSet.of(IDLE, ROLLBACK_ONLY, ROLLED_BACK);
            case IDLE -> EnumSet.of(ACTIVE, PREPARED, ROLLBACK_ONLY, COMMITTED, ROLLED_BACK);
            case PREPARED -> EnumSet.of(COMMITTED, ROLLED_BACK);
            case ROLLBACK_ONLY -> EnumSet.of(ROLLED_BACK);
            case COMMITTED, ROLLED_BACK -> EnumSet.noneOf(XaBranchState.class);
        };
    }

    public boolean canMoveTo(XaBranchState target) {
        return next().contains(target);
    }
}
