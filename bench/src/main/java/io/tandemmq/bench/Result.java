package io.tandemmq.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the report: what was measured ({@code scenario}, on which {@code setup}, in which
 * {@code variant}), its figures in {@code unit}, and counts that belong to it (lost messages...).
 */
public record Result(String scenario, String setup, String variant, String unit, Figures figures,
                     Map<String, Object> details) {

    public Result {
        // insertion order is kept: the report shows the details as the scenario listed them
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public Result(String scenario, String setup, String variant, String unit, Figures figures) {
        this(scenario, setup, variant, unit, figures, Map.of());
    }
}
