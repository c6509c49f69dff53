package io.atlasonboard.ui.help;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The libraries bundled in the application and their licences, for About. Versions are read from the jars' own
 * {@code META-INF/maven/.../pom.properties} on the class path, so About never shows a version the build did not ship.
 */
final class Libraries {
    record Library(String name, String group, String artifact, String licence) {
        /** The version on the class path, or empty where the jar carries no Maven metadata (JavaFX). */
        String version() {
            String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
            try (InputStream in = Libraries.class.getResourceAsStream(path)) {
                if (in == null) {
                    return fromRuntime(group);
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "");
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** For the libraries whose jars carry no Maven metadata: their own version constants. */
    static String fromRuntime(String group) {
        return switch (group) {
            case "org.openjfx" -> System.getProperty("javafx.runtime.version", "");
            case "org.bouncycastle" -> new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr();
            case "com.h2database" -> org.h2.engine.Constants.VERSION;
            case "info.picocli" -> picocli.CommandLine.VERSION;
            default -> "";
        };
    }

    /** From libraries.tsv beside this class: name, Maven group, artifact, licence (SPDX words, not translated). */
    static final List<Library> ALL = load();

    private static List<Library> load() {
        List<Library> out = new ArrayList<>();
        try (InputStream in = Libraries.class.getResourceAsStream("libraries.tsv")) {
            if (in == null) {
                return List.of();
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                if (f.length == 4 && !line.startsWith("#")) {
                    out.add(new Library(f[0], f[1], f[2], f[3].strip()));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.copyOf(out);
    }

    private Libraries() {
    }
}
