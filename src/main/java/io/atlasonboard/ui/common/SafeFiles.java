package io.atlasonboard.ui.common;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes user-chosen output files (the chooser already confirmed overwriting); secrets owner-only (0600). */
public final class SafeFiles {
    private SafeFiles() {
    }

    public static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = posix && ownerOnly
                ? Files.createTempFile(dir, ".atlas-", ".tmp", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".atlas-", ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The whole file, refused in words when it is not a regular file (a FIFO would block the worker for ever, a device
     * never ends) or larger than {@code maxBytes}; a file that grows while read is cut off at the limit and refused.
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(I18n.t("ui.common.file.notRegular", file));
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException(I18n.t("ui.common.file.tooLarge", file, Long.toString(size),
                    Long.toString(maxBytes)));
        }
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(limit + 1);
            if (b.length > limit) {
                java.util.Arrays.fill(b, (byte) 0);
                throw new IOException(I18n.t("ui.common.file.tooLarge", file, Long.toString(b.length),
                        Long.toString(maxBytes)));
            }
            return b;
        }
    }
}
