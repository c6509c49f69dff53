package io.atlasonboard.ui.providers;

import io.atlasonboard.ui.common.I18n;

import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.common.FileOpener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.atlasonboard.core.atlas.AtlasConnectionConfig;
import io.atlasonboard.core.providers.Presets;
import io.atlasonboard.core.store.DuplicateNameException;
import io.atlasonboard.core.store.IntendedUse;
import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.core.store.ProviderSecrets;
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
 * Step 5 (and "Edit" in the providers window): the GlobalSign certificate provider form. Inline validation (https URL,
 * port range, unique name, keystore present); saving stores the record with its secrets encrypted by the store and
 * then hands the saved record to {@link #setOnSaved} (the step runs the connection test there).
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
    private Long editingId;
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
        apiUrl.addListener((o, a, b) -> validateUrl());
        apiKey.addListener((o, a, b) -> apiKeyError.set(""));
        proxyHost.addListener((o, a, b) -> validateProxy());
        proxyPort.addListener((o, a, b) -> validateProxy());
        proxyUser.addListener((o, a, b) -> validateProxy());
        trustPem.addListener((o, a, b) -> validateTrust());
        loadNames();
    }

    /** Reads the names of the other providers (for the unique-name check) in the background. */
    public void loadNames() {
        Long self = editingId;
        jobs.run(I18n.t("ui.providers.form.namesJob"), p -> store.providers().list().stream()
                .filter(r -> self == null || !r.id().equals(self)).map(ProviderRecord::name).toList(),
                null, names -> {
                    otherNames.clear();
                    otherNames.addAll(names);
                    validateName();
                }, e -> formError.set(I18n.t("ui.providers.list.readFailed", I18n.text(UiJobs.unwrap(e)))));
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
            useKeystore(keystoreBytes, fileName == null ? I18n.t("ui.providers.form.step4Keystore") : fileName);
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

    public void useKeystore(byte[] bytes, String fileName) {
        keystore.set(bytes.clone());
        keystoreFileName.set(fileName);
        keystoreDescription.set(I18n.t("ui.providers.form.keystoreFile", fileName, String.valueOf(bytes.length)));
        keystoreError.set("");
    }

    /** Lets the user open an existing .p12/.pfx; the file is read in the background. */
    public void openKeystore() {
        Optional<Path> p = files.open(I18n.t("ui.providers.form.openKeystoreTitle"), List.of("*.p12", "*.pfx"));
        p.ifPresent(path -> jobs.run(I18n.t("ui.providers.form.readKeystoreJob"), s -> Files.readAllBytes(path), null,
                bytes -> useKeystore(bytes, path.getFileName().toString()),
                e -> keystoreError.set(I18n.t("ui.providers.form.cannotRead", path, I18n.text(UiJobs.unwrap(e))))));
    }

    /** Lets the user open a PEM file with extra trusted server CA certificates. */
    public void openTrustPem() {
        files.open(I18n.t("ui.providers.form.openTrustTitle"), List.of("*.pem", "*.crt", "*.cer")).ifPresent(path ->
                jobs.run(I18n.t("ui.providers.form.readPemJob"), s -> Files.readString(path), null, trustPem::set,
                        e -> trustError.set(I18n.t("ui.providers.form.cannotRead", path, I18n.text(UiJobs.unwrap(e))))));
    }

    /** Loads a stored provider for editing (secrets are not shown; empty secret fields keep the stored ones). */
    public void edit(ProviderRecord r) {
        editingId = r.id();
        name.set(r.name());
        apiUrl.set(r.apiUrl());
        intendedUse.set(r.intendedUse());
        apiKey.set(r.apiKey());
        apiSecret.set("");
        keystorePassword.set("");
        proxyPassword.set("");
        byte[] ks = r.keystore();
        if (ks != null) {
            useKeystore(ks, r.keystoreFileName() == null ? I18n.t("ui.providers.form.storedKeystore") : r.keystoreFileName());
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
        return editingId != null;
    }

    // ---------------------------------------------------------------- validation

    private boolean validateName() {
        String n = name.get() == null ? "" : name.get().strip();
        if (n.isEmpty()) {
            nameError.set(I18n.t("ui.providers.form.error.nameEmpty"));
        } else if (n.length() > 200) {
            nameError.set(I18n.t("ui.providers.form.error.nameLong"));
        } else if (otherNames.stream().anyMatch(o -> o.equalsIgnoreCase(n))) {
            nameError.set(I18n.t("ui.providers.form.error.nameTaken", n));
        } else {
            nameError.set("");
        }
        return nameError.get().isEmpty();
    }

    private boolean validateUrl() {
        try {
            AtlasConnectionConfig.normaliseApiUrl(apiUrl.get());
            urlError.set("");
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            urlError.set(Character.toUpperCase(m.charAt(0)) + m.substring(1) + ".");
        }
        return urlError.get().isEmpty();
    }

    private boolean validateProxy() {
        String host = proxyHost.get() == null ? "" : proxyHost.get().strip();
        String port = proxyPort.get() == null ? "" : proxyPort.get().strip();
        String user = proxyUser.get() == null ? "" : proxyUser.get().strip();
        String err = "";
        if (!port.isEmpty()) {
            try {
                int p = Integer.parseInt(port);
                if (p < 1 || p > 65535) {
                    err = I18n.t("ui.providers.form.error.portRange");
                }
            } catch (NumberFormatException e) {
                err = I18n.t("ui.providers.form.error.portNumber");
            }
        }
        if (err.isEmpty() && host.isEmpty() && (!port.isEmpty() || !user.isEmpty())) {
            err = I18n.t("ui.providers.form.error.proxyHostMissing");
        }
        if (err.isEmpty() && !host.isEmpty() && port.isEmpty()) {
            err = I18n.t("ui.providers.form.error.proxyPortMissing");
        }
        if (err.isEmpty() && host.contains(":")) {
            err = I18n.t("ui.providers.form.error.proxyHostWithPort");
        }
        proxyError.set(err);
        return err.isEmpty();
    }

    private boolean validateTrust() {
        try {
            ProviderConnector.parseTrustPem(trustPem.get());
            trustError.set("");
        } catch (IllegalArgumentException e) {
            trustError.set(e.getMessage());
        }
        return trustError.get().isEmpty();
    }

    /** Runs every check; true when the form can be saved. */
    public boolean validate() {
        boolean ok = validateName() & validateUrl() & validateProxy() & validateTrust();
        if (apiKey.get() == null || apiKey.get().isBlank()) {
            apiKeyError.set(I18n.t("ui.providers.form.error.apiKey"));
            ok = false;
        }
        if (!keepStoredSecrets.get() && (apiSecret.get() == null || apiSecret.get().isEmpty())) {
            apiKeyError.set(I18n.t("ui.providers.form.error.apiSecret"));
            ok = false;
        }
        if (keystore.get() == null) {
            keystoreError.set(I18n.t("ui.providers.form.error.keystore"));
            ok = false;
        }
        return ok;
    }

    // ---------------------------------------------------------------- save

    /** Validates and saves in the background; on success calls the on-saved action with the stored record. */
    public void save() {
        formError.set("");
        if (!validate() || busy.get()) {
            return;
        }
        ProviderRecord.Builder b = ProviderRecord.builder()
                .id(editingId)
                .name(name.get().strip())
                .apiUrl(AtlasConnectionConfig.normaliseApiUrl(apiUrl.get()).toString())
                .intendedUse(intendedUse.get())
                .apiKey(apiKey.get().strip())
                .keystore(keystore.get())
                .keystoreFileName(keystoreFileName.get())
                .extraTrustPem(trustPem.get() == null || trustPem.get().isBlank() ? null : trustPem.get().strip())
                .proxyHost(blankToNull(proxyHost.get()))
                .proxyPort(blankToNull(proxyPort.get()) == null ? null : Integer.valueOf(proxyPort.get().strip()))
                .proxyUser(blankToNull(proxyUser.get()))
                .sandbox(sandbox.get());
        ProviderRecord record = b.build();
        boolean secretsChanged = !keepStoredSecrets.get() || !apiSecret.get().isEmpty()
                || !keystorePassword.get().isEmpty() || !proxyPassword.get().isEmpty();
        char[] secret = apiSecret.get().toCharArray();
        char[] ksPw = keystorePassword.get().toCharArray();
        char[] pxPw = proxyPassword.get().isEmpty() ? null : proxyPassword.get().toCharArray();
        Long id = editingId;
        busy.set(true);
        jobs.run(I18n.t("ui.providers.form.saveJob"), p -> {
            try {
                ProviderSecrets secrets = null;
                if (secretsChanged) {
                    char[] s = secret;
                    char[] k = ksPw;
                    char[] x = pxPw;
                    if (id != null && keepStoredSecrets.get()) {
                        // keep what the user left empty
                        try (ProviderSecrets old = store.providers().secrets(id)) {
                            if (s.length == 0) { s = SecretChars.copy(old.apiSecret()); }
                            if (k.length == 0) { k = SecretChars.copy(old.keystorePassword()); }
                            if (x == null) { x = SecretChars.copy(old.proxyPassword()); }
                        }
                    }
                    secrets = ProviderSecrets.of(s, k, x);
                }
                try {
                    ProviderRecord stored = id == null ? store.providers().save(record, secrets)
                            : store.providers().update(record, secrets);
                    onStored.accept(stored.id());
                    return stored;
                } finally {
                    if (secrets != null) {
                        secrets.close();
                    }
                }
            } finally {
                SecretChars.wipe(secret);
                SecretChars.wipe(ksPw);
                SecretChars.wipe(pxPw);
            }
        }, null, saved -> {
            busy.set(false);
            editingId = saved.id();
            keepStoredSecrets.set(true);
            apiSecret.set("");
            keystorePassword.set("");
            proxyPassword.set("");
            onSaved.accept(saved);
        }, e -> {
            busy.set(false);
            if (e instanceof DuplicateNameException) {
                nameError.set(I18n.t("ui.providers.form.error.nameTaken", record.name()));
            } else {
                formError.set(I18n.t("ui.providers.form.notSaved", I18n.text(UiJobs.unwrap(e))));
            }
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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

    public static IntendedUse parseUse(String label) {
        for (IntendedUse u : IntendedUse.values()) {
            if (u.label().equalsIgnoreCase(label) || u.name().equalsIgnoreCase(label) || useLabel(u).equalsIgnoreCase(label)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown use " + label.toUpperCase(Locale.ROOT));  // not user-visible
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
