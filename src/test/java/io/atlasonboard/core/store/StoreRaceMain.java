package io.atlasonboard.core.store;

import java.nio.file.Path;

/**
 * Run as a separate JVM by the store reliability test. {@code create HOME}: creates a store (fast KDF) and prints
 * {@code created}, or {@code refused: <message>} (exit 3). {@code write HOME}: opens the store and adds onboardings
 * one by one, printing {@code committed <label>} after each returned, until killed. {@code open HOME}: opens and
 * prints {@code opened <count>}.
 */
public final class StoreRaceMain {
    private StoreRaceMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "create", "create-announce" -> {
                    if (args[0].equals("create-announce")) {
                        System.out.println("begin");
                        System.out.flush();
                    }
                    Store s = StoreTestSupport.newStore(home);
                    System.out.println("created");
                    System.out.flush();
                    if (args.length > 2) {
                        Thread.sleep(Long.parseLong(args[2])); // hold it a little so the others meet the lock
                    }
                    s.close();
                }
                case "write" -> {
                    Store s = StoreTestSupport.reopen(home);
                    for (int i = 0; ; i++) {
                        s.onboardings().create("w" + i, false);
                        System.out.println("committed w" + i);
                        System.out.flush();
                    }
                }
                case "open" -> {
                    try (Store s = StoreTestSupport.reopen(home)) {
                        System.out.println("opened " + s.onboardings().list().size());
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        } catch (StoreException e) {
            System.out.println("refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
