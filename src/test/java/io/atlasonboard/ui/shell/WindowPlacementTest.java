package io.atlasonboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1366, 738); // 1366×768 minus a 30 px panel
    private static final Rectangle2D SMALL = new Rectangle2D(0, 0, 1024, 700);

    @TempDir
    Path home;

    @Test
    void firstStartIsCentredAtALargeShareOfTheScreen() {
        WindowPlacement.Place p = WindowPlacement.initial(new Rectangle2D(0, 0, 1920, 1040));
        assertThat(p.width()).isEqualTo(1632);
        assertThat(p.height()).isEqualTo(884);
        assertThat(p.x()).isEqualTo((1920 - 1632) / 2.0);
        assertThat(p.y()).isEqualTo((1040 - 884) / 2.0);
        WindowPlacement.Place laptop = WindowPlacement.initial(LAPTOP);
        assertThat(laptop.width()).isEqualTo(1161);
        assertThat(laptop.height()).as("never below the designed minimum").isEqualTo(700);
        assertThat(laptop.y()).isEqualTo(19);
    }

    @Test
    void minimumIsNoLargerThan1024x700OrTheScreen() {
        assertThat(WindowPlacement.minimum(LAPTOP)).containsExactly(1024, 700);
        assertThat(WindowPlacement.minimum(new Rectangle2D(0, 0, 1000, 650))).containsExactly(1000, 650);
        assertThat(WindowPlacement.initial(SMALL)).isEqualTo(new WindowPlacement.Place(0, 0, 1024, 700, false));
    }

    @Test
    void aSavedPlaceIsRestoredIncludingMaximized() throws Exception {
        WindowPlacement.save(home, new WindowPlacement.Place(40, 30, 1200, 720, true));
        Optional<WindowPlacement.Place> loaded = WindowPlacement.load(home);
        assertThat(loaded).contains(new WindowPlacement.Place(40, 30, 1200, 720, true));
        assertThat(Files.readString(home.resolve("ui.properties"))).contains("window.maximized=true");
        assertThat(WindowPlacement.choose(loaded, List.of(LAPTOP), LAPTOP))
                .isEqualTo(new WindowPlacement.Place(40, 18, 1200, 720, true));
    }

    @Test
    void aPlaceOnAScreenThatIsGoneFallsBackToTheCentre() {
        WindowPlacement.Place onSecondMonitor = new WindowPlacement.Place(2100, 100, 1200, 800, false);
        assertThat(WindowPlacement.choose(Optional.of(onSecondMonitor), List.of(LAPTOP), LAPTOP))
                .isEqualTo(WindowPlacement.initial(LAPTOP));
        Rectangle2D second = new Rectangle2D(1920, 0, 1920, 1080);
        assertThat(WindowPlacement.choose(Optional.of(onSecondMonitor), List.of(LAPTOP, second), LAPTOP))
                .isEqualTo(onSecondMonitor);
    }

    @Test
    void aDamagedOrMissingFileIsIgnored() throws Exception {
        assertThat(WindowPlacement.load(home)).isEmpty();
        Files.writeString(home.resolve("ui.properties"), "window.x=abc\nwindow.width=12\n");
        assertThat(WindowPlacement.load(home)).isEmpty();
    }
}
