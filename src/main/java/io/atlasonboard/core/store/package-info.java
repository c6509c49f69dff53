/**
 * The encrypted local store.
 *
 * <p>Files in the data folder (created 0700; files 0600):</p>
 * <ul>
 *   <li>{@code vault.json}: format version, Argon2id parameters (memory KiB, iterations, parallelism) and a 16-byte
 *   salt, the random 256-bit data key wrapped with AES-256-GCM under the key derived from the master passphrase, and a
 *   SHA-256 checksum of those fields. Unwrapping the data key is the passphrase check; it happens before the database
 *   is opened, so a wrong passphrase writes nothing. The checksum tells a damaged header from a wrong passphrase.</li>
 *   <li>{@code atlas.mv.db}: the H2 database, schema by Flyway ({@code db/migration/V*.sql}). Secret columns
 *   ({@code *_enc}) hold {@code 0x01 | 96-bit random nonce | AES-256-GCM ciphertext+tag} under the data key, with
 *   {@code atlas-onboard/v1/<table>/<column>/<row id>} as AAD. {@code store_meta.key_check} binds the vault to this
 *   database.</li>
 *   <li>{@code atlas.state.json}: clean-close flag and the database's SHA-256 at the last clean close; a mismatch is
 *   reported as damage instead of letting H2 silently repair (rewrite) the file.</li>
 * </ul>
 *
 * <p>Opening: vault header read and checked, passphrase checked, fingerprint compared, then a read-only H2 probe reads
 * every row (and refuses a newer schema); only then is the database opened for writing and migrated.</p>
 */
package io.atlasonboard.core.store;
