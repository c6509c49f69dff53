package io.atlasonboard.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The creation protocol's marker. {@link Store#create} writes {@code atlas.creating} (under the store lock) before the
 * first store file and deletes it after {@code vault.json} (the commit point) is in place. So a folder with the
 * marker and no {@code vault.json} is a store whose creation was interrupted: it can hold no data (nothing can open a
 * store without its vault header), it is reported as such, and the next creation clears exactly the files the
 * creation protocol makes. Without the marker nothing is ever cleared.
 */
final class StoreCreation {
    static final String MARKER = Store.DB_NAME + ".creating";

    private StoreCreation() {
    }

    static FileAttribute<?>[] ownerOnly(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    static boolean markerPresent(Path home) {
        return Files.exists(home.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /** True if creation of the store in {@code home} was interrupted (marker, no vault header). */
    static boolean halfMade(Path home) {
        return markerPresent(home) && !Files.exists(home.resolve(Store.VAULT_FILE), LinkOption.NOFOLLOW_LINKS);
    }

    /** The pid recorded in the marker, or -1. */
    static long markerPid(Path home) {
        try {
            byte[] b = Files.readAllBytes(home.resolve(MARKER));
            String s = new String(b, 0, Math.min(b.length, 40), StandardCharsets.US_ASCII).trim();
            String first = s.lines().findFirst().orElse("").replace("pid ", "").trim();
            return first.matches("\\d{1,19}") ? Long.parseLong(first) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static void writeMarker(Path home) throws IOException {
        Path m = home.resolve(MARKER);
        Files.deleteIfExists(m);
        Files.write(Files.createFile(m, ownerOnly(home)), ("pid " + ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    static void removeMarker(Path home) throws IOException {
        Files.deleteIfExists(home.resolve(MARKER));
    }

    /** Files the creation protocol makes (database and H2 side files, state file and temps, vault temps). */
    static boolean createdByProtocol(String name) {
        return name.equals(Store.DB_FILE) || name.startsWith(Store.DB_NAME + ".mv.db.")
                || name.equals(Store.DB_NAME + ".trace.db") || name.startsWith(StoreState.FILE)
                || (name.startsWith(Store.VAULT_FILE + ".") && name.endsWith(".tmp"));
    }

    /**
     * Called with the store lock held. An interrupted creation is cleared (its files, then the marker) and the list of
     * cleared names returned; a marker next to a complete store (a crash right after the commit) is just removed.
     */
    static List<String> clearInterrupted(Path home) throws IOException {
        List<String> cleared = new ArrayList<>();
        if (!markerPresent(home)) {
            return cleared;
        }
        if (!halfMade(home)) {
            removeMarker(home);
            return cleared;
        }
        try (Stream<Path> s = Files.list(home)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (createdByProtocol(n) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                    cleared.add(n);
                }
            }
        }
        removeMarker(home);
        return cleared;
    }
}
