package io.tandemmq.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a JNDI name stored in the broker's store stands for. */
public enum BindingKind {
    /** A queue; the binding's target is its physical name. */
    QUEUE,
    /** A topic; the binding's target is its physical name. */
    TOPIC,
    /** A connection factory; the binding's target is a {@code tandem://} URL with its options. */
    CONNECTION_FACTORY;

    /** The name on the command line and in the store: {@code queue}, {@code topic}, {@code connection-factory}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @throws IllegalArgumentException naming the unknown kind and the known ones
     */
    public static BindingKind parse(String label) {
        for (BindingKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown binding kind '" + label + "'; the kinds are "
                + Arrays.stream(values()).map(BindingKind::label).collect(Collectors.joining(", ")));
    }

    /**
     * @throws MalformedFrameException when no kind has this code
     */
    static BindingKind of(int code) {
        BindingKind[] all = values();
        if (code < 0 || code >= all.length) {
            throw new MalformedFrameException("unknown binding kind " + code);
        }
        return all[code];
    }
}
