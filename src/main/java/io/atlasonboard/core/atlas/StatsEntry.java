package io.atlasonboard.core.atlas;

import com.google.gson.annotations.SerializedName;

/** An item of {@code /stats/issued|revoked|expiring}: hex serial and Unix-second validity bounds. */
public record StatsEntry(@SerializedName("serial_number") String serialNumber,
        @SerializedName("not_before") long notBefore, @SerializedName("not_after") long notAfter) {

    public enum Kind {
        ISSUED("issued"), REVOKED("revoked"), EXPIRING("expiring");

        final String path;

        Kind(String path) {
            this.path = path;
        }
    }
}
