package io.atlasonboard.ui;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/** Screenshots without javafx-swing: scene snapshot, PixelReader, ImageIO. */
public final class Png {
    private Png() {
    }

    public static void write(Image img, File file) throws IOException {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        bi.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(bi, "png", file);
    }

    /** Snapshots the scene into target/screenshots/NAME.png. */
    public static Path shoot(FxRobot robot, Scene scene, String name) throws IOException {
        return shoot(robot, scene, Path.of("target", "screenshots"), name);
    }

    /**
     * Snapshots the scene into DIR/NAME.png; with {@code -Datlas.test.noScreenshots=true} (bench/run's stall walk: a
     * snapshot renders the scene on the FX thread, a stall no user sees) it takes none.
     */
    public static Path shoot(FxRobot robot, Scene scene, Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".png");
        if (Boolean.getBoolean("atlas.test.noScreenshots")) {
            return file;
        }
        Files.createDirectories(dir);
        Image[] img = new Image[1];
        robot.interact(() -> img[0] = scene.snapshot(null));
        write(img[0], file.toFile());
        return file;
    }
}
