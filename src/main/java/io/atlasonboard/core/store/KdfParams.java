package io.atlasonboard.core.store;

/**
 * Argon2id parameters as written to {@code vault.json}; stored per vault so a later version can raise them.
 * The defaults follow RFC 9106's second recommended option (64 MiB, 3 passes); {@link #preferred()} uses as many
 * lanes as the machine has cores (same memory and passes; see Vault.derive for how they are computed). Lanes change the derived key, so a
 * vault with the default memory and passes but another lane count is re-wrapped on its next unlock.
 */
record KdfParams(String algorithm, int memoryKiB, int iterations, int parallelism) {
    static final String ARGON2ID = "argon2id";
    static final KdfParams DEFAULT = new KdfParams(ARGON2ID, 64 * 1024, 3, 1);

    KdfParams {
        if (!ARGON2ID.equals(algorithm)) {
            throw new IllegalArgumentException("unknown key derivation " + algorithm);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > 1024 * 1024 || iterations < 1 || iterations > 20
                || parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("key derivation parameters out of range");
        }
    }

    /** At most this many lanes, whatever the core count. */
    static final int MAX_LANES = 8;

    /** The default memory and passes with one lane per core of this machine (1..{@value #MAX_LANES}). */
    static KdfParams preferred() {
        int lanes = Math.max(1, Math.min(MAX_LANES, Runtime.getRuntime().availableProcessors()));
        return new KdfParams(ARGON2ID, DEFAULT.memoryKiB, DEFAULT.iterations, lanes);
    }

    /** True when this vault should be re-wrapped under {@link #preferred()}: the default cost, other lanes. */
    boolean differsOnlyInLanesFrom(KdfParams other) {
        return algorithm.equals(other.algorithm) && memoryKiB == other.memoryKiB && iterations == other.iterations
                && parallelism != other.parallelism;
    }

    String canonical() {
        return algorithm + ";v=19;m=" + memoryKiB + ";t=" + iterations + ";p=" + parallelism;
    }
}
