package io.atlasonboard.core.handoff;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

import io.atlasonboard.core.pki.Pkcs12Profile;

/**
 * What to export and where. {@code replaceExisting}: existing files of the bundle may be overwritten.
 * {@code keystoreProfile}: the PKCS#12 algorithms for MTG CLM. {@code plainKey}: hvclient gets an unencrypted key.
 * {@code cluster}, {@code namespace}, {@code secretName}, {@code issuerName}: the cert-manager objects.
 */
public record ExportOptions(ExportFormat format, Path folder, boolean replaceExisting, Pkcs12Profile keystoreProfile,
                            boolean plainKey, boolean cluster, String namespace, String secretName, String issuerName) {
    /** A DNS-1123 label as Kubernetes wants for names and namespaces. */
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public ExportOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(folder, "folder");
        keystoreProfile = keystoreProfile == null ? Pkcs12Profile.MODERN : keystoreProfile;
        namespace = blankToNull(namespace) == null ? "default" : namespace.strip();
        secretName = blankToNull(secretName) == null ? "atlas-credentials" : secretName.strip();
        issuerName = blankToNull(issuerName) == null ? "atlas-issuer" : issuerName.strip();
        for (String[] n : new String[][] {{"namespace", namespace}, {"Secret name", secretName},
            {"issuer name", issuerName}}) {
            if (!K8S_NAME.matcher(n[1]).matches()) {
                throw new IllegalArgumentException("The Kubernetes " + n[0] + " '" + n[1] + "' is not a valid name "
                        + "(lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit)");
            }
        }
    }

    /** Defaults: no replacing, Modern PKCS#12, encrypted key, namespaced Issuer "atlas-issuer" in "default". */
    public static ExportOptions of(ExportFormat format, Path folder) {
        return new ExportOptions(format, folder, false, null, false, false, null, null, null);
    }

    public ExportOptions replacing(boolean replace) {
        return new ExportOptions(format, folder, replace, keystoreProfile, plainKey, cluster, namespace, secretName,
                issuerName);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
