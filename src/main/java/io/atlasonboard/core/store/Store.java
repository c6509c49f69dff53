package io.atlasonboard.core.store;

import io.atlasonboard.core.Msg;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.LoggerFactory;

/**
 * The encrypted local store: an embedded H2 database ({@code atlas.mv.db}, schema by Flyway migrations) plus the vault
 * header {@code vault.json} in the data folder. Secrets are AES-256-GCM encrypted under a random data key that is
 * wrapped with a key derived from the master passphrase (Argon2id). The passphrase is checked against the vault header
 * before the database is opened, so a wrong passphrase changes nothing. Thread-safe; close when done.
 *
 * <p>Passphrase arrays passed in are not modified; callers wipe their own copies.</p>
 */
public final class Store implements AutoCloseable {
    public static final String VAULT_FILE = "vault.json";
    public static final String DB_NAME = "atlas";
    public static final String DB_FILE = DB_NAME + ".mv.db";
    /** Highest schema version this build knows (the V&lt;n&gt; of the last migration). */
    public static final int SCHEMA_VERSION = 45;
    /** Minimum passphrase length enforced by {@link #create}. */
    public static final int MIN_PASSPHRASE_LENGTH = PassphraseStrength.MIN_LENGTH;

    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");


    private final Path home;
    private final Db db;
    private final SecretBox box;
    private final OnboardingRepository onboardings;
    private final ProviderRepository providers;
    private final DomainClaimRepository domainClaims;
    private final CertificateRepository certificates;
    private final DnsSettingsRepository dnsSettings;
    private final TsigKeyRepository tsigKeys;
    /** The OS lock on the data folder, held from before creation/opening until {@link #close}. */
    private volatile StoreLock lock;
    private final AuditRepository audit;
    private final MtlsRenewalRepository mtlsRenewals;

    private Store(Path home, Connection conn, byte[] dataKey) throws SQLException {
        this.home = home;
        this.db = new Db(conn);
        this.box = new SecretBox(dataKey);
        Crypto crypto = new Crypto(box);
        this.onboardings = new OnboardingRepository(db, crypto);
        this.audit = new AuditRepository(db);
        this.mtlsRenewals = new MtlsRenewalRepository(db, crypto);
        this.providers = new ProviderRepository(db, crypto, audit);
        this.domainClaims = new DomainClaimRepository(db);
        this.certificates = new CertificateRepository(db, crypto);
        this.dnsSettings = new DnsSettingsRepository(db);
        this.tsigKeys = new TsigKeyRepository(db, crypto);
        providers.sealClearApiKeys();
    }

