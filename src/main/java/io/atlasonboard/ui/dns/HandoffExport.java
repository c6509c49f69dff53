package io.atlasonboard.ui.dns;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.atlasonboard.ui.common.FileOpener;
import io.atlasonboard.ui.common.I18n;
import io.atlasonboard.ui.common.SafeFiles;
import io.atlasonboard.ui.common.UiJobs;

/**
 * "Save for the DNS team…" (issue 9): the hand-off sheet of the claims still to prove, as a printable HTML page where
 * the user chooses (the one file-dialog service) and as plain text beside it, written through the task bridge.
 */
public final class HandoffExport {
    private final DnsValidationViewModel vm;
    private final ClaimOps claims;
    private final UiJobs jobs;
    private FileOpener files;

    HandoffExport(DnsValidationViewModel vm, ClaimOps claims, UiJobs jobs) {
        this.vm = vm;
        this.claims = claims;
        this.jobs = jobs;
    }

    /** Where "Save for the DNS team…" asks for a place (the one file-dialog service); null hides the action. */
    void setFiles(FileOpener files) {
        this.files = files;
    }

    public boolean available() {
        return files != null;
    }

    /**
     * Asks where to save, then (background) builds the sheet for every claim not yet verified and writes the HTML page and, beside it, the plain text for a ticket.
     */
    public void save() {
        List<String> domains = vm.rows().stream().filter(r -> r.record().token() != null
                && !"VERIFIED".equalsIgnoreCase(r.record().status())).map(r -> r.record().domain()).toList();
        if (domains.isEmpty() || files == null) {
            vm.messageProperty().set(I18n.t("ui.dns.handoff.nothing"));
            return;
        }
        var chosen = files.save(I18n.t("ui.dns.handoff.dialog"), "dns-records.html", List.of("*.html")); // not user-visible
        if (chosen.isEmpty()) {
            return;
        }
        Path html = chosen.get();
        String base = html.getFileName().toString().replaceFirst("\\.html?$", "");
        Path text = html.resolveSibling(base + ".txt"); // not user-visible
        jobs.run(I18n.t("ui.dns.job.handoff"), p -> {
            var sheet = claims.handoff(vm.providerId(), domains);
            SafeFiles.write(html, sheet.html().getBytes(StandardCharsets.UTF_8), false);
            SafeFiles.write(text, sheet.text().getBytes(StandardCharsets.UTF_8), false);
            return sheet.entries().size();
        }).onSuccess(n -> vm.messageProperty().set(I18n.t("ui.dns.handoff.saved", n, html.toString(),
                text.getFileName().toString())))
                .onFailure(e -> vm.messageProperty().set(I18n.t("ui.dns.handoff.failed",
                        DnsValidationViewModel.failure(e))));
    }

}
