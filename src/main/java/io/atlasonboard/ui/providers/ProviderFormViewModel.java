package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.SafeFiles;

import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.FileOpener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.providers.Presets;
import io.atlasonboard.core.providers.ProviderInput;
import io.atlasonboard.core.providers.ProviderInputException;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.SecretChars;
import io.atlasonboard.core.store.Store;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Step 5 (and "Edit" in the providers window): the GlobalSign certificate provider form. Validation and saving are
 * core's {@link ProviderInput} (the same model as {@code provider add}): each field's problem shows inline in the
 * user's language; saving stores the record with its secrets encrypted by the store (secrets left empty while editing
 * keep the stored ones) and then hands the saved record to {@link #setOnSaved} (the step runs the connection test).
 */
public final class ProviderFormViewModel {
    private final Store store;
    private final UiJobs jobs;
    private final FileOpener files;

    private final StringProperty name = new SimpleStringProperty(I18n.t("ui.providers.form.defaultName"));
    private final StringProperty apiUrl = new SimpleStringProperty(ProviderRecord.DEFAULT_API_URL);
    private final ObjectProperty<IntendedUse> intendedUse = new SimpleObjectProperty<>(IntendedUse.TLS);
    private final StringProperty apiKey = new SimpleStringProperty("");
    private final StringProperty apiSecret = new SimpleStringProperty("");
    private final ObjectProperty<byte[]> keystore = new SimpleObjectProperty<>();
    private final StringProperty keystoreFileName = new SimpleStringProperty("");
    private final StringProperty keystoreDescription = new SimpleStringProperty(I18n.t("ui.providers.form.noKeystore"));
    private final StringProperty keystorePassword = new SimpleStringProperty("");
    private final StringProperty trustPem = new SimpleStringProperty("");
    private final StringProperty proxyHost = new SimpleStringProperty("");
    private final StringProperty proxyPort = new SimpleStringProperty("");
    private final StringProperty proxyUser = new SimpleStringProperty("");
    private final StringProperty proxyPassword = new SimpleStringProperty("");
    private final BooleanProperty sandbox = new SimpleBooleanProperty(false);

    private final StringProperty nameError = new SimpleStringProperty("");
    private final StringProperty urlError = new SimpleStringProperty("");
    private final StringProperty apiKeyError = new SimpleStringProperty("");
    private final StringProperty keystoreError = new SimpleStringProperty("");
    private final StringProperty trustError = new SimpleStringProperty("");
    private final StringProperty proxyError = new SimpleStringProperty("");
    private final StringProperty formError = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    /** True while editing a stored provider whose secrets were not changed (empty secret fields keep them). */
    private final BooleanProperty keepStoredSecrets = new SimpleBooleanProperty(false);

    private final Presets presets;
    private final BooleanBinding apiUrlFromPresets;
    private final BooleanBinding apiUrlLocked;
    private final StringExpression apiUrlPresetNote;
    private final StringExpression proxyPresetNote;

    private final List<String> otherNames = new ArrayList<>();
    /** The stored provider being edited, or null for a new one. */
    private ProviderRecord editing;
    private Consumer<ProviderRecord> onSaved = r -> { };
    private java.util.function.LongConsumer onStored = id -> { };

    public ProviderFormViewModel(Store store, UiJobs jobs, FileOpener files) {
        this(store, jobs, files, Presets.system());
    }

    /** With the administrator's presets as the defaults of a new provider (see {@link Presets}). */
    public ProviderFormViewModel(Store store, UiJobs jobs, FileOpener files, Presets presets) {
        this.store = Objects.requireNonNull(store);
        this.jobs = Objects.requireNonNull(jobs);
        this.files = Objects.requireNonNull(files);
        this.presets = Objects.requireNonNull(presets);
        apiUrl.set(presets.apiUrlOrDefault());
        presets.intendedUse().ifPresent(intendedUse::set);
        presets.proxyHost().ifPresent(proxyHost::set);
        presets.proxyPort().ifPresent(p -> proxyPort.set(String.valueOf(p)));
        String from = presets.source().map(f -> I18n.t(presets.apiUrlLocked() ? "ui.providers.form.presetLocked"
                : "ui.providers.form.preset", f)).orElse("");
        String fromProxy = presets.source().map(f -> I18n.t("ui.providers.form.preset", f)).orElse("");
        apiUrlFromPresets = Bindings.createBooleanBinding(() -> presets.apiUrl().isPresent()
                && presets.apiUrl().get().equals(apiUrl.get()), apiUrl);
        apiUrlLocked = apiUrlFromPresets.and(new SimpleBooleanProperty(presets.apiUrlLocked()));
        apiUrlPresetNote = Bindings.when(apiUrlFromPresets).then(from).otherwise("");
        proxyPresetNote = Bindings.when(Bindings.createBooleanBinding(() -> presets.proxyHost().isPresent()
                && presets.proxyHost().get().equals(proxyHost.get())
                && String.valueOf(presets.proxyPort().orElse(0)).equals(proxyPort.get()), proxyHost, proxyPort))
                .then(fromProxy).otherwise("");
        name.addListener((o, a, b) -> validateName());
        apiUrl.addListener((o, a, b) -> urlError.set(text(ProviderInput.checkApiUrl(b))));
        apiKey.addListener((o, a, b) -> apiKeyError.set(""));
        javafx.beans.InvalidationListener proxy = o -> proxyError.set(text(ProviderInput.checkProxy(proxyHost.get(),
                proxyPort.get(), proxyUser.get())));
        proxyHost.addListener(proxy);
        proxyPort.addListener(proxy);
        proxyUser.addListener(proxy);
        trustPem.addListener((o, a, b) -> trustError.set(text(ProviderInput.checkTrustPem(b))));
        loadNames();
    }

    /** Reads the names of the other providers (for the unique-name check) in the background. */
    public void loadNames() {
        Long self = editing == null ? null : editing.id();
        jobs.run(I18n.t("ui.providers.form.namesJob"), p -> store.providers().list().stream()
                .filter(r -> self == null || !r.id().equals(self)).map(ProviderRecord::name).toList())
                .onSuccess(names -> {
                    otherNames.clear();
                    otherNames.addAll(names);
                    validateName();
                }).onFailure(e -> formError.set(I18n.t("ui.providers.list.readFailed", I18n.text(UiJobs.unwrap(e)))));
    }

    /** Pre-fills from the wizard: credentials of step 1 and the keystore of step 4. Arrays are copied. */
    public void prefill(String key, char[] secret, byte[] keystoreBytes, String fileName, char[] ksPassword) {
        if (key != null) {
            apiKey.set(key);
        }
        if (secret != null) {
            apiSecret.set(new String(secret));
        }
        if (keystoreBytes != null) {
            keystore(keystoreBytes, fileName, fileName == null ? I18n.t("ui.providers.form.step4Keystore") : fileName);
        }
        if (ksPassword != null) {
            keystorePassword.set(new String(ksPassword));
        }
    }

    /** Fills the form for the sandbox: its URL and server CA, labelled SANDBOX. */
    public void prefillSandbox(String baseUrl, String serverCaPem, String providerName) {
        sandbox.set(true);
        apiUrl.set(baseUrl);
        trustPem.set(serverCaPem);
        name.set(providerName);
    }

    /** The keystore to store, read from {@code fileName} (shown and stored as its file name). */
    public void useKeystore(byte[] bytes, String fileName) {
        keystore(bytes, fileName, fileName);
    }

    private void keystore(byte[] bytes, String fileName, String shown) {
        keystore.set(bytes.clone());
        keystoreFileName.set(fileName);
        keystoreDescription.set(I18n.t("ui.providers.form.keystoreFile", shown, String.valueOf(bytes.length)));
        keystoreError.set("");
    }

    /** A keystore or a PEM bundle of CA certificates is kilobytes; anything near these is not one. */
    private static final long KEYSTORE_MAX_BYTES = 4L * 1024 * 1024;
    private static final long PEM_MAX_BYTES = 4L * 1024 * 1024;

    /** Lets the user open an existing .p12/.pfx; the file is read in the background. */
    public void openKeystore() {
        Optional<Path> p = files.open(I18n.t("ui.providers.form.openKeystoreTitle"), List.of("*.p12", "*.pfx"));
        p.ifPresent(path -> jobs.run(I18n.t("ui.providers.form.readKeystoreJob"), s -> SafeFiles.read(path, KEYSTORE_MAX_BYTES))
                .onSuccess(bytes -> useKeystore(bytes, path.getFileName().toString()))
                .onFailure(e -> keystoreError.set(I18n.t("ui.providers.form.cannotRead", path, I18n.text(UiJobs.unwrap(e))))));
    }

    /** Lets the user open a PEM file with extra trusted server CA certificates. */
    public void openTrustPem() {
        files.open(I18n.t("ui.providers.form.openTrustTitle"), List.of("*.pem", "*.crt", "*.cer")).ifPresent(path ->
                jobs.run(I18n.t("ui.providers.form.readPemJob"), s -> new String(SafeFiles.read(path, PEM_MAX_BYTES),
                        java.nio.charset.StandardCharsets.UTF_8)).onSuccess(trustPem::set)
                        .onFailure(e -> trustError.set(I18n.t("ui.providers.form.cannotRead", path, I18n.text(UiJobs.unwrap(e))))));
    }

    /** Loads a stored provider for editing (secrets are not shown; empty secret fields keep the stored ones). */
    public void edit(ProviderRecord r) {
        editing = r;
        name.set(r.name());
        apiUrl.set(r.apiUrl());
        intendedUse.set(r.intendedUse());
        apiKey.set(r.apiKey());
        apiSecret.set("");
        keystorePassword.set("");
        proxyPassword.set("");
        byte[] ks = r.keystore();
        if (ks != null) {
            keystore(ks, r.keystoreFileName(), r.keystoreFileName() == null
                    ? I18n.t("ui.providers.form.storedKeystore") : r.keystoreFileName());
        }
        trustPem.set(r.extraTrustPem() == null ? "" : r.extraTrustPem());
        proxyHost.set(r.proxyHost() == null ? "" : r.proxyHost());
        proxyPort.set(r.proxyPort() == null ? "" : String.valueOf(r.proxyPort()));
        proxyUser.set(r.proxyUser() == null ? "" : r.proxyUser());
        sandbox.set(r.sandbox());
        keepStoredSecrets.set(true);
        loadNames();
    }

    public boolean isEditing() {
        return editing != null;
    }

    // ---------------------------------------------------------------- validation: core's ProviderInput

    /** The form as a {@link ProviderInput}: plain values copied on the UI thread (the caller closes it). */
    ProviderInput input() {
        ProviderInput in = editing == null ? new ProviderInput() : ProviderInput.edit(editing);
        in.name(name.get()).apiUrl(apiUrl.get()).intendedUse(intendedUse.get()).apiKey(apiKey.get())
                .trustPem(trustPem.get()).proxy(proxyHost.get(), proxyPort.get(), proxyUser.get())
                .sandbox(sandbox.get());
        if (keystore.get() != null) {
            in.keystore(keystore.get(), keystoreFileName.get());
        }
        copySecret(apiSecret, in::apiSecret);
        copySecret(keystorePassword, in::keystorePassword);
        copySecret(proxyPassword, in::proxyPassword);
        return in;
    }

    private static void copySecret(StringProperty field, Consumer<char[]> to) {
        char[] c = field.get() == null ? new char[0] : field.get().toCharArray();
        try {
            to.accept(c); // ProviderInput keeps its own copy; empty = not given (keeps the stored one)
        } finally {
            SecretChars.wipe(c);
        }
    }

    private static String text(Optional<Msg> problem) {
        return problem.map(I18n::text).orElse("");
    }

    private void validateName() {
        nameError.set(text(ProviderInput.checkName(name.get(), otherNames)));
    }

    /** Shows each field's problem next to it (and clears the others); true when there is none. */
    private boolean show(Map<ProviderInput.Field, Msg> problems) {
        java.util.function.Function<ProviderInput.Field, String> t = f -> text(Optional.ofNullable(problems.get(f)));
        nameError.set(t.apply(ProviderInput.Field.NAME));
        urlError.set(t.apply(ProviderInput.Field.API_URL));
        String key = t.apply(ProviderInput.Field.API_KEY);
        apiKeyError.set(key.isEmpty() ? t.apply(ProviderInput.Field.API_SECRET) : key);
        keystoreError.set(t.apply(ProviderInput.Field.KEYSTORE));
        trustError.set(t.apply(ProviderInput.Field.TRUST_PEM));
        proxyError.set(t.apply(ProviderInput.Field.PROXY));
        formError.set(t.apply(ProviderInput.Field.INTENDED_USE));
        return problems.isEmpty();
    }

    /** Runs every check; true when the form can be saved. */
    public boolean validate() {
        try (ProviderInput in = input()) {
            return show(in.problems(otherNames));
        }
    }

    // ---------------------------------------------------------------- save

    /**
     * Validates and saves in the background; on success calls the on-saved action with the stored record. The job
     * gets a {@link ProviderInput} copied here on the UI thread (it reads no property) and wipes it when done.
     */
    public void save() {
        formError.set("");
        if (busy.get()) {
            return;
        }
        ProviderInput in = input();
        if (!show(in.problems(otherNames))) {
            in.close();
            return;
        }
        java.util.function.LongConsumer stored = onStored;
        busy.set(true);
        jobs.run(I18n.t("ui.providers.form.saveJob"), p -> {
            try (in) {
                ProviderRecord saved = in.save(store.providers()); // keeps the stored secrets left empty
                stored.accept(saved.id());
                return saved;
            }
        }).onSuccess(saved -> {
            busy.set(false);
            editing = saved;
            keepStoredSecrets.set(true);
            apiSecret.set("");
            keystorePassword.set("");
            proxyPassword.set("");
            onSaved.accept(saved);
        }).onFailure(e -> {
            busy.set(false);
            in.close(); // when the job never ran
            if (UiJobs.unwrap(e) instanceof ProviderInputException problems) {
                show(problems.problems());
            } else {
                formError.set(I18n.t("ui.providers.form.notSaved", I18n.text(UiJobs.unwrap(e))));
            }
        });
    }

    /** Runs on the background job right after the provider is stored (e.g. to drop cached API clients). */
    public void setOnStored(java.util.function.LongConsumer action) {
        this.onStored = action == null ? id -> { } : action;
    }

    public void setOnSaved(Consumer<ProviderRecord> action) {
        this.onSaved = action == null ? r -> { } : action;
    }

    public String typeLabel() {
        return ProviderRecord.TYPE_GLOBALSIGN;
    }

    public static String useLabel(IntendedUse u) {
        return u == null ? "" : I18n.t("ui.providers.use." + u.name());
    }

    /** The intended use from its label in the user's language, else as core reads it ("SSL/TLS", "SMIME"). */
    public static IntendedUse parseUse(String label) {
        for (IntendedUse u : IntendedUse.values()) {
            if (useLabel(u).equalsIgnoreCase(label == null ? "" : label.strip())) {
                return u;
            }
        }
        return ProviderInput.parseUse(label);
    }

    public StringProperty nameProperty() { return name; }
    public StringProperty apiUrlProperty() { return apiUrl; }
    public ObjectProperty<IntendedUse> intendedUseProperty() { return intendedUse; }
    public StringProperty apiKeyProperty() { return apiKey; }
    public StringProperty apiSecretProperty() { return apiSecret; }
    public ObjectProperty<byte[]> keystoreProperty() { return keystore; }
    public StringProperty keystoreDescriptionProperty() { return keystoreDescription; }
    public StringProperty keystorePasswordProperty() { return keystorePassword; }
    public StringProperty trustPemProperty() { return trustPem; }
    public StringProperty proxyHostProperty() { return proxyHost; }
    public StringProperty proxyPortProperty() { return proxyPort; }
    public StringProperty proxyUserProperty() { return proxyUser; }
    public StringProperty proxyPasswordProperty() { return proxyPassword; }
    public BooleanProperty sandboxProperty() { return sandbox; }
    public StringProperty nameErrorProperty() { return nameError; }
    public StringProperty urlErrorProperty() { return urlError; }
    public StringProperty apiKeyErrorProperty() { return apiKeyError; }
    public StringProperty keystoreErrorProperty() { return keystoreError; }
    public StringProperty trustErrorProperty() { return trustError; }
    public StringProperty proxyErrorProperty() { return proxyError; }
    public StringProperty formErrorProperty() { return formError; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty keepStoredSecretsProperty() { return keepStoredSecrets; }
    /** True while the API URL is the administrator's locked preset (the field is read-only then). */
    public BooleanBinding apiUrlLockedProperty() { return apiUrlLocked; }
    /** "From your administrator's presets (file)" while the URL / proxy shown is the preset; else empty. */
    public StringExpression apiUrlPresetNoteProperty() { return apiUrlPresetNote; }
    public StringExpression proxyPresetNoteProperty() { return proxyPresetNote; }
    /** Why the presets file was ignored (which line, what was expected); empty when fine or absent. */
    public String presetsProblem() { return presets.problem().orElse(""); }
}
