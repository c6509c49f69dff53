package io.atlasonboard.ui.providers;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.testfx.api.FxRobot;

/** Writes a PNG of a scene to target/screenshots/ (PixelReader helper from TOOLCHAIN.md, no javafx-swing). */
final class Screens {
    private Screens() {
    }

    static File shot(FxRobot robot, Scene scene, String name) throws IOException {
        AtomicReference<WritableImage> ref = new AtomicReference<>();
        robot.interact(() -> ref.set(scene.snapshot(null)));
        File dir = new File("target/screenshots");
        dir.mkdirs();
        File f = new File(dir, name + ".png");
        write(ref.get(), f);
        return f;
    }

    static void write(Image img, File file) throws IOException {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        bi.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(bi, "png", file);
    }
}
