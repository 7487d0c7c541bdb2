package io.tandemmq.client.failover;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tandemmq.client.failover.FailoverLink.State.CLOSED;
import static io.tandemmq.client.failover.FailoverLink.State.CONNECTED;
import static io.tandemmq.client.failover.FailoverLink.State.FAILED;
import static io.tandemmq.client.failover.FailoverLink.State.RECONNECTING;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every (state, next state) pair of the link's table, allowed or not. */
class FailoverLinkStateTest {
    private static final Map<FailoverLink.State, Set<FailoverLink.State>> ALLOWED = Map.of(
            CONNECTED, Set.of(RECONNECTING, FAILED, CLOSED),
            RECONNECTING, Set.of(CONNECTED, FAILED, CLOSED),
            FAILED, Set.of(CLOSED),
            CLOSED, Set.of());

    @Test
    void everyMoveIsAllowedExactlyWhenTheTableSaysSo() {
        List<String> wrong = new ArrayList<>();
        for (FailoverLink.State from : FailoverLink.State.values()) {
            for (FailoverLink.State to : FailoverLink.State.values()) {
                if (from.canMoveTo(to) != ALLOWED.get(from).contains(to)) {
                    wrong.add(from + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
