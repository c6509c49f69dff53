package io.atlasonboard.core.handoff;

import io.atlasonboard.core.Msg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of one export, planned in memory and then written together: the folder owner-only (0700, created when
 * missing; an existing folder that others can enter is refused), every file owner-only (0600) through a temporary
 * file and an atomic rename, nothing written when any planned file exists and replacing was not chosen. Close it to
 * wipe the planned contents.
 */
final class Bundle implements AutoCloseable {
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path folder;
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private final List<ExportedFile> files = new ArrayList<>();

    Bundle(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    Path folder() {
        return folder;
    }

    Path path(String name) {
        return folder.resolve(name);
    }

    void add(String name, boolean secret, String description, byte[] data) {
        if (contents.containsKey(name)) {
            throw new IllegalStateException("planned twice: " + name);
        }
        contents.put(name, data);
        files.add(new ExportedFile(name, secret, description));
    }

    void addText(String name, boolean secret, String description, String text) {
        add(name, secret, description, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A secret as UTF-8 bytes, exactly (no line break), so "first line of the file" readers get it whole. */
    void addSecret(String name, String description, char[] secret) {
        java.nio.ByteBuffer bb = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
        byte[] b = new byte[bb.remaining()];
        bb.get(b);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        add(name, true, description, b);
    }

    List<ExportedFile> files() {
        return List.copyOf(files);
    }

    /** Creates or checks the folder, refuses existing files unless {@code replace}, then writes every file. */
    void write(boolean replace) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    throw ExportException.of("core.handoff.folder.notFolder", folder.toString());
                }
                if (posix) {
                    Set<PosixFilePermission> p = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
                    if (p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                        throw ExportException.of("core.handoff.folder.openToOthers", folder.toString(),
                                PosixFilePermissions.toString(p));
                    }
                }
            } else {
                Path parent = folder.getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw ExportException.of("core.handoff.folder.missing", parent.toString());
                }
                if (posix) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(DIR_MODE));
                    Files.setPosixFilePermissions(folder, DIR_MODE);
                } else {
                    Files.createDirectory(folder);
                }
            }
            List<String> existing = new ArrayList<>();
            for (String name : contents.keySet()) {
                if (Files.exists(path(name), LinkOption.NOFOLLOW_LINKS)) {
                    existing.add(name);
                }
            }
            if (!existing.isEmpty() && !replace) {
                throw ExportException.of("core.handoff.folder.occupied", folder.toString(),
                        String.join(", ", existing));
            }
            for (Map.Entry<String, byte[]> e : contents.entrySet()) {
                writeOne(path(e.getKey()), e.getValue(), posix);
            }
        } catch (IOException e) {
            throw new ExportException(Msg.of("core.handoff.folder.writeFailed", folder.toString(),
                    ExportException.part(e)), e);
        }
    }

    private void writeOne(Path target, byte[] data, boolean posix) throws IOException {
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp", attrs);
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (posix) {
                Files.setPosixFilePermissions(target, FILE_MODE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() {
        contents.values().forEach(b -> Arrays.fill(b, (byte) 0));
    }
}
