package io.atlasonboard.core.store;

import java.nio.file.Path;

/** Run as a separate JVM by {@link StoreInUseProcessTest}: opens the store, says so, holds it until stdin closes. */
public final class StoreHolderMain {
    private StoreHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Store s = Store.open(Path.of(args[0]), StoreTestSupport.PASS.clone())) {
            System.out.println("holding " + s.onboardings().list().size());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
        System.out.println("closed");
    }
}
