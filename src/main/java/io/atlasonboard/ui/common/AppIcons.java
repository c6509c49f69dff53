package io.atlasonboard.ui.common;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** The window icon set, copied from the project's {@code icons/} folder into the resources. */
public final class AppIcons {
    static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private AppIcons() {
    }

    public static List<Image> windowIcons() {
        List<Image> icons = new ArrayList<>();
        for (int size : SIZES) {
            try (InputStream in = AppIcons.class.getResourceAsStream("icons/atlas-onboard-" + size + ".png")) {
                if (in != null) {
                    icons.add(new Image(in));
                }
            } catch (java.io.IOException e) {
                // an icon that cannot be read is cosmetic; the window still opens
            }
        }
        return icons;
    }
}
