package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderRepository;
import io.atlasonboard.core.store.ProviderSecrets;

/**
 * Hands a stored provider off to another tool: writes the bundle of {@link ExportOptions#format()} into a folder
 * (owner-only; existing files only replaced when chosen), with {@code MANIFEST.json} listing every file and whether
 * it is secret, then reads the bundle back and checks it (keys decrypt with their passphrase and match the
 * certificate, JSON and YAML parse, secrets are the stored ones, no secret in a file not marked secret) before
 * reporting success. Secrets come only from the store. Run it off the UI thread.
 */
public final class ProviderExporter {
    public static final String MANIFEST = "MANIFEST.json";

    private final ProviderRepository providers;
    private final Clock clock;

    public ProviderExporter(ProviderRepository providers) {
        this(providers, Clock.systemUTC());
    }

    public ProviderExporter(ProviderRepository providers, Clock clock) {
        this.providers = Objects.requireNonNull(providers);
        this.clock = Objects.requireNonNull(clock);
    }

    static BundleFormat formatOf(ExportFormat f) {
        return switch (f) {
            case MTG_CLM -> new MtgClmFormat();
            case HVCLIENT -> new HvclientFormat();
            case CERT_MANAGER -> new CertManagerFormat();
            case VAULT -> new VaultFormat();
            case ENV -> new EnvFormat();
        };
    }

    public ExportResult export(long providerId, ExportOptions options) {
        ProviderRecord p = providers.get(providerId);
        BundleFormat format = formatOf(options.format());
        List<String> warnings = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        try (ProviderSecrets s = providers.secrets(providerId);
             ExportMaterial m = ExportMaterial.of(p, s);
             Bundle b = new Bundle(options.folder())) {
            format.plan(m, options, b, warnings);
            if (p.sandbox()) {
                warnings.add("This is a SANDBOX provider: the bundle reaches the local simulator, not GlobalSign.");
            }
            b.addText(MANIFEST, false, "this list: what was written and what is secret",
                    manifest(p, options, b.files(), warnings));
            b.write(options.replaceExisting());
            format.check(m, options, b.folder(), checks);
            checkCommon(m, b, checks);
            return new ExportResult(options.format(), b.folder(), b.files(), checks, warnings);
        }
    }

    private String manifest(ProviderRecord p, ExportOptions o, List<ExportedFile> files, List<String> warnings) {
        JsonObject m = new JsonObject();
        m.addProperty("provider", p.name());
        m.addProperty("format", o.format().id());
        m.addProperty("target", o.format().label());
        m.addProperty("sandbox", p.sandbox());
        m.addProperty("written_at", clock.instant().toString());
        JsonArray fa = new JsonArray();
        for (ExportedFile f : files) {
            JsonObject e = new JsonObject();
            e.addProperty("name", f.name());
            e.addProperty("secret", f.secret());
            e.addProperty("description", f.description());
            fa.add(e);
        }
        JsonObject self = new JsonObject();
        self.addProperty("name", MANIFEST);
        self.addProperty("secret", false);
        self.addProperty("description", "this list: what was written and what is secret");
        fa.add(self);
        m.add("files", fa);
        JsonArray wa = new JsonArray();
        warnings.forEach(wa::add);
        m.add("warnings", wa);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(m) + "\n";
    }

    /** Owner-only modes, and neither the API secret, the keystore password nor a key in a file not marked secret. */
    private static void checkCommon(ExportMaterial m, Bundle b, List<String> checks) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (posix && !Files.getPosixFilePermissions(b.folder(), LinkOption.NOFOLLOW_LINKS).equals(Bundle.DIR_MODE)) {
                throw ExportException.of("core.handoff.check.folderNotOwnerOnly", b.folder().toString());
            }
            for (ExportedFile f : b.files()) {
                Path file = b.path(f.name());
                if (posix && !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(Bundle.FILE_MODE)) {
                    throw ExportException.of("core.handoff.check.fileNotOwnerOnly", file.toString());
                }
                if (!f.secret()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    if (contains(text, m.apiSecret) || (m.keystorePassword.length > 0
                            && contains(text, m.keystorePassword)) || text.contains("PRIVATE KEY")) {
                        throw ExportException.of("core.handoff.check.secretInPlainFile", f.name());
                    }
                }
            }
        } catch (IOException e) {
            throw new ExportException(Msg.of("core.handoff.check.unreadable", ExportException.part(e)), e);
        }
        checks.add("folder 0700, every file 0600; no secret in a file not marked secret");
    }

    private static boolean contains(String haystack, char[] needle) {
        if (needle.length == 0) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length(); i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack.charAt(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
