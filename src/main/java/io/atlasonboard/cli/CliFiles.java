package io.atlasonboard.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

import io.atlasonboard.core.pki.BoundedFiles;

/**
 * File helpers shared by every command: password files (first line), input files, refuse-to-overwrite unless
 * {@code --force}, atomic writes (owner-only for secrets).
 */
final class CliFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private CliFiles() {
    }

    /**
     * The one password-file reader of the command line: the first line of the file (without the line break, at most
     * {@link BoundedFiles#MAX_PASSWORD_BYTES}; the rest is not read, a FIFO or device is refused), decoded
     * as strict UTF-8; the file's bytes are wiped from memory. Refuses a missing file, a file that is not UTF-8 and an
     * empty first line, naming {@code what} (e.g. "key password", "--api-secret-file") and the file.
     * The file name {@code -} means standard input (its first line, same limits), so a secret never has to be on the
     * command line nor in a file.
     */
    static char[] readPassword(Path file, String what) {
        return readPassword(file, what, System.in);
    }

    /** {@link #readPassword(Path, String)} with the stream that {@code -} stands for. */
    static char[] readPassword(Path file, String what, java.io.InputStream stdin) {
        byte[] bytes;
        if (isStdin(file)) {
            bytes = firstLine(stdin, what);
            file = Path.of("(standard input)");
        } else {
            try {
                bytes = BoundedFiles.firstLine(file, what);
            } catch (BoundedFiles.RefusedFileException e) {
                throw new CliException(e.getMessage());
            }
        }
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            CharBuffer cb;
            try {
                cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end));
            } catch (CharacterCodingException e) {
                throw new CliException("The " + what + " file " + file + " is not UTF-8 text");
            }
            char[] out = new char[cb.remaining()];
            cb.get(out);
            Arrays.fill(cb.array(), '\0');
            if (out.length == 0) {
                throw new CliException("The " + what + " file " + file + " is empty; its first line must be the "
                        + "password");
            }
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** True when the file option's value is {@code -}, standard input. */
    static boolean isStdin(Path file) {
        return file != null && "-".equals(file.toString());
    }

    /**
     * The first line of a stream, read byte by byte up to the line break (nothing after it is consumed), at most
     * {@link BoundedFiles#MAX_PASSWORD_BYTES}; the buffer is wiped, the caller wipes the returned bytes.
     */
    private static byte[] firstLine(java.io.InputStream in, String what) {
        byte[] buf = new byte[BoundedFiles.MAX_PASSWORD_BYTES];
        int n = 0;
        try {
            while (true) {
                int b = in.read();
                if (b < 0 || b == '\n' || b == '\r') {
                    break;
                }
                if (n == buf.length) {
                    throw new CliException("The first line of the " + what + " on standard input is longer than "
                            + BoundedFiles.MAX_PASSWORD_BYTES + " bytes; that is not a password. It was not used.");
                }
                buf[n++] = (byte) b;
            }
            return Arrays.copyOf(buf, n);
        } catch (IOException e) {
            throw new CliException("Cannot read the " + what + " from standard input: " + e.getMessage());
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }

    /**
     * A whole input file, at most {@link BoundedFiles#MAX_INPUT_BYTES}; a FIFO, device or folder is refused before it is
     * opened, a larger file with its size in the message.
     */
    static byte[] read(Path file, String what) {
        return read(file, BoundedFiles.MAX_INPUT_BYTES, what);
    }

    static byte[] read(Path file, int maxBytes, String what) {
        try {
            return BoundedFiles.read(file, maxBytes, what);
        } catch (BoundedFiles.RefusedFileException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Refuses an existing output unless {@code force}; call before doing any work. */
    static void checkOutput(Path target, boolean force) {
        if (Files.isDirectory(target)) {
            throw new CliException(target + " is a directory; expected a file name");
        }
        if (Files.exists(target) && !force) {
            throw new CliException(target + " already exists; use --force to overwrite it");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException("The folder " + parent + " does not exist");
        }
    }

    /**
     * Writes through a temporary file in the same folder (created with the final permissions) and an atomic rename,
     * so a reader never sees half a file and a secret file is never readable by others, not even briefly.
     */
    static void writeAtomically(Path target, byte[] data, boolean ownerOnly, boolean force) {
        checkOutput(target, force);
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = null;
        try {
            FileAttribute<?>[] attrs = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs);
            Files.write(tmp, data);
            if (posix && !ownerOnly) {
                Files.setPosixFilePermissions(tmp, PUBLIC);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            if (posix) {
                Files.setPosixFilePermissions(target, ownerOnly ? OWNER_ONLY : PUBLIC);
            }
        } catch (IOException e) {
            throw new CliException("Cannot write " + target + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    static void checkDistinct(Path a, Path b, String what) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            throw new CliException(what + " must be different files, both are " + a);
        }
    }
}
