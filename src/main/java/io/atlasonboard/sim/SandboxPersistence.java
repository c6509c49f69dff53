package io.atlasonboard.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Keeps a sandbox across restarts in its data folder: the authorities (keys and certificates), the accounts with
 * their secrets, bound mTLS serials, certificates and claims, the sandbox zone's TXT records, the mailbox, and the
 * ports it listened on.
 * <p>Files: {@value #STATE_FILE} (AES-256-GCM over the JSON state, so no key or secret is on disk in clear) and
 * {@value #KEY_FILE} (the 32-byte state key) unless the caller supplies the key; both owner-only (0600) in an
 * owner-only folder, written atomically (temporary file, then rename). Saves run on a background thread shortly after
 * a change and once more on {@link #close()}; nothing is logged but paths and exception classes.
 */
public final class SandboxPersistence implements AutoCloseable {
    public static final String STATE_FILE = "sandbox-state.bin";
    public static final String KEY_FILE = "sandbox-state.key";
    private static final Logger LOG = LoggerFactory.getLogger(SandboxPersistence.class);
    private static final byte FORMAT = 1;
    private static final byte[] AAD = "atlas-onboard/sandbox-state/v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final byte[] key;
    private final ScheduledExecutorService saver;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile SimState state;
    private volatile int dnsPort;

    private SandboxPersistence(Path dir, byte[] key) {
        this.dir = dir;
        this.key = key;
        this.saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-save");
            t.setDaemon(true);
            return t;
        });
    }

    /** The data folder {@code dir} (created owner-only if missing) with its state key file (created if missing). */
    public static SandboxPersistence open(Path dir) {
        try {
            createPrivateDir(dir);
            Path k = dir.resolve(KEY_FILE);
            byte[] key;
            if (Files.exists(k)) {
                key = Files.readAllBytes(k);
                if (key.length != 32) {
                    throw new IOException(k + " is not a sandbox state key (32 bytes)");
                }
            } else {
                key = new byte[32];
                RANDOM.nextBytes(key);
                writeAtomically(k, key);
            }
            return new SandboxPersistence(dir, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sandbox data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The data folder with a state key the caller keeps (32 bytes; copied). */
    public static SandboxPersistence open(Path dir, byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the sandbox state key must be 32 bytes");
        }
        try {
            createPrivateDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox data folder " + dir + ": " + e.getMessage(), e);
        }
        return new SandboxPersistence(dir, key.clone());
    }

    public Path dir() {
        return dir;
    }

    private Saved load() throws IOException {
        Path f = dir.resolve(STATE_FILE);
        if (!Files.exists(f)) {
            return null;
        }
        byte[] blob = Files.readAllBytes(f);
        byte[] plain = decrypt(blob);
        try {
            JsonObject o = JsonParser.parseString(new String(plain, StandardCharsets.UTF_8)).getAsJsonObject();
            return new Saved(o, authorities(o.getAsJsonObject("authorities")), o.get("port").getAsInt(),
                    o.has("dns_port") ? o.get("dns_port").getAsInt() : 0);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** A saved state: the whole document, its authorities, and the ports it had. */
    record Saved(JsonObject doc, SimAuthorities authorities, int port, int dnsPort) {
    }

    private Saved saved;
    private boolean loaded;

    /** What a previous run saved (read once, cached), or null. IOException when it exists but cannot be read. */
    private Saved saved() throws IOException {
        if (!loaded) {
            saved = load();
            loaded = true;
        }
        return saved;
    }

    /** Whether the folder holds a saved sandbox. IOException when it exists but cannot be read. */
    public boolean hasSavedState() throws IOException {
        return saved() != null;
    }

    /** The simulator port of the saved sandbox, or 0. */
    public int savedPort() throws IOException {
        return saved() == null ? 0 : saved().port();
    }

    /** The sandbox DNS server port of the saved sandbox, or 0. */
    public int savedDnsPort() throws IOException {
        return saved() == null ? 0 : saved().dnsPort();
    }

    /**
     * Starts a simulator with the saved authorities, accounts, certificates, claims, zone records and mails (or new
     * ones), on {@code config}'s port, and saves it from then on. {@code dnsPort} is recorded for the next start.
     */
    public AtlasSimulator start(SimulatorConfig config, int dnsPort) throws IOException {
        Saved sv = saved();
        AtlasSimulator sim = AtlasSimulator.start(config, sv == null ? SimAuthorities.generate() : sv.authorities());
        attach(sim.state(), sv, sim.port(), dnsPort);
        return sim;
    }

    /** Starts saving {@code s} on every change; restores the accounts etc. of {@code saved} first when given. */
    void attach(SimState s, Saved saved, int port, int dnsPort) {
        this.dnsPort = dnsPort;
        if (saved != null) {
            SandboxStateCodec.restore(s, saved.doc());
        }
        this.state = s;
        s.onChange(this::changed);
        s.zone.onChange(this::changed);
        portChanged(port);
    }

    private volatile int port;

    private void portChanged(int p) {
        this.port = p;
        saveNow();
    }

    private void changed() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                saver.schedule(() -> {
                    scheduled.set(false);
                    saveNow();
                }, 200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                scheduled.set(false); // closing: close() saves
            }
        }
    }

    /** Writes the state now (blocking). */
    synchronized void saveNow() {
        SimState s = state;
        if (s == null) {
            return;
        }
        JsonObject doc = SandboxStateCodec.encode(s);
        doc.addProperty("port", port);
        doc.addProperty("dns_port", dnsPort);
        doc.add("authorities", authoritiesJson(s.authorities));
        byte[] plain = Http.GSON.toJson(doc).getBytes(StandardCharsets.UTF_8);
        try {
            writeAtomically(dir.resolve(STATE_FILE), encrypt(plain));
        } catch (IOException | RuntimeException e) {
            LOG.warn("sandbox: could not save its state in {}: {}", dir, e.getClass().getSimpleName());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public void close() {
        saver.shutdownNow();
        saveNow();
        Arrays.fill(key, (byte) 0);
    }

    // ------------------------------------------------------------------ files and crypto

    private static void createPrivateDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /** Owner-only temporary file in the same folder, then an atomic rename over {@code target}. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp;
        try {
            tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        }
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private byte[] encrypt(byte[] plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(AAD);
            byte[] ct = c.doFinal(plain);
            byte[] out = new byte[1 + 12 + ct.length];
            out[0] = FORMAT;
            System.arraycopy(nonce, 0, out, 1, 12);
            System.arraycopy(ct, 0, out, 13, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the sandbox state: " + e.getClass().getSimpleName());
        }
    }

    private byte[] decrypt(byte[] blob) throws IOException {
        if (blob.length < 13 + 16 || blob[0] != FORMAT) {
            throw new IOException(STATE_FILE + " is not a sandbox state file");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, blob, 1, 12));
            c.updateAAD(AAD);
            return c.doFinal(blob, 13, blob.length - 13);
        } catch (GeneralSecurityException e) {
            throw new IOException(STATE_FILE + " does not decrypt with this state key (altered, or another key)");
        }
    }

    // ------------------------------------------------------------------ authorities

    private static JsonObject authoritiesJson(SimAuthorities a) {
        JsonObject o = new JsonObject();
        o.add("tls_root", ca(a.tlsRoot()));
        o.add("client_ca", ca(a.clientCa()));
        o.add("issuing_root", ca(a.issuingRoot()));
        o.add("issuing_ca", ca(a.issuingCa()));
        o.add("server", pair(a.serverCert(), a.serverKey()));
        return o;
    }

    private static JsonObject ca(SimPki.Ca ca) {
        return pair(ca.cert(), ca.key());
    }

    private static JsonObject pair(X509Certificate cert, PrivateKey key) {
        JsonObject o = new JsonObject();
        try {
            o.addProperty("cert", Base64.getEncoder().encodeToString(cert.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        o.addProperty("key", Base64.getEncoder().encodeToString(key.getEncoded()));
        return o;
    }

    private static SimAuthorities authorities(JsonObject o) throws IOException {
        SimPki.Ca server = readCa(o.getAsJsonObject("server"));
        return new SimAuthorities(readCa(o.getAsJsonObject("tls_root")), readCa(o.getAsJsonObject("client_ca")),
                readCa(o.getAsJsonObject("issuing_root")), readCa(o.getAsJsonObject("issuing_ca")), server.cert(),
                server.key());
    }

    private static SimPki.Ca readCa(JsonObject o) throws IOException {
        try {
            X509Certificate cert = certificate(Base64.getDecoder().decode(o.get("cert").getAsString()));
            byte[] der = Base64.getDecoder().decode(o.get("key").getAsString());
            try {
                PrivateKey key = KeyFactory.getInstance(cert.getPublicKey().getAlgorithm())
                        .generatePrivate(new PKCS8EncodedKeySpec(der));
                return new SimPki.Ca(cert, key);
            } finally {
                Arrays.fill(der, (byte) 0);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("the saved sandbox authorities are unreadable: " + e.getClass().getSimpleName());
        }
    }

    static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der));
    }

    static String hex(BigInteger b) {
        return b.toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    static Instant instant(long s) {
        return Instant.ofEpochSecond(s);
    }
}
