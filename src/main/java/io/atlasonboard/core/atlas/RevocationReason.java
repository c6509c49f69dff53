package io.atlasonboard.core.atlas;

/** The API's six revocation reasons (ATLAS-API.md 4.4), with their wire names. */
public enum RevocationReason {
    UNSPECIFIED("unspecified"),
    KEY_COMPROMISE("keyCompromise"),
    AFFILIATION_CHANGED("affiliationChanged"),
    SUPERSEDED("superseded"),
    CESSATION_OF_OPERATION("cessationOfOperation"),
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn");

    private final String apiName;

    RevocationReason(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Accepts the API name ({@code keyCompromise}) or the enum name ({@code KEY_COMPROMISE}), case-insensitively. */
    public static RevocationReason parse(String s) {
        for (RevocationReason r : values()) {
            if (r.apiName.equalsIgnoreCase(s) || r.name().equalsIgnoreCase(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown revocation reason '" + s + "'; use one of: unspecified, "
                + "keyCompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn");
    }
}
