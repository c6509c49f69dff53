package io.atlasonboard.ui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javafx.geometry.Rectangle2D;

/**
 * Where the main window opens: centred at a large share of the screen the first time, then where the user left it
 * (size, position, maximized), kept in {@code ui.properties} in the data folder (nothing secret). A saved place that
 * is no longer on any screen (a monitor was unplugged) falls back to the centred default.
 */
public final class WindowPlacement {
    static final String FILE = "ui.properties";
    /** The smallest window every screen is designed and tested for (ScreensFitUiTest). */
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 700;
    private static final double SHARE = 0.85;

    /** A window's place; {@code maximized} keeps the size to return to when it is un-maximized. */
    public record Place(double x, double y, double width, double height, boolean maximized) {
    }

    private WindowPlacement() {
    }

    /** The first-start place: 85 % of the visual bounds (at least the minimum, at most the screen), centred. */
    public static Place initial(Rectangle2D visual) {
        double w = Math.min(visual.getWidth(), Math.max(MIN_WIDTH, Math.round(visual.getWidth() * SHARE)));
        double h = Math.min(visual.getHeight(), Math.max(MIN_HEIGHT, Math.round(visual.getHeight() * SHARE)));
        return new Place(visual.getMinX() + (visual.getWidth() - w) / 2, visual.getMinY() + (visual.getHeight() - h) / 2,
                w, h, false);
    }

    /** The minimum window size on this screen: 1024×700, or the whole screen if it is smaller. */
    public static double[] minimum(Rectangle2D visual) {
        return new double[] {Math.min(MIN_WIDTH, visual.getWidth()), Math.min(MIN_HEIGHT, visual.getHeight())};
    }

    /**
     * The saved place if enough of its title area is on one of {@code screens} (visual bounds) and it is not larger
     * than that screen; otherwise the centred default on {@code primary}.
     */
    public static Place choose(Optional<Place> saved, List<Rectangle2D> screens, Rectangle2D primary) {
        if (saved.isPresent()) {
            Place p = saved.get();
            for (Rectangle2D s : screens) {
                Rectangle2D titleArea = new Rectangle2D(p.x(), p.y(), Math.max(1, p.width()), 40);
                if (s.intersects(titleArea) && overlap(s, titleArea) >= Math.min(200, p.width())) {
                    double w = Math.min(p.width(), s.getWidth());
                    double h = Math.min(p.height(), s.getHeight());
                    double x = Math.max(s.getMinX(), Math.min(p.x(), s.getMaxX() - w));
                    double y = Math.max(s.getMinY(), Math.min(p.y(), s.getMaxY() - h));
                    return new Place(x, y, w, h, p.maximized());
                }
            }
        }
        return initial(primary);
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        return Math.max(0, Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX()));
    }

    /** The place saved in {@code home}, if there is a readable one. */
    public static Optional<Place> load(Path home) {
        Path f = home.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
            Place place = new Place(num(p, "window.x"), num(p, "window.y"), num(p, "window.width"),
                    num(p, "window.height"), Boolean.parseBoolean(p.getProperty("window.maximized", "false")));
            return place.width() >= 200 && place.height() >= 150 ? Optional.of(place) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) { // incl. NumberFormatException and a malformed escape
            return Optional.empty(); // a damaged file only costs the remembered place
        }
    }

    private static double num(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new NumberFormatException(key + " missing");
        }
        double d = Double.parseDouble(v);
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NumberFormatException(key);
        }
        return d;
    }

    /** Writes the place to {@code home} (replacing the file in one move). */
    public static void save(Path home, Place place) throws IOException {
        if (!Files.isDirectory(home)) {
            return;
        }
        Properties p = new Properties();
        Path existing = home.resolve(FILE);
        if (Files.isRegularFile(existing)) {
            try (InputStream in = Files.newInputStream(existing)) {
                p.load(in); // keeps the other keys (language, theme)
            } catch (IOException | IllegalArgumentException e) {
                p.clear();
            }
        }
        p.setProperty("window.x", Long.toString(Math.round(place.x())));
        p.setProperty("window.y", Long.toString(Math.round(place.y())));
        p.setProperty("window.width", Long.toString(Math.round(place.width())));
        p.setProperty("window.height", Long.toString(Math.round(place.height())));
        p.setProperty("window.maximized", Boolean.toString(place.maximized()));
        Path tmp = home.resolve(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "Atlas Onboard window placement and settings (nothing secret)"); // not user-visible
        }
        Files.move(tmp, home.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
