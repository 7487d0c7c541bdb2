package io.tandemmq.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tandem's pair against Artemis with its JDBC store on a Derby network server, measured in the same
 * run: the ratios of the medians that issue 7 sets targets for (persistent sends with 4 producers
 * at least 3 times Artemis's rate, draining the backlog with 4 consumers at least twice).
 */
final class Comparison {
    static final String TANDEM = "pair";
    static final String ARTEMIS = "artemis-jdbc";

    /** One compared figure: the two medians and the ratio the issue asks for. */
    record Ratio(String scenario, String variant, String unit, double tandem, double artemis, double target) {
        double ratio() {
            return tandem / artemis;
        }

        boolean met() {
            return ratio() >= target;
        }
    }

    private Comparison() {
    }

    /** The ratios whose two rows are both in {@code results}. */
    static List<Ratio> of(List<Result> results) {
        List<Ratio> ratios = new ArrayList<>();
        ratio(results, Scenario.SEND, "4 producers", 3).ifPresent(ratios::add);
        ratio(results, Scenario.DRAIN, "4 consumers", 2).ifPresent(ratios::add);
        // Artemis acknowledges AUTO deliveries in the background, as Tandem does in DUPS_OK mode
        ratio(results, Scenario.DRAIN, "4 consumers, DUPS_OK", 2).ifPresent(ratios::add);
        return ratios;
    }

    private static Optional<Ratio> ratio(List<Result> results, Scenario scenario, String variantEnd, double target) {
        Optional<Result> tandem = row(results, scenario, TANDEM, variantEnd);
        Optional<Result> artemis = row(results, scenario, ARTEMIS, variantEnd);
        if (tandem.isEmpty() || artemis.isEmpty() || !tandem.get().variant().equals(artemis.get().variant())) {
            return Optional.empty();
        }
        return Optional.of(new Ratio(scenario.label, tandem.get().variant(), tandem.get().unit(),
                tandem.get().figures().median(), artemis.get().figures().median(), target));
    }

    private static Optional<Result> row(List<Result> results, Scenario scenario, String setup, String variantEnd) {
        return results.stream().filter(r -> r.scenario().equals(scenario.label) && r.setup().equals(setup)
                && r.variant().endsWith(variantEnd)).findFirst();
    }

    static void print(List<Ratio> ratios, PrintStream out) {
        if (ratios.isEmpty()) {
            return;
        }
        out.println(TANDEM + " vs " + ARTEMIS + " (medians of the same run):");
        for (Ratio r : ratios) {
            out.printf(Locale.ROOT, "  %s, %s: %s / %s %s = %.2fx (target %.0fx: %s)%n", r.scenario(), r.variant(),
                    ResultTable.number(r.tandem()), ResultTable.number(r.artemis()), r.unit(), r.ratio(), r.target(),
                    r.met() ? "met" : "not met");
        }
    }

    /** For the JSON report: each figure's name and its ratio. */
    static Map<String, Object> toMap(List<Ratio> ratios) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Ratio r : ratios) {
            m.put(r.scenario() + ", " + r.variant(), Math.round(r.ratio() * 100) / 100.0);
        }
        return m;
    }
}
