package io.atlasonboard.core.store;

/**
 * Argon2id parameters as written to {@code vault.json}; stored per vault so a later version can raise them.
 * The defaults follow RFC 9106's second recommended option (64 MiB, 3 passes) with one lane.
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

    String canonical() {
        return algorithm + ";v=19;m=" + memoryKiB + ";t=" + iterations + ";p=" + parallelism;
    }
}
