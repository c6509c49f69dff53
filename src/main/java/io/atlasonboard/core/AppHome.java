package io.atlasonboard.core;

import java.nio.file.Path;
import java.util.Map;

/** Where the data folder lives: --home DIR, else ATLAS_ONBOARD_HOME, else ~/.atlas-onboard. */
public final class AppHome {
    public static final String ENV = "ATLAS_ONBOARD_HOME";

    private AppHome() {
    }

    public static Path resolve(String explicit, Map<String, String> env) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".atlas-onboard");
    }
}
