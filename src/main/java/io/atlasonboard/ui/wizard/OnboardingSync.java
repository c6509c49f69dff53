package io.atlasonboard.ui.wizard;

import io.atlasonboard.core.onboarding.Onboarding;
import io.atlasonboard.core.pki.Pkcs12Profile;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.ui.common.I18n;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;

/**
 * Keeps a {@link WizardState} and its stored {@link Onboarding} in step. Loading reads every value (secrets decrypted)
 * on the task service; afterwards every change is queued on the UI thread and written shortly after (debounced) by a
 * background job, in order, so the UI thread never touches the database or the cipher.
 */
public final class OnboardingSync {
    /** How long changes are collected before they are written. */
    public static final long DEBOUNCE_MILLIS = 250;

    private final Onboarding onboarding;
    private final TaskService tasks;
    private final Executor ui;
    private final Object lock = new Object();
    /** Latest pending write per field (insertion order kept). Guarded by {@code lock}. */
    private final Map<String, Consumer<Onboarding>> pending = new LinkedHashMap<>();
    private boolean scheduled;
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private boolean attached;

    public OnboardingSync(Onboarding onboarding, TaskService tasks, Executor ui) {
        this.onboarding = onboarding;
        this.tasks = tasks;
        this.ui = ui;
    }

    public Onboarding onboarding() {
        return onboarding;
    }

    /** "Saving…", "All changes saved" or what went wrong; updated on the UI thread. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Everything the wizard shows, read in the background (secrets decrypted there). */
    public record Snapshot(String label, boolean sandbox, int step, String apiKey, String apiSecret, String commonName,
                           String country, String organization, List<String> domains, String csrPem,
                           String encryptedKeyPem, String keyPassword, boolean downloadsConfirmed,
                           String certificatePem, String keystorePassword, String friendlyName, String profile,
                           String keystorePath, byte[] keystore, Long providerId) {
        @Override
        public String toString() {
            return "Snapshot[" + label + ", step " + step + ", secrets hidden]"; // not user-visible
        }
    }

