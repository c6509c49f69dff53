package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.atlasonboard.core.atlas.RevocationReason;
import io.atlasonboard.core.claims.DomainsException;
import io.atlasonboard.core.issuance.CertificateExport;
import io.atlasonboard.core.issuance.IssueRequest;
import io.atlasonboard.core.issuance.IssuanceService;
import io.atlasonboard.core.issuance.IssuedCertificate;
import io.atlasonboard.core.pki.EncryptedKeys;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.store.CertificateRecord;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cert issue|list|revoke}: certificates through a provider. */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "Issue, list, export and revoke certificates through a GlobalSign provider.",
        subcommands = {CertCommand.Issue.class, CertCommand.ListCerts.class, CertCommand.Export.class,
            CertCommand.Revoke.class, CertRekeyCommand.class})
public final class CertCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    // ------------------------------------------------------------------------------------------------ issue

    static final class KeySource {
        @Option(names = "--csr", paramLabel = "FILE", required = true,
                description = "Take the public key from this PEM CSR (the key stays with you).")
        Path csr;

        @ArgGroup(exclusive = false)
        GeneratedKey generated;
    }

    static final class GeneratedKey {
        @Option(names = "--key-out", paramLabel = "FILE", required = true,
                description = "Generate the key here and write it encrypted (PKCS#8, AES-256) to FILE (owner-only).")
        Path keyOut;

        @Option(names = "--key-password-file", paramLabel = "FILE", required = true,
                description = "File whose first line is the password for --key-out.")
        Path keyPasswordFile;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = {"Request a certificate; the account's validation policy decides what is sent. Writes the "
                    + "certificate, then its chain, as PEM to --out and prints the serial.",
                    "DNS names must be covered by VERIFIED domain claims (dns claim / dns verify)."})
    public static final class Issue implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProviderSession.Name providerName;

        @Option(names = "--cn", required = true, paramLabel = "NAME", description = "Subject common name.")
        String cn;

        @Option(names = "--dns", paramLabel = "NAME", description = "A DNS name (SAN); repeatable. The CN is added.")
        List<String> dns = new ArrayList<>();

        @Option(names = "--email", paramLabel = "ADDRESS", description = "An e-mail address (SAN, S/MIME); repeatable.")
        List<String> emails = new ArrayList<>();

        @ArgGroup(exclusive = true, multiplicity = "1")
        KeySource key;

        @Option(names = "--days", paramLabel = "N", description = "Validity in days (default: the policy's maximum).")
        Integer days;

        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "PEM output: the certificate, then its chain (issuing CA first, root last).")
        Path out;

        @Option(names = "--p12-out", paramLabel = "FILE",
                description = "Also write a PKCS#12 keystore (key, certificate, chain; needs --key-out).")
        Path p12Out;

        @Option(names = "--p12-password-file", paramLabel = "FILE", description = "Password for --p12-out.")
        Path p12PasswordFile;

        @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "60s", converter = CliWait.Converter.class,
                description = "How long to keep picking up a certificate GlobalSign is still issuing, e.g. 90s, 5m "
                        + "(default: ${DEFAULT-VALUE}); after that 'cert list' picks it up later.")
        Duration wait;

        @Option(names = "--force", description = "Overwrite existing output files.")
        boolean force;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            PrintWriter pw = cl.getOut();
            boolean generate = key.generated != null;
            if (p12Out != null && (!generate || p12PasswordFile == null)) {
                throw new CommandLine.ParameterException(cl, "--p12-out needs --key-out and --p12-password-file");
            }
            if (days != null && (days < 1 || days > 3650)) {
                throw new CommandLine.ParameterException(cl, "--days must be 1..3650");
            }
            CliFiles.checkOutput(out, force);
            String csrPem = null;
            char[] keyPassword = null;
            char[] p12Password = null;
            if (generate) {
                CliFiles.checkOutput(key.generated.keyOut, force);
                CliFiles.checkDistinct(out, key.generated.keyOut, "--out and --key-out");
                keyPassword = CliFiles.readPassword(key.generated.keyPasswordFile, "key password");
            } else {
                csrPem = new String(CliFiles.read(key.csr, "CSR"), StandardCharsets.UTF_8);
            }
            if (p12Out != null) {
                CliFiles.checkOutput(p12Out, force);
                p12Password = CliFiles.readPassword(p12PasswordFile, "PKCS#12 password");
                String problem = CertificateExport.checkPassword(p12Password);
                if (!problem.isEmpty()) {
                    Arrays.fill(p12Password, '\0');
                    throw new CliException("--p12-password-file: " + problem);
                }
            }
            try (ProviderSession s = ProviderSession.open(spec, providerName.value)) {
                IssuanceService svc = new IssuanceService(s.store, s.provider, s.client)
                        .pickup(wait, Duration.ofSeconds(5));
                IssueRequest req = IssueRequest.of(cn, dns, emails).withCsr(csrPem)
                        .withValidity(days == null ? null : Duration.ofDays(days));
                IssuedCertificate c;
                try {
                    c = svc.issue(req, CliCancellation.sink(m -> {
                        if (m.contains("still being issued")) { // the waits, not every step
                            spec.commandLine().getErr().println(m);
                            spec.commandLine().getErr().flush();
                        }
                    }));
                } catch (InvalidInputException | DomainsException e) {
                    throw new CliException(withOptions(e.getMessage()));
                }
                if (c.privateKey() != null && generate) {
                    String enc = EncryptedKeys.encryptPkcs8(c.privateKey(), keyPassword);
                    CliFiles.writeAtomically(key.generated.keyOut, enc.getBytes(StandardCharsets.US_ASCII), true,
                            force);
                    pw.println("Private key (encrypted PKCS#8): " + key.generated.keyOut);
                }
                if (c.pending()) {
                    pw.println("Serial: " + c.serial());
                    pw.flush();
                    throw new CliException("Certificate " + c.serial() + " is still being issued by GlobalSign; "
                            + "run 'cert list --provider " + providerName.value + "' later to pick it up");
                }
                CliFiles.writeAtomically(out, CertificateExport.pem(c).getBytes(StandardCharsets.US_ASCII), false,
                        force);
                if (p12Out != null) {
                    byte[] p12;
                    try {
                        p12 = CertificateExport.pkcs12(c, p12Password);
                    } catch (InvalidInputException e) {
                        throw new CliException(e.getMessage());
                    }
                    CliFiles.writeAtomically(p12Out, p12, true, force);
                    pw.println("PKCS#12: " + p12Out);
                }
                pw.println("Certificate and chain (PEM): " + out);
                pw.println("Serial: " + c.serial());
                pw.flush();
                return 0;
            } finally {
                if (keyPassword != null) {
                    Arrays.fill(keyPassword, '\0');
                }
                if (p12Password != null) {
                    Arrays.fill(p12Password, '\0');
                }
            }
        }
    }

    /** A core message about the request (domain words), followed by the options that give what it names. */
    static String withOptions(String message) {
        List<String> options = new ArrayList<>();
        if (message.contains("Common Name")) {
            options.add("--cn NAME");
        }
        if (message.contains("DNS name")) {
            options.add("--dns NAME");
        }
        if (message.contains("e-mail address")) {
            options.add("--email ADDRESS");
        }
        return options.isEmpty() ? message : message + "\n(options: " + String.join(", ", options) + ")";
    }

    // ------------------------------------------------------------------------------------------------ list

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Certificates issued through the provider (store, refreshed from GlobalSign).")
    public static final class ListCerts implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProviderSession.Name providerName;

        @Option(names = "--local", description = "Only what the store knows; do not ask GlobalSign.")
        boolean local;

        @Override
        public Integer call() {
            PrintWriter pw = spec.commandLine().getOut();
            try (ProviderSession s = ProviderSession.open(spec, providerName.value)) {
                IssuanceService svc = new IssuanceService(s.store, s.provider, s.client);
                List<CertificateRecord> list;
                try {
                    list = local ? svc.list() : svc.refresh();
                } catch (DomainsException e) {
                    throw new CliException(e.getMessage());
                }
                if (list.isEmpty()) {
                    pw.println("No certificates issued through provider '" + providerName.value + "'.");
                    return 0;
                }
                pw.printf("%-32s %-8s %-23s %-30s %s%n", "SERIAL", "STATUS", "NOT AFTER", "COMMON NAME", "SANS");
                for (CertificateRecord r : list) {
                    pw.printf("%-32s %-8s %-23s %-30s %s%n", r.serial(), r.status(),
                            ProviderSession.when(r.notAfter()), r.commonName() == null ? "-" : r.commonName(),
                            String.join(",", r.sans()));
                }
                pw.flush();
            }
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------------ export

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a stored certificate as PEM (certificate, then chain) and/or as a PKCS#12 keystore "
                    + "(with the private key kept here when the key was generated by this program).",
                    "Needs no connection to GlobalSign."})
    public static final class Export implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProviderSession.Name providerName;

        @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number (hex, as 'cert list' shows it).")
        String serial;

        @Option(names = "--out", paramLabel = "FILE", description = "PEM output: the certificate, then its chain.")
        Path out;

        @Option(names = "--p12-out", paramLabel = "FILE", description = "PKCS#12 output (owner-only).")
        Path p12Out;

        @Option(names = "--p12-password-file", paramLabel = "FILE", description = "Password for --p12-out.")
        Path p12PasswordFile;

        @Option(names = "--force", description = "Overwrite existing output files.")
        boolean force;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            if (out == null && p12Out == null) {
                throw new CommandLine.ParameterException(cl, "give --out, --p12-out, or both");
            }
            if ((p12Out == null) != (p12PasswordFile == null)) {
                throw new CommandLine.ParameterException(cl, "--p12-out and --p12-password-file go together");
            }
            String s;
            try {
                s = IssuanceService.normaliseSerial(serial);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            if (out != null) {
                CliFiles.checkOutput(out, force);
            }
            if (p12Out != null) {
                CliFiles.checkOutput(p12Out, force);
                if (out != null) {
                    CliFiles.checkDistinct(out, p12Out, "--out and --p12-out");
                }
            }
            PrintWriter pw = cl.getOut();
            char[] password = p12Out == null ? null : CliFiles.readPassword(p12PasswordFile, "PKCS#12 password");
            String problem = password == null ? "" : CertificateExport.checkPassword(password);
            if (!problem.isEmpty()) {
                Arrays.fill(password, '\0');
                throw new CliException("--p12-password-file: " + problem);
            }
            try (Store store = CliStore.open(spec)) {
                ProviderRecord provider = CliStore.provider(store, providerName.value);
                CertificateRecord r = store.certificates().findBySerial(provider.id(), s).orElseThrow(() ->
                        new CliException("No certificate " + s + " is stored for provider '" + provider.name()
                                + "' (see 'cert list --provider " + providerName.value + "')"));
                try {
                    byte[] p12 = password == null ? null : CertificateExport.pkcs12(r, store.certificates(), password);
                    if (out != null) {
                        CliFiles.writeAtomically(out, CertificateExport.pem(r).getBytes(StandardCharsets.US_ASCII),
                                false, force);
                        pw.println("Certificate and chain (PEM): " + out);
                    }
                    if (p12 != null) {
                        CliFiles.writeAtomically(p12Out, p12, true, force);
                        pw.println("PKCS#12: " + p12Out);
                    }
                } catch (InvalidInputException e) {
                    throw new CliException(e.getMessage());
                }
                pw.flush();
                return 0;
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ revoke

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a certificate (PATCH with the reason; DELETE where PATCH is refused).")
    public static final class Revoke implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ProviderSession.Name providerName;

        @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial number (hex, as 'cert list' shows it).")
        String serial;

        @Option(names = "--reason", required = true, paramLabel = "REASON",
                description = "One of: unspecified, keyCompromise, affiliationChanged, superseded, "
                        + "cessationOfOperation, privilegeWithdrawn.")
        String reasonText;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            RevocationReason reason;
            String s;
            try {
                reason = RevocationReason.parse(reasonText);
                s = IssuanceService.normaliseSerial(serial);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            PrintWriter pw = cl.getOut();
            try (ProviderSession session = ProviderSession.open(spec, providerName.value)) {
                IssuanceService svc = new IssuanceService(session.store, session.provider, session.client);
                Optional<CertificateRecord> known = svc.find(s);
                String name = known.map(r -> s + " (CN " + (r.commonName() == null ? "-" : r.commonName())
                        + (r.sans().isEmpty() ? "" : ", " + String.join(", ", r.sans())) + ", valid until "
                        + ProviderSession.when(r.notAfter()) + ")").orElse(s);
                CertificateRecord r;
                try {
                    r = svc.revoke(s, reason);
                } catch (DomainsException e) {
                    throw new CliException(e.getMessage());
                }
                if (known.isEmpty() && r != null) {
                    name = s + " (CN " + (r.commonName() == null ? "-" : r.commonName()) + ")";
                }
                pw.println("Revoked certificate " + name + " with reason " + reason.apiName() + ".");
                pw.flush();
            }
            return 0;
        }
    }
}
