package io.tandemmq.protocol;

/** The product's version: what clients report as the provider version and the command line as its own. */
public final class TandemVersion {
    public static final String VERSION = "0.1.0";

    private TandemVersion() {
    }
}
