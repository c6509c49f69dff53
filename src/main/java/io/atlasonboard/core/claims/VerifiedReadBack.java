package io.atlasonboard.core.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.atlasonboard.core.atlas.AtlasApiException;
import io.atlasonboard.core.atlas.AtlasClient;
import io.atlasonboard.core.atlas.AtlasTransportException;
import io.atlasonboard.core.atlas.Claim;
import io.atlasonboard.core.atlas.Page;
import io.atlasonboard.core.store.DomainClaimRecord;
import io.atlasonboard.core.tasks.ProgressSink;

/**
 * After a verification batch: what GlobalSign now says of the claims it verified at once ({@code 204}, which has no
 * body), above all their real {@code expires_at} and the log entry of the verification, read in as few requests as
 * the account allows. One claim: its {@code GET /claims/domains/{id}}. More: the first page of the listing of
 * verified claims ({@code status=VERIFIED}), whose {@code Total-Count} says how many pages the rest costs; the rest is
 * listed (pages in parallel) when that costs no more than one GET per claim still missing (a page counted as
 * {@value #PAGE_WEIGHT} GETs), else those claims are read one by one. A claim the listing did not show (deleted
 * meanwhile, or moved between pages while they were read) is read by its GET, so every claim ends with GlobalSign's
 * answer, and a read fails only as the GET did before (the verified state stays stored without the new expiry; a
 * 404 marks it deleted). The GETs run through a {@link BatchRunner}: bounded concurrency, the shared backoff on
 * 429/503 with the server's Retry-After.
 */
final class VerifiedReadBack {
    /**
     * What one page of the listing costs, in GETs of one claim: a page is 100 claims with their logs (about 44 KB
     * against 450 bytes). Measured against the sandbox on loopback, 98 pages (4 in flight) took 270-520 ms and 200
     * GETs 190-420 ms, so about two; over a WAN, where the round trip dominates, a little over one. Counted as two,
     * the listing is used only where it costs no more than the GETs it saves, and an account holding thousands of
     * verified claims falls back to the GETs instead of reading them all.
     */
    static final int PAGE_WEIGHT = 2;

    private final AtlasClient client;
    private final BiFunction<DomainClaimRecord, Claim, DomainClaimRecord> saveRead;
    private final Function<DomainClaimRecord, DomainClaimRecord> saveGone;
    private final Supplier<BatchRunner> runners;
    private int requeues;

    /**
     * @param saveRead  stores what GlobalSign said of a claim (the record as saved at the 204, the claim read)
     * @param saveGone  stores a claim GlobalSign no longer knows (404)
     * @param runners   a new batch runner for the GETs
     */
    VerifiedReadBack(AtlasClient client, BiFunction<DomainClaimRecord, Claim, DomainClaimRecord> saveRead,
            Function<DomainClaimRecord, DomainClaimRecord> saveGone, Supplier<BatchRunner> runners) {
        this.client = client;
        this.saveRead = saveRead;
        this.saveGone = saveGone;
        this.runners = runners;
    }

    /** Times a GET was put back because of a slow-down. */
    int requeues() {
        return requeues;
    }

    /** Reads back {@code verified} (the records as saved at their 204) and stores what GlobalSign says of each. */
    void readBack(List<DomainClaimRecord> verified, ProgressSink sink) {
        Map<String, DomainClaimRecord> want = new LinkedHashMap<>();
        for (DomainClaimRecord r : verified) {
            want.put(key(r.claimId()), r);
        }
        if (want.size() >= 2) {
            try {
                fromListing(want, sink);
            } catch (AtlasApiException | AtlasTransportException e) {
                // rate limited or unreachable while listing: what is still missing is read claim by claim
            }
        }
        if (!want.isEmpty() && !sink.isCancelled()) {
            byGet(new ArrayList<>(want.values()), sink);
        }
    }

    private void fromListing(Map<String, DomainClaimRecord> want, ProgressSink sink) {
        Page<Claim> first = client.listClaims("VERIFIED", 1, AtlasClient.LIST_PER_PAGE);
        take(first.items(), want);
        if (want.isEmpty() || first.totalCount() == null || first.items().isEmpty() || sink.isCancelled()) {
            return;
        }
        long pages = (first.totalCount() + AtlasClient.LIST_PER_PAGE - 1L) / AtlasClient.LIST_PER_PAGE;
        if (pages < 2 || PAGE_WEIGHT * (pages - 1) > want.size()) {
            return; // no further page, or the pages would cost more than the GETs of the claims still missing
        }
        for (Page<Claim> p : client.listClaimPages("VERIFIED", 2, (int) pages)) {
            take(p.items(), want);
        }
    }

    private void take(List<Claim> items, Map<String, DomainClaimRecord> want) {
        for (Claim c : items) {
            DomainClaimRecord r = c.id() == null ? null : want.remove(key(c.id()));
            if (r != null) {
                saveRead.apply(r, c);
            }
        }
    }

    private void byGet(List<DomainClaimRecord> recs, ProgressSink outer) {
        Map<String, DomainClaimRecord> byId = new LinkedHashMap<>();
        recs.forEach(r -> byId.put(r.claimId(), r));
        ProgressSink quiet = new ProgressSink() {
            @Override
            public void update(double fraction, String message) {
                // the batch's progress is the verifications'; reading them back is part of the last one
            }

            @Override
            public boolean isCancelled() {
                return outer.isCancelled();
            }
        };
        BatchRunner runner = runners.get();
        runner.run(new ArrayList<>(byId.keySet()), (id, pace) -> {
            DomainClaimRecord r = byId.get(id);
            try {
                saveRead.apply(r, client.getClaim(id));
            } catch (AtlasApiException e) {
                if (e.status() == 429 || e.status() == 503) {
                    throw new BatchRunner.RetryLater(ClaimService.describe(e), e);
                }
                if (e.status() == 404) {
                    saveGone.apply(r);
                }
            } catch (AtlasTransportException e) {
                throw new BatchRunner.RetryLater(e.getMessage(), e);
            }
            return Boolean.TRUE;
        }, new BatchRunner.Outcomes<Boolean>() {
            @Override
            public Boolean gaveUp(String item, String reason) {
                return Boolean.FALSE; // stays as saved at the 204: verified, the expiry not read
            }

            @Override
            public Boolean failed(String item, Exception e) {
                return Boolean.FALSE;
            }

            @Override
            public Boolean cancelled(String item) {
                return Boolean.FALSE;
            }

            @Override
            public String describe(Boolean result) {
                return "";
            }
        }, quiet, null);
        requeues += runner.requeues();
    }

    private static String key(String claimId) {
        return claimId.toUpperCase(Locale.ROOT);
    }
}
