package io.tandemmq.broker.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrokerConfigParserTest {

    @Test
    void run_withTheSamePortForClientsAndHttp_isBadUsage_namingBothOptions() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerConfigParser.parse(List.of("--port", "47611", "--http-port", "47611")));
        assertEquals(List.of("--port and --http-port name the same port 47611: give them different ports"), e.problems());
    }
}
