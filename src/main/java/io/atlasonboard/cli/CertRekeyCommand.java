package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import io.atlasonboard.core.claims.DomainsException;
import io.atlasonboard.core.issuance.CertificateExport;
import io.atlasonboard.core.issuance.IssuanceService;
import io.atlasonboard.core.issuance.IssuedCertificate;
import io.atlasonboard.core.pki.EncryptedKeys;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cert rekey}: a new certificate with a new key for the names of an issued one (the old one stays valid). */
@Command(name = "rekey", mixinStandardHelpOptions = true,
        description = "Rekey an issued certificate: GlobalSign issues a new certificate (new serial) for the same "
                + "names with a new key; the old certificate is not changed (revoke it when it is replaced). Writes "
                + "the new certificate and its chain as PEM to --out and prints the new serial.")
public final class CertRekeyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ProviderSession.Name providerName;

    @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number of the certificate to rekey (hex).")
    String serial;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CertCommand.KeySource key;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "PEM output: the new certificate, then its chain.")
    Path out;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter pw = cl.getOut();
        boolean generate = key.generated != null;
        CliFiles.checkOutput(out, force);
        String csrPem = null;
        char[] keyPassword = null;
        if (generate) {
            CliFiles.checkOutput(key.generated.keyOut, force);
            CliFiles.checkDistinct(out, key.generated.keyOut, "--out and --key-out");
            keyPassword = CliFiles.readPassword(key.generated.keyPasswordFile, "key password");
        } else {
            csrPem = new String(CliFiles.read(key.csr, "CSR"), StandardCharsets.UTF_8);
        }
        try (ProviderSession s = ProviderSession.open(spec, providerName.value)) {
            IssuanceService svc = new IssuanceService(s.store, s.provider, s.client);
            IssuedCertificate c;
            try {
                c = svc.rekey(serial, csrPem, CliCancellation.sink(null));
            } catch (DomainsException | IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            if (c.privateKey() != null && generate) {
                String enc = EncryptedKeys.encryptPkcs8(c.privateKey(), keyPassword);
                CliFiles.writeAtomically(key.generated.keyOut, enc.getBytes(StandardCharsets.US_ASCII), true, force);
                pw.println("Private key (encrypted PKCS#8): " + key.generated.keyOut);
            }
            pw.println("Rekeyed: " + IssuanceService.normaliseSerial(serial) + " (unchanged)");
            if (c.pending()) {
                pw.println("New serial: " + c.serial());
                pw.flush();
                throw new CliException("Certificate " + c.serial() + " is still being issued by GlobalSign; run "
                        + "'cert list --provider " + providerName.value + "' later to pick it up");
            }
            CliFiles.writeAtomically(out, CertificateExport.pem(c).getBytes(StandardCharsets.US_ASCII), false, force);
            pw.println("Certificate and chain (PEM): " + out);
            pw.println("New serial: " + c.serial());
            pw.flush();
            return 0;
        } finally {
            if (keyPassword != null) {
                Arrays.fill(keyPassword, '\0');
            }
        }
    }
}
