package io.atlasonboard.ui.handoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.atlasonboard.core.handoff.ExportFormat;
import io.atlasonboard.core.handoff.ExportOptions;
import io.atlasonboard.core.handoff.ExportResult;
import io.atlasonboard.core.handoff.ExportedFile;
import io.atlasonboard.core.handoff.ProviderExporter;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Export for…": the target tool, its options and the folder; the export runs in the background (never replacing
 * files unless the person confirmed it), and the result lists every written file and whether it is secret.
 */
public final class ExportViewModel {
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final ProviderRecord provider;
    private final ProviderExporter exporter;
    private final UiJobs jobs;
    private final ObjectProperty<ExportFormat> format = new SimpleObjectProperty<>(ExportFormat.MTG_CLM);
    private final BooleanProperty compatibility = new SimpleBooleanProperty(false);
    private final BooleanProperty plainKey = new SimpleBooleanProperty(false);
    private final BooleanProperty cluster = new SimpleBooleanProperty(false);
    private final StringProperty namespace = new SimpleStringProperty("default"); // not user-visible
    private final StringProperty secretName = new SimpleStringProperty("atlas-credentials"); // not user-visible
    private final StringProperty issuerName = new SimpleStringProperty("atlas-issuer"); // not user-visible
    private final StringProperty folder = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty resultFolder = new SimpleStringProperty("");
    private final ObservableList<ExportedFile> files = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private Predicate<Path> confirmReplace = p -> false;

    public ExportViewModel(ProviderRecord provider, ProviderExporter exporter, UiJobs jobs) {
        this.provider = Objects.requireNonNull(provider);
        this.exporter = Objects.requireNonNull(exporter);
        this.jobs = Objects.requireNonNull(jobs);
    }

    /** The format's name in the user's language. */
    public static String label(ExportFormat f) {
        return I18n.t("ui.handoff.format." + f.id() + ".label");
    }

    /** What the format writes and for which tool, in the user's language. */
    public static String description(ExportFormat f) {
        return I18n.t("ui.handoff.format." + f.id() + ".description");
    }

    /** The folder name suggested inside a chosen parent: provider and format, e.g. {@code globalsign-hvclient}. */
    public String suggestedFolderName() {
        String base = provider.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return (base.isEmpty() ? "provider" : base) + "-" + format.get().id(); // not user-visible
    }

    /** Called after "Browse…": the bundle goes into a new folder inside the chosen one. */
    public void chooseParent(Path parent) {
        folder.set(parent.resolve(suggestedFolderName()).toString());
    }

    /** Asked on the UI thread when the target folder already holds files: true replaces same-named files. */
    public void setConfirmReplace(Predicate<Path> confirm) {
        this.confirmReplace = confirm == null ? p -> false : confirm;
    }

    /** The options as chosen, or null with {@link #errorProperty()} saying what is wrong. */
    ExportOptions options() {
        String f = folder.get() == null ? "" : folder.get().strip();
        if (f.isEmpty()) {
            error.set(I18n.t("ui.handoff.export.noFolder"));
            return null;
        }
        Path path;
        try {
            path = Path.of(f);
        } catch (InvalidPathException e) {
            error.set(I18n.t("ui.handoff.export.badFolder", f));
            return null;
        }
        ExportFormat fmt = format.get();
        if (fmt == ExportFormat.CERT_MANAGER) {
            for (String[] n : new String[][] {{namespace.get(), "ui.handoff.export.k8s.invalid.namespace"},
                {secretName.get(), "ui.handoff.export.k8s.invalid.secretName"},
                {issuerName.get(), "ui.handoff.export.k8s.invalid.issuerName"}}) {
                String v = n[0] == null ? "" : n[0].strip();
                if (!K8S_NAME.matcher(v).matches()) {
                    error.set(I18n.t(n[1], v));
                    return null;
                }
            }
        }
        return new ExportOptions(fmt, path, false,
                fmt == ExportFormat.MTG_CLM && compatibility.get() ? Pkcs12Profile.COMPATIBILITY : Pkcs12Profile.MODERN,
                fmt == ExportFormat.HVCLIENT && plainKey.get(), fmt == ExportFormat.CERT_MANAGER && cluster.get(),
                namespace.get(), secretName.get(), issuerName.get());
    }

    /** Checks the folder, asks before replacing anything, then writes and checks the bundle. */
    public void export() {
        if (running.get()) {
            return;
        }
        error.set("");
        message.set("");
        ExportOptions o = options();
        if (o == null) {
            return;
        }
        files.clear();
        warnings.clear();
        resultFolder.set("");
        running.set(true);
        jobs.run(I18n.t("ui.handoff.export.checkJob"), p -> holdsFiles(o.folder())).onSuccess(occupied -> {
            if (occupied && !confirmReplace.test(o.folder())) {
                running.set(false);
                message.set(I18n.t("ui.handoff.export.notReplaced", o.folder()));
                return;
            }
            write(o.replacing(occupied));
        }).onFailure(this::failed);
    }

    private void write(ExportOptions o) {
        message.set(I18n.t("ui.handoff.export.writing", label(o.format()), o.folder()));
        jobs.run(I18n.t("ui.handoff.export.job", label(o.format())), p -> exporter.export(provider.id(), o))
                .onSuccess(r -> {
                    running.set(false);
                    files.setAll(r.files());
                    warnings.setAll(warningsOf(r, o));
                    resultFolder.set(r.folder().toString());
                    message.set(I18n.t("ui.handoff.export.done", label(r.format()), r.folder(), r.files().size()));
                }).onFailure(this::failed);
    }

    private void failed(Throwable e) {
        running.set(false);
        message.set("");
        error.set(I18n.t("ui.handoff.export.failed", I18n.text(UiJobs.unwrap(e))));
    }

    /** Whether the folder exists and holds anything (then same-named files would be replaced). */
    private static boolean holdsFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.findAny().isPresent();
        }
    }

    /** The warnings of the result, in the user's language (the core's are English). */
    private List<String> warningsOf(ExportResult r, ExportOptions o) {
        List<String> out = new ArrayList<>();
        if (o.format() == ExportFormat.HVCLIENT && o.plainKey()) {
            out.add(I18n.t("ui.handoff.export.warn.plainKey"));
        }
        if (o.format() == ExportFormat.MTG_CLM && o.keystoreProfile() == Pkcs12Profile.COMPATIBILITY) {
            out.add(I18n.t("ui.handoff.export.warn.compatibility"));
        }
        if (o.format() == ExportFormat.CERT_MANAGER) {
            out.add(I18n.t("ui.handoff.export.warn.secretKey"));
            if (o.cluster()) {
                out.add(I18n.t("ui.handoff.export.warn.cluster"));
            }
        }
        if (provider.sandbox()) {
            out.add(I18n.t("ui.handoff.export.warn.sandbox"));
        }
        return out;
    }

    public ProviderRecord provider() { return provider; }
    public ObjectProperty<ExportFormat> formatProperty() { return format; }
    public BooleanProperty compatibilityProperty() { return compatibility; }
    public BooleanProperty plainKeyProperty() { return plainKey; }
    public BooleanProperty clusterProperty() { return cluster; }
    public StringProperty namespaceProperty() { return namespace; }
    public StringProperty secretNameProperty() { return secretName; }
    public StringProperty issuerNameProperty() { return issuerName; }
    public StringProperty folderProperty() { return folder; }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty messageProperty() { return message; }
    public StringProperty errorProperty() { return error; }
    public StringProperty resultFolderProperty() { return resultFolder; }
    public ObservableList<ExportedFile> files() { return files; }
    public ObservableList<String> warnings() { return warnings; }
}
