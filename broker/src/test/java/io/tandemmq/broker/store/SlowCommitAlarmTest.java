package io.tandemmq.broker.store;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlowCommitAlarmTest {
    private final SlowCommitAlarm alarm = new SlowCommitAlarm(2_000);

    @Test
    void shortCommits_sayNothing() {
        assertEquals(Optional.empty(), alarm.check(0));
        assertEquals(Optional.empty(), alarm.check(1_999));
        assertEquals(Optional.empty(), alarm.check(3));
    }

    @Test
    void aLongWait_raisesOneLine_andItsEndOneLineWithTheLongestWait() {
        assertTrue(alarm.check(2_000).orElseThrow().startsWith("ALARM: a store commit has waited 2000 ms"));
        assertEquals(Optional.empty(), alarm.check(5_000), "one line while it lasts");
        assertEquals(Optional.empty(), alarm.check(8_100));
        assertEquals(Optional.of("store commits flow again; the longest waited 8100 ms"), alarm.check(0));
        assertEquals(Optional.empty(), alarm.check(0));
        assertTrue(alarm.check(2_500).isPresent(), "a second wait raises it again");
    }
}
