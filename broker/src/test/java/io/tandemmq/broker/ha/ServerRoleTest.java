package io.tandemmq.broker.ha;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tandemmq.broker.ha.ServerRole.ACTIVE;
import static io.tandemmq.broker.ha.ServerRole.FENCED;
import static io.tandemmq.broker.ha.ServerRole.PASSIVE;
import static io.tandemmq.broker.ha.ServerRole.STARTING;
import static io.tandemmq.broker.ha.ServerRole.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every (role, next role) pair of the table, allowed or not. */
class ServerRoleTest {
    private static final Map<ServerRole, Set<ServerRole>> ALLOWED = Map.of(
            STARTING, Set.of(PASSIVE, ACTIVE, STOPPED),
            PASSIVE, Set.of(ACTIVE, STOPPED),
            ACTIVE, Set.of(FENCED, PASSIVE, STOPPED),
            FENCED, Set.of(PASSIVE, STOPPED),
            STOPPED, Set.of());

    @Test
    void everyMoveIsAllowedExactlyWhenTheTableSaysSo() {
        List<String> wrong = new ArrayList<>();
        for (ServerRole from : ServerRole.values()) {
            for (ServerRole to : ServerRole.values()) {
                if (from.canMoveTo(to) != ALLOWED.get(from).contains(to)) {
                    wrong.add(from + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aFencedServerServesAgainOnlyThroughPassive_andAStoppedOneNeverMoves() {
        assertEquals(false, FENCED.canMoveTo(ACTIVE));
        for (ServerRole to : ServerRole.values()) {
            assertEquals(false, STOPPED.canMoveTo(to), "STOPPED -> " + to);
        }
    }
}
