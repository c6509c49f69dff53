package io.atlasonboard.ui.wizard.steps;

import io.atlasonboard.core.pki.CertificateChecks;
import io.atlasonboard.core.pki.CertificateSummary;
import io.atlasonboard.core.pki.Finding;
import io.atlasonboard.core.pki.Keys;
import io.atlasonboard.core.pki.Pem;
import io.atlasonboard.core.pki.ParsedInput;
import io.atlasonboard.core.pki.PkiInputs;
import io.atlasonboard.ui.common.FxTask;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.SafeFiles;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.wizard.WizardState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Step 3: the mTLS certificate GlobalSign returned. Accepts PEM, DER or PKCS#7 (with or without chain), refuses a
 * certificate for another key (both SPKI fingerprints shown), and explains a CSR or private key pasted by mistake.
 */
public final class CertificateViewModel {
    private final WizardState state;
    private final UiJobs tasks;
    private final Clock clock;

    /** What the user pasted (never persisted unless it is an accepted certificate). */
    private final StringProperty pasted = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty explanation = new SimpleStringProperty("");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObjectProperty<CertificateSummary> summary = new SimpleObjectProperty<>();
    private final StringProperty chainInfo = new SimpleStringProperty("");
    /** Filled only on a key mismatch: the two SPKI SHA-256 fingerprints side by side. */
    private final StringProperty expectedSpki = new SimpleStringProperty("");
    private final StringProperty certificateSpki = new SimpleStringProperty("");
    private final BooleanProperty checking = new SimpleBooleanProperty(false);
    private final BooleanBinding complete;

    public CertificateViewModel(WizardState state, UiJobs tasks, Clock clock) {
        this.state = state;
        this.tasks = tasks;
        this.clock = clock;
        complete = Bindings.createBooleanBinding(() -> !state.certificatePemProperty().get().isBlank(),
                state.certificatePemProperty());
    }

    /** On entering the step: show what was accepted before (e.g. after a restart). */
    public void showAccepted() {
        if (state.hasCertificate() && summary.get() == null) {
            check(state.certificatePemProperty().get().getBytes(StandardCharsets.US_ASCII), false);
        }
    }

    public FxTask<Outcome> checkPasted() {
        return check(pasted.get().getBytes(StandardCharsets.UTF_8), true);
    }

    /** Reads and checks a certificate file (PEM, DER or PKCS#7) off the UI thread. */
    public FxTask<Outcome> open(Path file) {
        clear();
        checking.set(true);
        String csrPem = state.csrPemProperty().get();
        FxTask<Outcome> t = tasks.run(I18n.t("ui.certificate.task.read", file.getFileName()),
                p -> analyse(SafeFiles.read(file, 1024 * 1024), csrPem));
        t.whenDone((o, e) -> {
            checking.set(false);
            if (e != null) {
                error.set(I18n.t("ui.certificate.readFailed", file, I18n.text(FxTask.unwrap(e))));
            } else {
                apply(o, true);
            }
        });
        return t;
    }

    private void clear() {
        error.set("");
        explanation.set("");
        warnings.clear();
        summary.set(null);
        chainInfo.set("");
        expectedSpki.set("");
        certificateSpki.set("");
    }

    /** Parses and checks off the UI thread. */
    private FxTask<Outcome> check(byte[] input, boolean fromUser) {
        clear();
        checking.set(true);
        String csrPem = state.csrPemProperty().get();
        FxTask<Outcome> t = tasks.run(I18n.t("ui.certificate.task.check"), p -> {
            Outcome o = analyse(input, csrPem);
            if (o.summary() != null) {
                // a record's first equals links its generated method (~30 ms); the summary property compares old
                // and new with it on the FX thread, so that first link happens here instead (issue 12)
                o.summary().equals(o.summary());
            }
            return o;
        });
        t.whenDone((o, e) -> {
            checking.set(false);
            if (e != null) {
                error.set(I18n.text(FxTask.unwrap(e)));
                return;
            }
            apply(o, fromUser);
        });
        return t;
    }

