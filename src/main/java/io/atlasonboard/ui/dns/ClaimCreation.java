package io.atlasonboard.ui.dns;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.atlasonboard.core.pki.DomainNames;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.UiJobs;

/**
 * "Create claims" of the DNS view: the chosen and typed names parsed like the CSR step, a preflight first (a wildcard
 * from the CSR or typed is checked as a wildcard: CAA issuewild and the DNS-only note), and claims only when nothing
 * blocks. UI thread only.
 */
final class ClaimCreation {
    private final DnsValidationViewModel vm;
    private final ClaimOps claims;
    private final UiJobs jobs;
    /** The CSR's wildcard names: claimed through their base name, preflighted as wildcards. */
    private final Set<String> csrWildcards = new LinkedHashSet<>();

    ClaimCreation(DnsValidationViewModel vm, ClaimOps claims, UiJobs jobs) {
        this.vm = vm;
        this.claims = claims;
        this.jobs = jobs;
    }

    void offerWildcards(List<String> wildcards) {
        csrWildcards.clear();
        csrWildcards.addAll(wildcards);
    }

    /** Parses the typed names (comma, space or newline separated); sets {@link #domainErrorProperty()}. */
    List<String> parseDomains(String text) {
        List<String> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                String d = DomainNames.normalize(part);
                if (d.startsWith("*.")) {
                    d = d.substring(2); // a claim is for the name itself; it covers the wildcard
                }
                if (!out.contains(d)) {
                    out.add(d);
                }
            } catch (RuntimeException e) {
                problems.add(I18n.text(e));
            }
        }
        vm.domainErrorProperty().set(String.join("\n", problems));
        return problems.isEmpty() ? out : List.of();
    }

    /** The chosen offered names and the typed ones; null when the typed ones have a problem (then shown). */
    private Set<String> chosenAndTyped(List<String> offeredChosen) {
        Set<String> names = new LinkedHashSet<>();
        for (String o : offeredChosen) {
            names.addAll(parseDomains(o));
        }
        List<String> typed = parseDomains(vm.domainInputProperty().get());
        if (!vm.domainErrorProperty().get().isEmpty()) {
            return null;
        }
        names.addAll(typed);
        return names;
    }

    /** Creates claims for the typed names plus the given offered ones. */
    void createClaims(List<String> offeredChosen) {
        Set<String> names = chosenAndTyped(offeredChosen);
        if (names == null) {
            return;
        }
        boolean nothingChosen = offeredChosen.isEmpty() && names.isEmpty();
        vm.rows().forEach(r -> names.remove(r.domainProperty().get()));
        if (names.isEmpty()) {
            vm.domainErrorProperty().set(nothingChosen && !vm.offeredDomains().isEmpty()
                    ? I18n.t("ui.dns.error.chooseOffered")
                    : nothingChosen ? I18n.t("ui.dns.error.typeOne")
                    : I18n.t("ui.dns.error.allClaimed"));
            return;
        }
        List<String> todo = new ArrayList<>(names);
        vm.busyProperty().set(true);
        vm.preflight().run(preflightNames(todo), PreflightViewModel.Purpose.CREATE, () -> create(todo),
                () -> vm.busyProperty().set(false));
    }

    /** Runs the preflight alone for the chosen and typed names (no claim is created). */
    void preflightOnly(List<String> offeredChosen) {
        Set<String> names = chosenAndTyped(offeredChosen);
        if (names == null) {
            return;
        }
        if (names.isEmpty()) {
            vm.rows().forEach(r -> names.add(r.record().domain()));
        }
        if (names.isEmpty()) {
            vm.domainErrorProperty().set(I18n.t("ui.dns.error.typeOne"));
            return;
        }
        vm.preflight().run(preflightNames(names), PreflightViewModel.Purpose.CHECK, null);
    }

    private void create(List<String> todo) {
        vm.busyProperty().set(true);
        int[] done = {0};
        // the claims that came back, joined to the table together: the results queued on the UI thread by then
        // (many a frame in a batch of 200) become one table change, handled after them
        List<ClaimRow.Shown> arrived = new ArrayList<>();
        Runnable flush = () -> {
            vm.upsertShown(List.copyOf(arrived));
            arrived.clear();
            if (done[0] == todo.size()) {
                vm.busyProperty().set(false);
            }
        };
        for (String d : todo) {
            // the row's values (its log parsed, its dates formatted) are worked out by the job, off the FX thread
            jobs.run(I18n.t("ui.dns.job.claim", d), p -> vm.shown(List.of(claims.create(vm.providerId(), d))).get(0))
                    .onSuccess(r -> {
                        arrived.add(r);
                        if (++done[0] == todo.size()) {
                            vm.domainInputProperty().set("");
                            vm.messageProperty().set(I18n.t("ui.dns.claimed", todo.size()));
                        }
                        if (arrived.size() == 1) {
                            jobs.onUi(flush);
                        }
                    }).onFailure(e -> {
                        vm.domainErrorProperty().set(I18n.t("ui.dns.error.domain", d,
                                DnsValidationViewModel.failure(e)));
                        if (++done[0] == todo.size() && arrived.isEmpty()) {
                            vm.busyProperty().set(false);
                        }
                    });
        }
    }

    /**
     * The names to preflight: {@code names} plus each wildcard (from the CSR or typed) whose base is among them, so
     * its CAA {@code issuewild} verdict and the wildcard note are shown.
     */
    List<String> preflightNames(java.util.Collection<String> names) {
        List<String> out = new ArrayList<>(names);
        Set<String> wild = new LinkedHashSet<>(csrWildcards);
        for (String part : (vm.domainInputProperty().get() == null ? "" : vm.domainInputProperty().get()).split("[,;\\s]+")) {
            if (part.strip().startsWith("*.")) {
                try {
                    wild.add(DomainNames.normalize(part));
                } catch (RuntimeException e) {
                    // parseDomains reports it
                }
            }
        }
        for (String w : wild) {
            if (w.startsWith("*.") && names.contains(w.substring(2)) && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

}
