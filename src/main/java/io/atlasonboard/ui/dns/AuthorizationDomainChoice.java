package io.atlasonboard.ui.dns;

import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The authorization domain (ADN) of the selected claim (issue 9): GlobalSign's usable ADNs for it, the choice stored
 * with the claim so verification (also after a restart) names it, and the TXT record shown and checked there.
 * UI thread only.
 */
public final class AuthorizationDomainChoice {
    private final DnsValidationViewModel vm;
    private final ClaimOps claims;
    private final UiJobs jobs;
    private final ObservableList<String> adnChoices = FXCollections.observableArrayList();
    private final StringProperty adnChoice = new SimpleStringProperty();
    private final StringProperty adnMessage = new SimpleStringProperty("");
    private boolean showingAdns;

    AuthorizationDomainChoice(DnsValidationViewModel vm, ClaimOps claims, UiJobs jobs) {
        this.vm = vm;
        this.claims = claims;
        this.jobs = jobs;
        adnChoice.addListener((o, a, n) -> choose(n));
    }

    /** Lists the ADNs GlobalSign accepts for the selected claim (background), the stored choice preselected. */
    void load(ClaimRow row) {
        showingAdns = true;
        adnChoices.clear();
        adnChoice.set(null);
        showingAdns = false;
        adnMessage.set("");
        if (row == null) {
            return;
        }
        if ("VERIFIED".equalsIgnoreCase(row.record().status())) {
            showingAdns = true; // proven: the name it was proven at, nothing to choose
            adnChoices.setAll(row.recordName());
            adnChoice.set(row.recordName());
            showingAdns = false;
            return;
        }
        String claimId = row.record().claimId();
        jobs.run(I18n.t("ui.dns.job.adns"), p -> claims.authorizationDomains(vm.providerId(), claimId))
                .onSuccess(list -> {
            if (row != vm.selectedProperty().get()) {
                return;
            }
            showingAdns = true;
            adnChoices.setAll(list);
            adnChoice.set(list.contains(row.recordName()) ? row.recordName() : list.isEmpty() ? null : list.get(0));
            showingAdns = false;
        }).onFailure(e -> adnMessage.set(I18n.t("ui.dns.adn.failed", DnsValidationViewModel.failure(e))));
    }

    /** Stores the chosen ADN with the claim (checked against GlobalSign's list); the record moves there. */
    private void choose(String adn) {
        ClaimRow row = vm.selectedProperty().get();
        if (showingAdns || adn == null || row == null || adn.equals(row.recordName())) {
            return;
        }
        String claimId = row.record().claimId();
        jobs.run(I18n.t("ui.dns.job.adnChoose"), p -> {
            String stored = claims.chooseAuthorizationDomain(vm.providerId(), claimId, adn);
            return stored == null ? "" : stored;
        }).onSuccess(stored -> {
            row.authorizationDomainProperty().set(stored);
            row.seenProperty().set("");
            adnMessage.set(stored.isEmpty() ? I18n.t("ui.dns.adn.own", row.record().domain())
                    : I18n.t("ui.dns.adn.chosen", stored, row.record().domain()));
            if (row == vm.selectedProperty().get()) {
                vm.present(row);
            }
        }).onFailure(e -> adnMessage.set(I18n.t("ui.dns.adn.failed", DnsValidationViewModel.failure(e))));
    }

    /** The ADNs GlobalSign accepts for the selected claim (the claimed name first). */
    public ObservableList<String> choices() { return adnChoices; }
    /** The chosen authorization domain of the selected claim (setting it stores the choice). */
    public StringProperty choiceProperty() { return adnChoice; }
    public StringProperty messageProperty() { return adnMessage; }
}
