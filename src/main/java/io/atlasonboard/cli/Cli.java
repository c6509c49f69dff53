package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.atlasonboard.core.AppHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Root of the command line. Exit status: 0 success, 1 the operation failed (stderr says what and why),
 * 2 usage error. Subcommands reach the shared options through {@code @ParentCommand Cli root}.
 */
@Command(name = "atlas-onboard", mixinStandardHelpOptions = true, version = "Atlas Onboard 0.1.0",
        description = "Onboard a GlobalSign Atlas account: keys, CSR, mTLS certificate, PKCS#12, provider, DNS.")
public final class Cli implements Callable<Integer> {

    /** One line per subcommand class; each feature owns its own class. */
    static final Class<?>[] SUBCOMMANDS = {
            CertCommand.class,
            CsrCommand.class,
            DnsCommand.class,
            InspectCommand.class,
            P12Command.class,
            ProviderCommand.class,
            SandboxCommand.class,
    };

    @Option(names = "--home", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Data folder (default: $ATLAS_ONBOARD_HOME or ~/.atlas-onboard).")
    String home;

    @Option(names = "--passphrase-file", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "File whose first line is the store's master passphrase (non-interactive use).")
    Path passphraseFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Path homeDir() {
        return AppHome.resolve(home, System.getenv());
    }

    public Path passphraseFile() {
        return passphraseFile;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cli());
        for (Class<?> sub : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (CliCancellation.cancelled()) {
                CliCancellation.stoppedWith(describe(ex)); // said once, as what was stopped (see CliCancellation)
                return CliCancellation.exitStatus();
            }
            if (ex instanceof CliException) {
                err.println("Error: " + ex.getMessage());
            } else {
                err.println("Error: " + describe(ex));
            }
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("Usage error: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            err.flush();
            return 2;
        });
        return cl;
    }

    /** Exception text for the user: message chain without stack traces. Never includes secrets by construction. */
    static String describe(Throwable ex) {
        StringBuilder sb = new StringBuilder();
        Throwable t = ex;
        while (t != null) {
            String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (sb.indexOf(m) < 0) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(m);
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return sb.toString();
    }

    /** Runs the command line; Ctrl-C cancels the running operation (exit 130, see {@link CliCancellation}). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return CliCancellation.run(cl, args, () -> cl.execute(args));
    }
}
