package io.atlasonboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasonboard.core.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot be read: the message names the file, the files stay byte-for-byte, nothing destructive. */
class UnlockUiTest {
    private static final String PASSPHRASE = "Harbor-Quartz-Meadow-58-blue";

    @TempDir
    Path tmp;

    private final UiTestSupport ui = new UiTestSupport();

    @AfterEach
    void tearDown() throws Exception {
        ui.close();
    }

    @Test
    void unreadableStoreIsReportedWithItsFileAndKeptUntouched() throws Exception {
        Path home = tmp.resolve("home");
        try (Store s = Store.create(home, PASSPHRASE.toCharArray())) {
            s.onboardings().create("kept", false);
        }
        Path db = home.resolve(Store.DB_FILE);
        byte[] garbage = new byte[(int) Files.size(db)];
        Arrays.fill(garbage, (byte) 0x5a);
        Files.write(db, garbage);
        byte[] vault = Files.readAllBytes(home.resolve(Store.VAULT_FILE));

        ui.launch(home);
        ui.waitFor("unlock mode", () -> ui.text("#unlockTitle").equals("Unlock Atlas Onboard"));
        ui.typeInto("#passphrase", PASSPHRASE);
        ui.robot.type(KeyCode.ENTER);
        ui.waitFor("unreadable message", () -> ui.shown("#unlockError"));
        String message = ui.text("#unlockError");
        assertThat(message).contains(db.toString()).contains("cannot be read").contains("untouched");
        assertThat(ui.disabled("#unlockButton")).as("nothing more to do on this store").isTrue();
        assertThat(ui.disabled("#passphrase")).isTrue();
        ui.shot("07-unlock-unreadable-store");
        assertThat(Files.readAllBytes(db)).isEqualTo(garbage);
        assertThat(Files.readAllBytes(home.resolve(Store.VAULT_FILE))).isEqualTo(vault);
    }
}
