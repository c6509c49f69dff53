package io.atlasonboard.core.store;

/** What a provider's certificates are for. */
public enum IntendedUse {
    TLS("SSL/TLS"), SMIME("S/MIME");

    private final String label;

    IntendedUse(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
