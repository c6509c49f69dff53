package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import io.atlasonboard.core.pki.CertificateChecks;
import io.atlasonboard.core.pki.CertificateSummary;
import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.Finding;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.pki.Keys;
import io.atlasonboard.core.pki.ParsedInput;
import io.atlasonboard.core.pki.PkiException;
import io.atlasonboard.core.pki.PkiInputs;
import io.atlasonboard.core.pki.Pkcs12;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.pki.WrongPasswordException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code p12}: certificate (+ chain) and private key into a PKCS#12 keystore, verified after writing. */
@Command(name = "p12", mixinStandardHelpOptions = true,
        description = {"Combine the certificate (+ chain) and the private key into a PKCS#12 keystore.",
            "Profiles: modern (default; AES-256-CBC, PBKDF2-HMAC-SHA256, SHA-256 MAC: what OpenSSL 3 writes) or",
            "compat (3DES key, RC2-40 certificates, SHA-1 MAC; only for old consumers, OpenSSL 3 needs -legacy).",
            "The written file is re-opened and checked before success is reported."})
public final class P12Command implements Callable<Integer> {
    @Option(names = "--cert", required = true, paramLabel = "FILE",
            description = "The certificate (PEM, DER or PKCS#7; may include the chain).")
    Path cert;

    @Option(names = "--chain", paramLabel = "FILE", description = "Chain certificates (PEM, DER or PKCS#7).")
    Path chain;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key (PEM).")
    Path key;

    @Option(names = "--key-password-file", required = true, paramLabel = "FILE",
            description = "File whose first line is the private key's password.")
    Path keyPasswordFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The keystore to write (owner-only).")
    Path out;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
            description = "File whose first line is the new keystore password.")
    Path passwordFile;

    @Option(names = "--name", paramLabel = "TEXT", description = "Friendly name (alias); default: the certificate's CN.")
    String name;

    @Option(names = "--profile", paramLabel = "modern|compat", defaultValue = "modern",
            description = "Keystore algorithms (default ${DEFAULT-VALUE}).")
    String profileName;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Pkcs12Profile profile;
        try {
            profile = Pkcs12Profile.fromCliName(profileName);
        } catch (InvalidInputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CliFiles.checkOutput(out, force);
        CliFiles.checkDistinct(out, key, "--out and --key");
        CliFiles.checkDistinct(out, cert, "--out and --cert");
        char[] keyPw = null;
        char[] storePw = null;
        try {
            List<X509Certificate> certs = new ArrayList<>(certificates(cert, "certificate"));
            if (chain != null) {
                certs.addAll(certificates(chain, "chain"));
            }
            certs = PkiInputs.orderLeafFirst(certs);
            X509Certificate leaf = certs.get(0);

            keyPw = CliFiles.readPassword(keyPasswordFile, "key password");
            storePw = CliFiles.readPassword(passwordFile, "keystore password");
            PrivateKey pk;
            try {
                pk = EncryptedKeys.decrypt(new String(CliFiles.read(key, "key"), StandardCharsets.ISO_8859_1), keyPw);
            } catch (WrongPasswordException e) {
                throw new CliException(key + ": " + e.getMessage() + " (password from " + keyPasswordFile + ")");
            } catch (InvalidInputException e) {
                throw new CliException(key + ": " + e.getMessage());
            }
            List<Finding> findings = CertificateChecks.check(leaf, Keys.publicKeyOf(pk), Instant.now());
            for (Finding f : findings) {
                if (f.isError()) {
                    throw new CliException(cert + " does not match " + key + ": " + f.message());
                }
            }
            for (Finding f : findings) {
                if (f.severity() == Finding.Severity.WARN) {
                    err.println("Warning: " + f.message());
                }
            }
            err.flush();
            String friendly = name != null && !name.isBlank() ? name.strip() : commonName(leaf);
            byte[] p12 = Pkcs12.write(pk, certs, storePw, friendly, profile);
            CliFiles.writeAtomically(out, p12, true, force);
            try {
                Pkcs12.verifyWritten(Files.readAllBytes(out), storePw, pk, certs);
            } catch (Exception e) {
                Files.deleteIfExists(out);
                throw new CliException("The keystore written to " + out + " did not verify and was removed: "
                        + e.getMessage());
            }
            CertificateSummary s = CertificateSummary.of(leaf);
            o.println("Keystore written and verified: " + out + " (owner-only)");
            o.println("Profile:        " + profile.label());
            o.println("Friendly name:  " + friendly);
            o.println("Certificate:    " + s.subject() + " (issuer " + s.issuer() + ", valid until " + s.notAfter() + ")");
            o.println("Chain:          " + (certs.size() - 1) + " more certificate(s)");
            o.println("SPKI SHA-256:   " + s.spkiSha256());
            o.println("Equivalent openssl command (it asks for the passwords):");
            o.println("  " + Pkcs12.opensslCommand(cert.toString(), chain == null ? null : chain.toString(),
                    key.toString(), out.toString(), friendly, profile));
            o.flush();
            return 0;
        } catch (InvalidInputException | PkiException e) {
            throw new CliException(e.getMessage());
        } catch (java.io.IOException e) {
            throw new CliException("Cannot read back " + out + ": " + e.getMessage());
        } finally {
            if (keyPw != null) {
                Arrays.fill(keyPw, '\0');
            }
            if (storePw != null) {
                Arrays.fill(storePw, '\0');
            }
        }
    }

    private static List<X509Certificate> certificates(Path file, String what) {
        ParsedInput p = PkiInputs.parse(CliFiles.read(file, what));
        if (p.kind() != ParsedInput.Kind.CERTIFICATES) {
            throw new CliException(file + ": " + p.message());
        }
        return p.certificates();
    }

    private static String commonName(X509Certificate c) {
        try {
            for (Rdn r : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if (r.getType().equalsIgnoreCase("CN")) {
                    return r.getValue().toString();
                }
            }
        } catch (Exception ignored) {
            // fall through
        }
        return "mtls";
    }
}
