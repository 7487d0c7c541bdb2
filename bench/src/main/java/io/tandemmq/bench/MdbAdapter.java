package io.tandemmq.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The two resource adapters the mdb scenario compares, and how each names an MDB's activation properties. */
enum MdbAdapter {
    /** rar/target/tandem-rar.rar as built, against a Tandem pair. */
    TANDEM("tandem", "tandem-rar"),
    /** Artemis's artemis-jakarta-ra, packed by {@link ArtemisAdapterArchive}, against one Artemis broker. */
    ARTEMIS("artemis", "artemis-ra");

    final String label;
    /** The deployment's file name without {@code .rar}. */
    final String rarName;

    MdbAdapter(String label, String rarName) {
        this.label = label;
        this.rarName = rarName;
    }

    /** The queue {@code bench.mdb} by its name, with {@code sessions} concurrent sessions. */
    Map<String, String> activation(int sessions) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("destination", "bench.mdb");
        m.put("destinationType", "jakarta.jms.Queue");
        m.put("maxSession", String.valueOf(sessions));
        if (this == ARTEMIS) {
            // the destination is a queue's name, not a JNDI name to look up
            m.put("useJNDI", "false");
        }
        return m;
    }
}
