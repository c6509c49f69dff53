package io.atlasonboard.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.atlasonboard.core.handoff.ExportException;
import io.atlasonboard.core.handoff.ExportFormat;
import io.atlasonboard.core.handoff.ExportOptions;
import io.atlasonboard.core.handoff.ExportResult;
import io.atlasonboard.core.handoff.ProviderExporter;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provider export NAME --format FMT --out DIR}: the hand-off bundle for another tool (see ProviderExporter). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a provider's credentials for another tool into a new owner-only folder, with a "
                + "MANIFEST.json saying which files are secret; the bundle is read back and checked.",
            "Formats: mtg-clm (PKCS#12 + printable sheet), hvclient (hvclient.json + PEM), cert-manager (Secret + "
                    + "Issuer YAML), vault (vault-config.sh + value files), env (dotenv)."})
final class ProviderExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The provider's name.")
    String name;

    @Option(names = "--format", required = true, paramLabel = "FMT",
            description = "mtg-clm, hvclient, cert-manager, vault or env.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the bundle (created owner-only when missing).")
    Path out;

    @Option(names = "--force", description = "Replace files of an earlier export in that folder.")
    boolean force;

    @Option(names = "--compatibility", description = "mtg-clm: write the PKCS#12 with the Compatibility profile "
            + "(legacy algorithms) instead of Modern.")
    boolean compatibility;

    @Option(names = "--plain-key", description = "hvclient: write the key unencrypted (default: legacy-encrypted PEM "
            + "with a generated passphrase in hvclient.json).")
    boolean plainKey;

    @Option(names = "--cluster", description = "cert-manager: a ClusterIssuer instead of a namespaced Issuer.")
    boolean cluster;

    @Option(names = "--namespace", paramLabel = "NS", description = "cert-manager: namespace (default: default).")
    String namespace;

    @Option(names = "--secret-name", paramLabel = "N",
            description = "cert-manager: the Secret's name (default: atlas-credentials).")
    String secretName;

    @Option(names = "--issuer-name", paramLabel = "N",
            description = "cert-manager: the Issuer's name (default: atlas-issuer).")
    String issuerName;

    @Override
    public Integer call() {
        ExportFormat f;
        ExportOptions o;
        try {
            f = ExportFormat.fromId(format);
            o = new ExportOptions(f, out, force, compatibility ? Pkcs12Profile.COMPATIBILITY : Pkcs12Profile.MODERN,
                    plainKey, cluster, namespace, secretName, issuerName);
        } catch (IllegalArgumentException e) {
            throw new CliException("--format/--namespace/--secret-name/--issuer-name: " + e.getMessage());
        }
        try (Store store = CliStore.open(spec)) {
            ProviderRecord p = CliStore.provider(store, name);
            ExportResult r;
            try {
                r = new ProviderExporter(store.providers()).export(p.id(), o);
            } catch (ExportException e) {
                throw new CliException(e.getMessage() + (e.getMessage().contains("allow replacing")
                        ? " (--force replaces them)" : ""), e);
            }
            spec.commandLine().getOut().print(r.toText());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
