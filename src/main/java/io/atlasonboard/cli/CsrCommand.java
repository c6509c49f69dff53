package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import io.atlasonboard.core.pki.Countries;
import io.atlasonboard.core.pki.CsrRequest;
import io.atlasonboard.core.pki.Csrs;
import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.GlobalSignProfile;
import io.atlasonboard.core.pki.HostNames;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.pki.Normalized;
import io.atlasonboard.core.pki.Passwords;
import io.atlasonboard.core.pki.PkiException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code csr}: RSA 2048 key (encrypted PKCS#8) and PKCS#10 request for the GlobalSign mTLS certificate. */
@Command(name = "csr", mixinStandardHelpOptions = true,
        description = {"Create the RSA 2048 private key (encrypted PKCS#8: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) and",
            "the PKCS#10 request (sha256WithRSAEncryption, subject C/O/CN, DNS names as SANs; the CN is",
            "put in the SAN list unless --no-cn-in-sans). Without --key-password-file a strong key",
            "password is generated and printed once."})
public final class CsrCommand implements Callable<Integer> {

    @Option(names = "--cn", required = true, paramLabel = "TEXT",
            description = "Common Name: the host of your instance (a pasted URL is reduced to its host).")
    String cn;

    @Option(names = "--country", required = true, paramLabel = "CC",
            description = "Two-letter ISO 3166 country code (e.g. " + Countries.DEFAULT + ").")
    String country;

    @Option(names = "--org", required = true, paramLabel = "TEXT", description = "Organization.")
    String org;

    @Option(names = "--dns", paramLabel = "NAME", description = "Domain name for the SAN list (repeatable; IDN "
            + "converted to A-labels; wildcard only as *.domain).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--no-cn-in-sans", description = "Do not put the CN in the SAN list.")
    boolean noCnInSans;

    @Option(names = "--key-size", paramLabel = "BITS", defaultValue = "2048",
            description = "RSA key size; only 2048 is accepted (GlobalSign profile).")
    int keySize;

    @Option(names = "--csr-out", required = true, paramLabel = "FILE", description = "Where to write the CSR (PEM).")
    Path csrOut;

    @Option(names = "--key-out", required = true, paramLabel = "FILE",
            description = "Where to write the encrypted private key (PEM, owner-only).")
    Path keyOut;

    @Option(names = "--key-password-file", paramLabel = "FILE",
            description = "File whose first line is the key password (default: generate one and print it once).")
    Path keyPasswordFile;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        char[] password = null;
        try {
            GlobalSignProfile.checkKeySize(keySize);
            Normalized n = HostNames.normalizeCommonName(cn);
            if (n.changed()) {
                err.println("Note: the Common Name was changed from '" + cn + "' to '" + n.value() + "': "
                        + String.join("; ", n.changes()) + ".");
                err.flush();
            }
            CsrRequest request = new CsrRequest(n.value(), country, org, dns);
            request = noCnInSans ? request.withoutCnInSans() : request.withCnInSans();
            request = request.normalized();
            CliFiles.checkDistinct(csrOut, keyOut, "--csr-out and --key-out");
            CliFiles.checkOutput(csrOut, force);
            CliFiles.checkOutput(keyOut, force);
            boolean generated = keyPasswordFile == null;
            if (generated) {
                password = Passwords.generate();
            } else {
                password = CliFiles.readPassword(keyPasswordFile, "key password");
                if (password.length < 12) {
                    err.println("Warning: the key password has fewer than 12 characters.");
                }
            }
            KeyPair kp = Csrs.generateKey(keySize);
            PKCS10CertificationRequest csr = Csrs.create(kp, request);
            String keyPem = EncryptedKeys.encryptPkcs8(kp.getPrivate(), password);
            CliFiles.writeAtomically(keyOut, keyPem.getBytes(StandardCharsets.US_ASCII), true, force);
            CliFiles.writeAtomically(csrOut, Csrs.toPem(csr).getBytes(StandardCharsets.US_ASCII), false, force);

            out.println("Subject:          C=" + request.country() + ", O=" + request.organization() + ", CN="
                    + request.commonName());
            out.println("DNS names (SAN):  " + (request.dnsNames().isEmpty() ? "(none)"
                    : String.join(", ", request.dnsNames())));
            out.println("Key:              RSA " + keySize + " (" + GlobalSignProfile.REASON + ")");
            out.println("CSR written to:   " + csrOut);
            out.println("Key written to:   " + keyOut + " (encrypted PKCS#8: PBES2, PBKDF2-HMAC-SHA256 "
                    + EncryptedKeys.ITERATIONS + " iterations, AES-256-CBC; owner-only)");
            if (generated) {
                out.println("Key password (shown once, store it safely): " + new String(password));
            }
            out.flush();
            return 0;
        } catch (InvalidInputException | PkiException e) {
            throw new CliException(e.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
