package io.atlasonboard.core.store;

import io.atlasonboard.core.onboarding.Onboarding;
import java.nio.file.Path;

/**
 * Run as a separate JVM by {@link StoreInUseProcessTest}. {@code hold}: opens the store, says so, holds it until
 * stdin closes. {@code write}: changes an onboarding, says so, and waits to be killed without closing the store.
 */
public final class StoreHolderMain {
    private StoreHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Store s = Store.open(Path.of(args[0]), StoreTestSupport.PASS.clone());
        if (args.length > 1 && args[1].equals("write")) {
            Onboarding o = s.onboardings().load(Long.parseLong(args[2]));
            o.setStep(3);
            o.setApiKey("written-before-kill");
            o.setApiSecret("secret-before-kill".toCharArray());
            System.out.println("written");
            System.out.flush();
            Thread.sleep(600_000); // killed by the parent; never closes the store
            return;
        }
        System.out.println("holding " + s.onboardings().list().size());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin
        }
        s.close();
        System.out.println("closed");
    }
}
