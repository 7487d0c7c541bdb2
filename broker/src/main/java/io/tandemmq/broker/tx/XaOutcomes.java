package io.tandemmq.broker.tx;

import io.tandemmq.protocol.XidValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How recently completed branches ended, so that a repeated commit succeeds instead of failing
 * and a start with a used Xid is refused. Bounded: the oldest entries are forgotten first.
 */
final class XaOutcomes {
    private static final int MAX_ENTRIES = 20_000;

    /** How a branch ended; {@code rollbackCode} is the XA_RB* reason of a rollback. */
    record Outcome(boolean committed, int rollbackCode) { }

    private final Map<XidValue, Outcome> outcomes = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<XidValue, Outcome> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    void committed(XidValue xid) {
        outcomes.put(xid, new Outcome(true, 0));
    }

    void rolledBack(XidValue xid, int rollbackCode) {
        outcomes.put(xid, new Outcome(false, rollbackCode));
    }

    Outcome of(XidValue xid) {
        return outcomes.get(xid);
    }
}
