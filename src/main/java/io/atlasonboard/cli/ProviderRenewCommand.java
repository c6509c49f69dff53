package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.providers.ConnectionReport;
import io.atlasonboard.core.providers.MtlsLifetime;
import io.atlasonboard.core.providers.MtlsRenewal;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provider renew-mtls NAME --csr-out F [--key-out F --key-password-file F]} (new key + CSR, kept pending),
 * {@code provider renew-mtls NAME --cert F} (check, test, switch) and {@code provider renew-mtls NAME --restore}.
 */
@Command(name = "renew-mtls", mixinStandardHelpOptions = true,
        description = {"Renew a provider's mTLS certificate: --csr-out makes a new RSA-2048 key and a CSR with the same "
                + "subject (the key is kept encrypted in the store); submit the CSR in the Atlas portal; --cert with "
                + "the returned certificate checks it against the new key, tests the new identity and switches only "
                + "when Good (the old keystore is kept); --restore puts the previous keystore back."})
final class ProviderRenewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The provider's name.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--csr-out", paramLabel = "FILE", description = "Start: write the renewal CSR (PEM) here.")
        Path csrOut;

        @Option(names = "--cert", paramLabel = "FILE", description = "Complete: the certificate the portal returned.")
        Path cert;

        @Option(names = "--restore", description = "Put the keystore back that the last renewal replaced.")
        boolean restore;
    }

    @Option(names = "--key-out", paramLabel = "FILE", description = "Start: also save the new key, encrypted "
            + "(PKCS#8), with the password from --key-password-file.")
    Path keyOut;

    @Option(names = "--key-password-file", paramLabel = "F")
    Path keyPasswordFile;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if ((keyOut == null) != (keyPasswordFile == null)) {
            throw new CliException("--key-out and --key-password-file go together");
        }
        if (keyOut != null && mode.csrOut == null) {
            throw new CliException("--key-out goes with --csr-out");
        }
        if (mode.csrOut != null) {
            CliFiles.checkOutput(mode.csrOut, force);
            if (keyOut != null) {
                CliFiles.checkOutput(keyOut, force);
                CliFiles.checkDistinct(mode.csrOut, keyOut, "--csr-out and --key-out");
            }
        }
        byte[] certBytes = mode.cert == null ? null : CliFiles.read(mode.cert, "certificate (--cert)");
        try (Store store = CliStore.open(spec)) {
            ProviderRecord p = CliStore.provider(store, name);
            MtlsRenewal renewal = new MtlsRenewal(store);
            if (mode.csrOut != null) {
                MtlsRenewal.Started s = renewal.start(p.id());
                CliFiles.writeAtomically(mode.csrOut, s.csrPem().getBytes(StandardCharsets.US_ASCII), false, force);
                if (keyOut != null) {
                    char[] pw = CliFiles.readPassword(keyPasswordFile, "key password (--key-password-file)");
                    try {
                        CliFiles.writeAtomically(keyOut, EncryptedKeys.encryptPkcs8(s.key().getPrivate(), pw)
                                .getBytes(StandardCharsets.US_ASCII), true, force);
                    } finally {
                        Arrays.fill(pw, '\0');
                    }
                }
                out.println("Renewal started for '" + p.name() + "': new RSA-2048 key (kept encrypted in the store) "
                        + "and CSR written to " + mode.csrOut + ".");
                s.steps().forEach(out::println);
                out.println("Then: provider renew-mtls " + p.name() + " --cert FILE");
                out.flush();
                return 0;
            }
            if (mode.restore) {
                ConnectionReport r;
                try {
                    r = renewal.restore(p.id(), CliCancellation.sink(null));
                } catch (IllegalStateException e) {
                    throw new CliException(e.getMessage());
                }
                out.println("Restored the previous keystore of '" + p.name() + "'.");
                return ProviderCommand.printReport(out, r);
            }
            MtlsRenewal.Completed c;
            try {
                c = renewal.complete(p.id(), new String(certBytes, StandardCharsets.US_ASCII),
                        CliCancellation.sink(null));
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            if (!c.switched()) {
                if (c.report() != null) {
                    out.print(c.report().toText());
                }
                throw new CliException(c.reason());
            }
            MtlsLifetime l = MtlsLifetime.of(p.name(), c.certificate(), java.time.Instant.now());
            out.println("Switched '" + p.name() + "' to the new mTLS certificate, serial "
                    + c.certificate().getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT)
                    + ", valid until " + l.expiryDay() + " (" + l.daysLeft() + " days); the old keystore is kept "
                    + "(--restore puts it back).");
            return ProviderCommand.printReport(out, c.report());
        }
    }
}
