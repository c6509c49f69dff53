package io.atlasonboard.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import io.atlasonboard.core.pki.Inspector;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.pki.ParsedInput;
import io.atlasonboard.core.pki.PkiInputs;
import io.atlasonboard.core.pki.PkiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inspect FILE}: readable summary of a CSR, certificate(s), private key or PKCS#12. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a readable summary of a certificate request, certificate(s) (PEM, DER, PKCS#7),",
            "private key (never printed) or PKCS#12 keystore."})
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The file to inspect.")
    Path file;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File whose first line is the password of an encrypted key or keystore.")
    Path passwordFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        byte[] data = CliFiles.read(file, "input");
        char[] pw = passwordFile == null ? null : CliFiles.readPassword(passwordFile, "password");
        try {
            ParsedInput parsed = PkiInputs.parse(data);
            if (parsed.kind() == ParsedInput.Kind.UNRECOGNISED) {
                throw new CliException(file + ": not recognised. " + parsed.message());
            }
            spec.commandLine().getOut().print(file + ": " + Inspector.describe(data, pw));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (InvalidInputException | PkiException e) {
            throw new CliException(file + ": " + e.getMessage());
        } finally {
            if (pw != null) {
                Arrays.fill(pw, '\0');
            }
        }
    }
}
