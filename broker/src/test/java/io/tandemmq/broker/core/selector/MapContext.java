package io.tandemmq.broker.core.selector;

import java.util.HashMap;
import java.util.Map;

/** A message for tests: header and property values in a map. */
final class MapContext implements SelectorContext {
    private final Map<String, Object> values = new HashMap<>();

    static MapContext empty() {
        return new MapContext();
    }

    /** @param namesAndValues name1, value1, name2, value2, ... */
    static MapContext of(Object... namesAndValues) {
        MapContext context = new MapContext();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            context.values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return context;
    }

    MapContext with(String name, Object value) {
        values.put(name, value);
        return this;
    }

    @Override
    public Object valueOf(String identifier) {
        return values.get(identifier);
    }
}