    /** The database, for the store's own tests (a row as an older version wrote it). */
    Db db() {
        return db;
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    /**
     * True if a store exists in {@code home}: a vault header, or any database file that is not the leftover of an
     * interrupted creation (those are cleared by the next {@link #create}).
     */
    public static boolean exists(Path home) {
        home = home.toAbsolutePath().normalize();
        if (StoreCreation.halfMade(home)) {
            return false;
        }
        return firstStoreFile(home) != null;
    }

    /**
     * Creates a new store (first start). Refuses with {@link StoreExistsException} if any store file already exists,
     * with {@link StoreInUseException} if another process is creating or using a store there, and with
     * {@link WeakPassphraseException} if the passphrase is below the minimum policy. Safe across processes: the store
     * lock is taken before anything is created, and a crash leaves either a complete store or an interrupted creation
     * that the next call clears (see {@link StoreCreation}).
     */
    public static Store create(Path home, char[] passphrase) {
        return create(home, passphrase, KdfParams.preferred());
    }

    static Store create(Path home, char[] passphrase, KdfParams kdf) {
        home = home.toAbsolutePath().normalize();
        checkHomePath(home);
        PassphraseStrength strength = PassphraseStrength.assess(passphrase);
        if (!strength.acceptable()) {
            throw new WeakPassphraseException("This passphrase is too weak for the store: " + strength.hint());
        }
        Path existing = exists(home) ? firstStoreFile(home) : null;
        if (existing != null) {
            throw new StoreExistsException(home, existing);
        }
        try {
            ensureHome(home);
        } catch (IOException e) {
            throw new StoreException("The data folder " + home + " could not be created: " + e.getMessage(), e);
        }
        StoreLock lock = StoreLock.acquire(home);
        boolean ok = false;
        List<Path> created = new ArrayList<>();
        byte[] dataKey = new byte[32];
        Connection conn = null;
        try {
            StoreCreation.clearInterrupted(home);
            existing = firstStoreFile(home);
            if (existing != null) {
                throw new StoreExistsException(home, existing);
            }
            restrict(home, DIR_PERMS);
            byte[] header = Vault.newHeader(passphrase, kdf, dataKey);
            StoreCreation.writeMarker(home);
            created.add(home.resolve(StoreCreation.MARKER));
            Path dbFile = home.resolve(DB_FILE);
            Files.createFile(dbFile, StoreCreation.ownerOnly(home)); // 0600 from the start; H2 fills the empty file
            created.add(dbFile);
            conn = connect(home, false, false);
            migrate(home);
            restrictStoreFiles(home);
            created.add(home.resolve(StoreState.FILE));
            markOpen(home);
            Store store = new Store(home, conn, dataKey);
            store.ensureKeyCheck();
            writeOwnerOnly(home.resolve(VAULT_FILE), header, created);
            StoreCreation.removeMarker(home);
            store.lock = lock;
            conn = null;
            ok = true;
            return store;
        } catch (SQLException | IOException e) {
            throw new StoreException("The store could not be created in " + home + ": " + e.getMessage(), e);
        } finally {
            SecretChars.wipe(dataKey);
            if (!ok) {
                closeQuietly(conn);
                // only what this call created, in reverse order (the marker last), while the lock is still held
                for (int i = created.size() - 1; i >= 0; i--) {
                    try {
                        Files.deleteIfExists(created.get(i));
                    } catch (IOException ignored) {
                        // left behind, the marker makes the next creation clear it
                    }
                }
                lock.close();
            }
        }
    }

    /** Creates the data folder (owner only) if it is missing; another process creating it at the same time is fine. */
    private static void ensureHome(Path home) throws IOException {
        if (Files.isDirectory(home)) {
            return;
        }
        Path parent = home.getParent();
        if (parent != null && !Files.exists(parent)) {
            Files.createDirectories(parent);
        }
        try {
            if (posix(parent == null ? home.getRoot() : parent)) {
                Files.createDirectory(home, PosixFilePermissions.asFileAttribute(DIR_PERMS));
            } else {
                Files.createDirectory(home);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(home)) {
                throw e;
            }
        }
    }

    /**
     * Opens an existing store. {@link WrongPassphraseException} if the passphrase is wrong (checked before anything is
     * written; until then the database is only read, by the check that runs beside the key derivation),
     * {@link StoreUnreadableException} if a store file is damaged, missing or from a newer version,
     * {@link StoreNotFoundException} if there is no store, {@link StoreInUseException} if another process has it open.
     */
    public static Store open(Path home, char[] passphrase) {
        home = home.toAbsolutePath().normalize();
        checkHomePath(home);
        Path vaultFile = home.resolve(VAULT_FILE);
        Path dbFile = home.resolve(DB_FILE);
        if (StoreCreation.halfMade(home)) {
            throw new StoreUnreadableException(home.resolve(StoreCreation.MARKER), "the store was never completely "
                    + "created (Atlas Onboard stopped while creating it" + pidText(StoreCreation.markerPid(home))
                    + "), so it holds no data. Creating a new store in this folder clears it.");
        }
        if (!Files.exists(vaultFile, LinkOption.NOFOLLOW_LINKS)) {
            Path other = firstStoreFile(home);
            if (other != null) {
                throw new StoreUnreadableException(other, Msg.of("core.store.reason.noVault", VAULT_FILE));
            }
            throw new StoreNotFoundException(home);
        }
        StoreLock lock = StoreLock.acquire(home);
        boolean locked = true;
        byte[] dataKey = null;
        try {
            if (StoreCreation.markerPresent(home) && Files.exists(vaultFile, LinkOption.NOFOLLOW_LINKS)) {
                StoreCreation.removeMarker(home); // crash right after the commit point: the store is complete
            }
            Vault.Parsed parsed = Vault.read(vaultFile);
            // the database's read-only check needs no key: it runs on another core while the key is derived
            StoreProbe probe = Files.isRegularFile(dbFile) ? StoreProbe.start(home, dbFile) : null;
            try {
                dataKey = Vault.unlock(parsed, passphrase);
            } finally {
                if (dataKey == null && probe != null) {
                    probe.awaitQuietly(); // a wrong passphrase is the answer; the check's outcome is not
                }
            }
            if (probe == null) {
                throw new StoreUnreadableException(dbFile, Msg.of("core.store.reason.noDatabase", VAULT_FILE));
            }
            int schema = probe.await().verifyKeyCheck(vaultFile, dataKey);
            Connection conn = null;
            try {
                markOpen(home);
                conn = connect(home, true, false);
                if (schema < SCHEMA_VERSION) {
                    migrate(home); // a current schema needs no Flyway run (no scan, no validation)
                }
                restrictStoreFiles(home);
                Store store = new Store(home, conn, dataKey);
                store.ensureKeyCheck();
                store.lock = lock;
                conn = null;
                locked = false;
                rewrapIfOtherLanes(home, parsed, dataKey, passphrase);
                return store;
            } catch (SQLException e) {
                throw mapOpenFailure(dbFile, e);
            } catch (IOException e) {
                throw new StoreException("The store in " + home + " could not be opened: " + e.getMessage(), e);
            } finally {
                closeQuietly(conn);
            }
        } catch (IOException e) {
            throw new StoreException("The store in " + home + " could not be opened: " + e.getMessage(), e);
        } finally {
            if (dataKey != null) {
                SecretChars.wipe(dataKey);
            }
            if (locked) {
                lock.close();
            }
        }
    }

    /**
     * Changes the master passphrase: checks {@code current} against the vault header, then re-wraps the same data key
     * under a key derived from {@code next} (new salt, current default KDF parameters) and replaces {@code vault.json}
     * atomically. The database is not rewritten. {@link WrongPassphraseException} if {@code current} is wrong,
     * {@link WeakPassphraseException} if {@code next} is below the policy; in both cases nothing changes.
     */
    public void changePassphrase(char[] current, char[] next) {
        changePassphrase(current, next, KdfParams.preferred());
    }

    synchronized void changePassphrase(char[] current, char[] next, KdfParams kdf) {
        if (!isOpen()) {
            throw new IllegalStateException("The store is closed.");
        }
        PassphraseStrength strength = PassphraseStrength.assess(next);
        if (!strength.acceptable()) {
            throw new WeakPassphraseException("This passphrase is too weak for the store: " + strength.hint());
        }
        Path vaultFile = home.resolve(VAULT_FILE);
        byte[] key = Vault.unlock(Vault.read(vaultFile), current);
        try {
            replaceVault(home, Vault.wrapHeader(key, next, kdf));
        } catch (IOException e) {
            throw new StoreException("The new passphrase could not be saved (" + e.getMessage()
                    + "); the old one still applies.", e);
        } finally {
            SecretChars.wipe(key);
        }
    }

    /** Writes a new {@code vault.json} next to the old one and moves it over it atomically. */
    private static void replaceVault(Path home, byte[] header) throws IOException {
        // a unique owner-only temp file, then an atomic rename: a crash leaves the old vault or the new one
        Path tmp = Files.createTempFile(home, VAULT_FILE + ".", ".tmp", StoreCreation.ownerOnly(home));
        try {
            Files.write(tmp, header, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            Files.move(tmp, home.resolve(VAULT_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A vault at the default memory and passes but another lane count than this machine's (e.g. made before lanes
     * followed the cores) gets the same data key re-wrapped under {@link KdfParams#preferred()}: one more derivation
     * now, faster unlocks after; no stored data is re-encrypted. If the write fails the old header still works.
     */
    private static void rewrapIfOtherLanes(Path home, Vault.Parsed parsed, byte[] dataKey, char[] passphrase) {
        KdfParams preferred = KdfParams.preferred();
        if (!parsed.params().differsOnlyInLanesFrom(preferred)) {
            return;
        }
        try {
            replaceVault(home, Vault.wrapHeader(dataKey, passphrase, preferred));
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(Store.class).warn("The vault header could not be re-wrapped for {} lanes ({}); "
                    + "it keeps its {} lane(s).", preferred.parallelism(), e.getClass().getSimpleName(),
                    parsed.params().parallelism());
        }
    }

    /** Compacts the database file and closes the store; wipes the data key from memory. Idempotent. */
    @Override
    public void close() {
        boolean wasOpen = !db.isClosed();
        boolean clean = db.shutdown(true);
        box.destroy();
        if (wasOpen) {
            try {
                restrictStoreFiles(home);
                if (clean) {
                    StoreState.write(home, true, StoreState.sha256(home.resolve(DB_FILE)));
                }
            } catch (IOException | StoreException e) {
                // the next open then relies on the read-only probe alone
            } finally {
                releaseLock();
            }
        }
    }

    private void releaseLock() {
        StoreLock l = lock;
        lock = null;
        if (l != null) {
            l.close();
        }
    }

    private static String pidText(long pid) {
        return pid > 0 ? ", pid " + pid : "";
    }

    /** Forces H2 to write everything to the file now (tests scan the file while the store is open). */
    void checkpoint() {
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("CHECKPOINT SYNC")) {
                ps.execute();
            }
            return null;
        });
    }

    public boolean isOpen() {
        return !db.isClosed();
    }

    public Path home() {
        return home;
    }

    // ---------------------------------------------------------------------------------------------- repositories

    /** Onboardings in progress. */
    public OnboardingRepository onboardings() {
        return onboardings;
    }

    /** Certificate provider records. */
    public ProviderRepository providers() {
        return providers;
    }

    /** Domain claims per provider. */
    public DomainClaimRepository domainClaims() {
        return domainClaims;
    }

    /** Certificates issued through a provider. */
    public CertificateRepository certificates() {
        return certificates;
    }

    /** Per-provider DNS settings (extra resolvers). */
    public DnsSettingsRepository dnsSettings() {
        return dnsSettings;
    }

    /** TSIG keys for RFC 2136 updates. */
    public TsigKeyRepository tsigKeys() {
        return tsigKeys;
    }

    /** Pending mTLS renewals and the keystores renewals replaced. */
    public MtlsRenewalRepository mtlsRenewals() {
        return mtlsRenewals;
    }

    /** The audit trail of API calls per provider. */
    public AuditRepository audit() {
        return audit;
    }

    @Override
    public String toString() {
        return "Store[" + home + (isOpen() ? ", open" : ", closed") + "]";
    }

    // ---------------------------------------------------------------------------------------------- internals

    static Path firstStoreFile(Path home) {
        if (!Files.isDirectory(home)) {
            return null;
        }
        Path vault = home.resolve(VAULT_FILE);
        if (Files.exists(vault, LinkOption.NOFOLLOW_LINKS)) {
            return vault;
        }
        try (Stream<Path> s = Files.list(home)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(DB_NAME + ".") && (n.contains(".db") || n.startsWith(StoreState.FILE));
            }).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new StoreException("The data folder " + home + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void checkHomePath(Path home) {
        if (home.toString().contains(";")) {
            throw new StoreException("The data folder path must not contain ';': " + home);
        }
    }

    private static String url(Path home, boolean mustExist, boolean readOnly) {
        StringBuilder u = new StringBuilder("jdbc:h2:file:").append(home.resolve(DB_NAME).toString())
                .append(";TRACE_LEVEL_FILE=0;TRACE_LEVEL_SYSTEM_OUT=0;WRITE_DELAY=0");
        if (mustExist) {
            u.append(";IFEXISTS=TRUE");
        }
        if (readOnly) {
            u.append(";ACCESS_MODE_DATA=r");
        }
        return u.toString();
    }

    static Connection connect(Path home, boolean mustExist, boolean readOnly) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "atlas");
        p.setProperty("password", "");
        return DriverManager.getConnection(url(home, mustExist, readOnly), p);
    }

    private static void migrate(Path home) {
        try {
            Flyway.configure(Store.class.getClassLoader())
                    .dataSource(url(home, true, false), "atlas", "")
                    .locations("classpath:db/migration")
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("The store's schema in " + home.resolve(DB_FILE) + " could not be brought up to "
                    + "date: " + e.getMessage(), e);
        }
    }

    static final String KEY_CHECK = "key_check";
    static final byte[] KEY_CHECK_PLAIN = "atlas-onboard key check v1".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);

    /** Stores the key-check value (the data key's fingerprint in the database) if it is not there yet. */
    private void ensureKeyCheck() {
        db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM store_meta WHERE meta_key = ?")) {
                ps.setString(1, KEY_CHECK);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return null;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_meta (meta_key, meta_value) VALUES (?, ?)")) {
                ps.setString(1, KEY_CHECK);
                ps.setBytes(2, box.encrypt(KEY_CHECK_PLAIN, SecretBox.aad("store_meta", "meta_value", 0)));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The vault's data key must decrypt this database's key-check value: the two files belong together. */
    private static void markOpen(Path home) throws IOException {
        StoreState.write(home, false, null);
    }

    static StoreException mapOpenFailure(Path dbFile, SQLException e) {
        if (e.getErrorCode() == 90020 || String.valueOf(e.getMessage()).contains("already in use")) {
            return new StoreInUseException(dbFile, e);
        }
        String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        if (reason.length() > 200) {
            reason = reason.substring(0, 200) + "...";
        }
        return new StoreUnreadableException(dbFile, "the database is damaged or not an H2 database (H2 error "
                + e.getErrorCode() + ": " + reason + ").", e);
    }

    private static void writeOwnerOnly(Path file, byte[] content, List<Path> created) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp",
                StoreCreation.ownerOnly(file.getParent()));
        created.add(tmp);
        Files.write(tmp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC);
        restrict(tmp, FILE_PERMS);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        created.add(file);
    }

    private static void restrictStoreFiles(Path home) throws StoreException {
        try (Stream<Path> s = Files.list(home)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && (n.startsWith(DB_NAME + ".") || n.equals(VAULT_FILE))) {
                    restrict(p, FILE_PERMS);
                }
            }
        } catch (IOException e) {
            throw new StoreException("Could not restrict the permissions of the store files in " + home, e);
        }
    }

    private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
        if (posix(p)) {
            Files.setPosixFilePermissions(p, perms);
        }
    }

    private static boolean posix(Path p) {
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to add
            }
        }
    }


}
