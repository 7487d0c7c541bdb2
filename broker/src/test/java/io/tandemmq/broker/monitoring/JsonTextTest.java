package io.tandemmq.broker.monitoring;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTextTest {
    @Test
    void mapsListsAndScalars_areWrittenInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a");
        m.put("epoch", 3L);
        m.put("fresh", true);
        m.put("partner", null);
        m.put("rates", List.of(1.5, 2));
        assertEquals("{\"name\":\"a\",\"epoch\":3,\"fresh\":true,\"partner\":null,\"rates\":[1.5,2]}", JsonText.of(m));
    }

    @Test
    void strings_areEscaped_soThatAQueueNameCannotBreakThePageOrTheDocument() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u003c/script\\u003e\\u0001\"", JsonText.of("a\"b\\c\nd</script>\u0001"));
    }

    @Test
    void notANumber_isNull() {
        assertEquals("[null,null]", JsonText.of(List.of(Double.NaN, Double.POSITIVE_INFINITY)));
    }

    @Test
    void anotherType_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> JsonText.of(new Object()));
    }
}