    private Outcome analyse(byte[] input, String csrPem) throws Exception {
        ParsedInput in = PkiInputs.parse(input);
        switch (in.kind()) {
            case CSR:
                return Outcome.explain(I18n.t("ui.certificate.csrPasted", I18n.text(in.msg())), false);
            case PRIVATE_KEY:
                return Outcome.explain(I18n.t("ui.certificate.keyPasted", I18n.text(in.msg())), true);
            case CERTIFICATES:
                break;
            default:
                return Outcome.explain(I18n.text(in.msg()), false);
        }
        List<X509Certificate> certs = in.certificates();
        PublicKey expected = publicKeyOf(csrPem);
        X509Certificate leaf = pickLeaf(certs, expected);
        CertificateSummary s = CertificateSummary.of(leaf);
        List<Finding> findings = CertificateChecks.check(leaf, expected, clock.instant());
        List<X509Certificate> ordered = new ArrayList<>();
        ordered.add(leaf);
        for (X509Certificate c : certs) {
            if (c != leaf) {
                ordered.add(c);
            }
        }
        return new Outcome(s, findings, ordered.size() - 1, Pem.writeAll(ordered), "", false,
                expected == null ? "" : Keys.spkiSha256(expected), Keys.spkiSha256(leaf.getPublicKey()));
    }

    /** The certificate whose key matches ours, else the first non-CA certificate, else the first. */
    private static X509Certificate pickLeaf(List<X509Certificate> certs, PublicKey expected) {
        if (expected != null) {
            for (X509Certificate c : certs) {
                if (Keys.matches(expected, c.getPublicKey())) {
                    return c;
                }
            }
        }
        for (X509Certificate c : certs) {
            if (c.getBasicConstraints() < 0) {
                return c;
            }
        }
        return certs.get(0);
    }

    static PublicKey publicKeyOf(String csrPem) throws Exception {
        if (csrPem == null || csrPem.isBlank()) {
            return null;
        }
        for (Object o : Pem.readAll(csrPem)) {
            if (o instanceof PKCS10CertificationRequest r) {
                return new JcaPKCS10CertificationRequest(r).getPublicKey();
            }
        }
        return null;
    }

    private void apply(Outcome o, boolean fromUser) {
        if (o.summary() == null) {
            explanation.set(o.explanation());
            if (o.clearInput()) {
                pasted.set("");
            }
            return;
        }
        summary.set(o.summary());
        chainInfo.set(o.chainCount() == 0 ? I18n.t("ui.certificate.chain.none")
                : I18n.t("ui.certificate.chain.some", o.chainCount()));
        boolean refused = false;
        for (Finding f : o.findings()) {
            if (f.isError()) {
                refused = true;
                if (CertificateChecks.KEY_MISMATCH.equals(f.code())) {
                    expectedSpki.set(f.details().getOrDefault("expectedSpkiSha256", o.expectedSpki()));
                    certificateSpki.set(f.details().getOrDefault("certificateSpkiSha256", o.certificateSpki()));
                    error.set(I18n.t("ui.certificate.keyMismatch"));
                } else {
                    error.set(f.msg() != null ? I18n.text(f.msg()) : f.message());
                }
            } else if (f.severity() == Finding.Severity.WARN) {
                warnings.add(f.msg() != null ? I18n.text(f.msg()) : f.message());
            }
        }
        if (!refused && fromUser) {
            state.certificatePemProperty().set(o.pem());
            pasted.set("");
        }
    }

    public record Outcome(CertificateSummary summary, List<Finding> findings, int chainCount, String pem,
                          String explanation, boolean clearInput, String expectedSpki, String certificateSpki) {
        static Outcome explain(String text, boolean clearInput) {
            return new Outcome(null, List.of(), 0, "", text, clearInput, "", "");
        }
    }

    // ---- properties ----

    public StringProperty pastedProperty() {
        return pasted;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty explanationProperty() {
        return explanation;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public ObjectProperty<CertificateSummary> summaryProperty() {
        return summary;
    }

    public StringProperty chainInfoProperty() {
        return chainInfo;
    }

    public StringProperty expectedSpkiProperty() {
        return expectedSpki;
    }

    public StringProperty certificateSpkiProperty() {
        return certificateSpki;
    }

    public BooleanProperty checkingProperty() {
        return checking;
    }

    public BooleanBinding completeProperty() {
        return complete;
    }
}