    /** Reads the onboarding; call on a worker thread. */
    public static Snapshot read(Onboarding o) {
        return new Snapshot(nz(o.getLabel()), o.isSandbox(), o.getStep(), nz(o.getApiKey()), str(o.getApiSecret()),
                nz(o.getCommonName()), o.getCountry() == null || o.getCountry().isBlank() ? "DE" : o.getCountry(),
                nz(o.getOrganization()), o.getDomains(), nz(o.getCsrPem()), nz(o.getEncryptedKeyPem()),
                str(o.getKeyPassword()), o.isDownloadsConfirmed(), nz(o.getCertificatePem()),
                str(o.getKeystorePassword()), nz(o.getFriendlyName()), nz(o.getP12Profile()), nz(o.getKeystorePath()),
                o.getKeystore(), o.getProviderId());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String str(char[] c) {
        if (c == null) {
            return "";
        }
        String s = new String(c);
        Arrays.fill(c, '\0');
        return s;
    }

    /** Fills the state (UI thread) and from then on writes every change back. */
    public void attach(WizardState s, Snapshot snap) {
        s.label.set(snap.label());
        s.sandbox.set(snap.sandbox());
        s.providerId.set(snap.providerId());
        int last = snap.providerId() == null ? 4 : WizardViewModel.AVAILABLE_STEPS - 1;
        s.step.set(Math.max(0, Math.min(last, snap.step() - 1)));
        s.apiKey.set(snap.apiKey());
        s.apiSecret.set(snap.apiSecret());
        s.commonName.set(snap.commonName());
        s.country.set(snap.country());
        s.organization.set(snap.organization());
        s.domains.setAll(snap.domains());
        s.csrPem.set(snap.csrPem());
        s.encryptedKeyPem.set(snap.encryptedKeyPem());
        s.keyPassword.set(snap.keyPassword());
        s.downloadsConfirmed.set(snap.downloadsConfirmed());
        s.certificatePem.set(snap.certificatePem());
        s.keystorePassword.set(snap.keystorePassword());
        s.friendlyName.set(snap.friendlyName());
        s.profile.set(profileOf(snap.profile()));
        s.keystorePath.set(snap.keystorePath());
        s.keystore.set(snap.keystore());
        if (attached) {
            return;
        }
        attached = true;
        watch(s.label, "label", v -> o -> o.setLabel(v));
        watch(s.step, "step", v -> o -> o.setStep(v.intValue() + 1));
        watch(s.apiKey, "apiKey", v -> o -> o.setApiKey(v));
        watch(s.apiSecret, "apiSecret", v -> o -> o.setApiSecret(v == null ? new char[0] : v.toCharArray()));
        watch(s.commonName, "commonName", v -> o -> o.setCommonName(v));
        watch(s.country, "country", v -> o -> o.setCountry(v));
        watch(s.organization, "organization", v -> o -> o.setOrganization(v));
        s.domains.addListener((ListChangeListener<String>) c -> {
            List<String> copy = List.copyOf(s.domains);
            queue("domains", o -> o.setDomains(copy));
        });
        watch(s.csrPem, "csrPem", v -> o -> o.setCsrPem(v));
        watch(s.encryptedKeyPem, "encryptedKeyPem", v -> o -> o.setEncryptedKeyPem(v));
        watch(s.keyPassword, "keyPassword", v -> o -> o.setKeyPassword(v == null ? new char[0] : v.toCharArray()));
        watch(s.downloadsConfirmed, "downloadsConfirmed", v -> o -> o.setDownloadsConfirmed(v));
        watch(s.certificatePem, "certificatePem", v -> o -> o.setCertificatePem(v));
        watch(s.keystorePassword, "keystorePassword",
                v -> o -> o.setKeystorePassword(v == null ? new char[0] : v.toCharArray()));
        watch(s.friendlyName, "friendlyName", v -> o -> o.setFriendlyName(v));
        watch(s.profile, "profile", v -> o -> o.setP12Profile(v == null ? null : v.name()));
        watch(s.keystorePath, "keystorePath", v -> o -> o.setKeystorePath(v));
        watch(s.keystore, "keystore", v -> o -> o.setKeystore(v));
        watch(s.providerId, "providerId", v -> o -> o.setProviderId(v));
    }

    static Pkcs12Profile profileOf(String name) {
        try {
            return name == null || name.isBlank() ? Pkcs12Profile.MODERN : Pkcs12Profile.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Pkcs12Profile.MODERN;
        }
    }

    private <T> void watch(ObservableValue<T> value, String field,
                           java.util.function.Function<T, Consumer<Onboarding>> write) {
        value.addListener((obs, a, b) -> queue(field, write.apply(b)));
    }

    private void queue(String field, Consumer<Onboarding> write) {
        boolean schedule;
        synchronized (lock) {
            pending.remove(field);
            pending.put(field, write);
            schedule = !scheduled;
            scheduled = true;
        }
        status.set(I18n.t("ui.wizard.sync.saving"));
        if (schedule) {
            Executor later = CompletableFuture.delayedExecutor(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
            later.execute(this::writePending);
        }
    }

    /** Submits the pending writes as one background job, chained after the previous one so order is kept. */
    private CompletableFuture<Void> writePending() {
        synchronized (lock) {
            scheduled = false;
            if (pending.isEmpty()) {
                return lastWrite;
            }
            List<Consumer<Onboarding>> batch = List.copyOf(pending.values());
            pending.clear();
            CompletableFuture<Void> previous = lastWrite;
            CompletableFuture<Void> next = previous.handle((v, e) -> null)
                    .thenCompose(x -> tasks.<Void>submit(I18n.t("ui.wizard.sync.task"), p -> {
                        for (Consumer<Onboarding> w : batch) {
                            w.accept(onboarding);
                        }
                        return null;
                    }).result());
            lastWrite = next;
            // the returned stage completes after the status was handed to the UI thread
            return next.whenComplete((v, e) -> ui.execute(() -> {
                boolean more;
                synchronized (lock) {
                    more = !pending.isEmpty() || lastWrite != next;
                }
                if (e != null) {
                    status.set(I18n.t("ui.wizard.sync.failed", I18n.text(io.atlasonboard.ui.common.FxTask.unwrap(e))));
                } else if (!more) {
                    status.set(I18n.t("ui.wizard.sync.saved"));
                }
            }));
        }
    }

    /** Marks the onboarding complete (Finish on the last step) and writes it with whatever else is pending. */
    public CompletableFuture<Void> markCompleted() {
        queue("completed", o -> o.setCompleted(true));
        return flush();
    }

    /** Writes what is pending now; the future completes when everything queued so far is stored. */
    public CompletableFuture<Void> flush() {
        return writePending();
    }
}
