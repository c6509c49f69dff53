package io.atlasonboard.ui.wizard.steps;

import io.atlasonboard.core.store.ProviderRecord;
import io.atlasonboard.ui.dns.DnsValidationView;
import io.atlasonboard.ui.providers.ConnectionStatusView;
import io.atlasonboard.ui.providers.ProviderFormView;
import java.util.List;

/** The panes steps 5 to 7 show, built by the shell (its ProviderPanes) with their view models. */
public interface ProviderPages {
    /** An empty provider form (step 5); {@link ProviderSteps} fills it from steps 1-4. */
    ProviderFormView providerForm();

    /** The connection-status pane (step 6). */
    ConnectionStatusView connectionStatus();

    /** The DNS validation pane for a provider, offering {@code offered} domain names (step 7). */
    DnsValidationView dns(ProviderRecord provider, List<String> offered);
}
