package io.atlasonboard.ui.start;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.store.Store;
import io.atlasonboard.core.tasks.TaskService;
import io.atlasonboard.ui.common.UiJobs;
import io.atlasonboard.ui.unlock.UnlockViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unlock/create and the start page's list, without a screen, on a real store. */
class StartViewModelTest {
    @Test
    void createUnlockListNewAndDelete(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        try (TaskService tasks = new TaskService(2)) {
            UiJobs fx = UiJobs.of(tasks, Runnable::run);
            AtomicReference<Store> opened = new AtomicReference<>();
            UnlockViewModel unlock = new UnlockViewModel(home, fx, opened::set);
            unlock.check().result().get(10, TimeUnit.SECONDS);
            assertThat(unlock.mode.get()).isEqualTo(UnlockViewModel.Mode.CREATE);
            assertThat(unlock.strengthText.get()).as("the policy is shown before typing").contains("12");
            unlock.passphrase.set("short");
            assertThat(unlock.strengthAcceptable.get()).isFalse();
            assertThat(unlock.canSubmit.get()).isFalse();
            unlock.passphrase.set("Velvet-Anchor-Prism-31-river");
            unlock.confirmation.set("Velvet-Anchor-Prism-31-rivers");
            assertThat(unlock.canSubmit.get()).as("confirmation differs").isFalse();
            unlock.confirmation.set("Velvet-Anchor-Prism-31-river");
            assertThat(unlock.canSubmit.get()).isTrue();
            unlock.submit().result().get(60, TimeUnit.SECONDS);
            Store store = opened.get();
            assertThat(store).isNotNull();
            assertThat(unlock.passphrase.get().isEmpty()).as("passphrase field cleared").isTrue();
            try (store) {
                List<Long> openedWizards = new ArrayList<>();
                StartViewModel start = new StartViewModel(store, fx, openedWizards::add);
                start.refresh().result().get(10, TimeUnit.SECONDS);
                assertThat(start.onboardings).isEmpty();
                start.newLabel.set("  First  ");
                start.createNew().result().get(10, TimeUnit.SECONDS);
                assertThat(openedWizards).hasSize(1);
                start.refresh().result().get(10, TimeUnit.SECONDS);
                assertThat(start.onboardings).hasSize(1);
                assertThat(start.onboardings.get(0).label()).isEqualTo("First");
                assertThat(StartViewModel.stepText(start.onboardings.get(0).step())).isEqualTo("Step 1: API credentials");
                start.delete(start.onboardings.get(0)).result().get(10, TimeUnit.SECONDS);
                start.refresh().result().get(10, TimeUnit.SECONDS);
                assertThat(start.onboardings).isEmpty();
            }

            // later start: wrong passphrase refused with a clear message, then the right one opens
            opened.set(null);
            UnlockViewModel again = new UnlockViewModel(home, fx, opened::set);
            again.check().result().get(10, TimeUnit.SECONDS);
            assertThat(again.mode.get()).isEqualTo(UnlockViewModel.Mode.UNLOCK);
            again.passphrase.set("Velvet-Anchor-Prism-31-lake");
            again.submit().result().handle((s, e) -> null).get(60, TimeUnit.SECONDS);
            assertThat(again.error.get()).contains("Wrong passphrase").contains("Nothing was changed");
            assertThat(opened.get()).isNull();
            again.passphrase.set("Velvet-Anchor-Prism-31-river");
            again.submit().result().get(60, TimeUnit.SECONDS);
            assertThat(opened.get()).isNotNull();
            opened.get().close();
        }
    }
}
