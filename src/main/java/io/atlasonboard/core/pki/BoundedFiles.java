package io.atlasonboard.core.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reading user-named files with limits: only regular files (a FIFO, a device or a directory is refused before it is
 * opened, so nothing blocks or streams forever), at most a stated size (the size is in the message), password files to
 * the first line only.
 */
public final class BoundedFiles {
    /** Largest certificate, key, CSR, PKCS#7 or PKCS#12 file accepted. */
    public static final int MAX_INPUT_BYTES = 4 * 1024 * 1024;
    /** Longest password line read from a password file. */
    public static final int MAX_PASSWORD_BYTES = 4096;

    private BoundedFiles() {
    }

    /** The file could not be read within the limits; the message names the file and says why. */
    public static final class RefusedFileException extends InvalidInputException {
        public RefusedFileException(String message) {
            super(message);
        }

        RefusedFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The whole file, refused if it is not a regular file or larger than {@code maxBytes}. */
    public static byte[] read(Path file, int maxBytes, String what) {
        long size = checkRegular(file, what);
        if (size > maxBytes) {
            throw new RefusedFileException("The " + what + " file " + file + " is " + size(size) + "; the limit is "
                    + size(maxBytes) + ", far more than any such file. It was not read.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(maxBytes + 1);
            if (b.length > maxBytes) {
                Arrays.fill(b, (byte) 0);
                throw new RefusedFileException("The " + what + " file " + file + " grew past the limit of "
                        + size(maxBytes) + " while it was read. It was not read.");
            }
            return b;
        } catch (IOException e) {
            throw new RefusedFileException("Cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first line of a password file (without its line break), at most {@link #MAX_PASSWORD_BYTES}; the rest of the
     * file is not read. The caller decodes and wipes the returned bytes.
     */
    public static byte[] firstLine(Path file, String what) {
        checkRegular(file, what);
        byte[] buf = new byte[MAX_PASSWORD_BYTES + 1];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(buf, 0, buf.length);
        } catch (IOException e) {
            Arrays.fill(buf, (byte) 0);
            throw new RefusedFileException("Cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
        }
        int end = 0;
        while (end < n && buf[end] != '\n' && buf[end] != '\r') {
            end++;
        }
        if (end > MAX_PASSWORD_BYTES) {
            Arrays.fill(buf, (byte) 0);
            throw new RefusedFileException("The first line of the " + what + " file " + file + " is longer than "
                    + MAX_PASSWORD_BYTES + " bytes; that is not a password file. It was not used.");
        }
        byte[] out = Arrays.copyOf(buf, end);
        Arrays.fill(buf, (byte) 0);
        return out;
    }

    /** Refuses anything but a regular file (following links) and returns its size. */
    public static long checkRegular(Path file, String what) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new RefusedFileException("The " + what + " file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new RefusedFileException("Cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
        }
        if (a.isDirectory()) {
            throw new RefusedFileException("The " + what + " file " + file + " is a folder; expected a file");
        }
        if (!a.isRegularFile()) {
            throw new RefusedFileException("The " + what + " file " + file + " is not a regular file (a pipe, device "
                    + "or socket); only ordinary files are read, so that reading cannot block or run forever");
        }
        return a.size();
    }

    static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB (%d bytes)", bytes / 1048576.0, bytes);
        }
        if (bytes >= 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB (%d bytes)", bytes / 1024.0, bytes);
        }
        return bytes + " bytes";
    }
}
