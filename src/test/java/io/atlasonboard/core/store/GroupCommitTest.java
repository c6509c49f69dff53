package io.atlasonboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouped commits (Db.txGrouped: the claims of a batch, the audit trail): the rows are read at once, committed by
 * the group bound, the delay, the next plain write and the close, and a failing write (grouped or plain) rolls back
 * only itself, never the rows waiting for their commit. Checked by reopening the store from its file.
 */
class GroupCommitTest {
    @TempDir
    Path tmp;

    private static long provider(Store s) {
        return s.providers().save(ProviderRecord.builder().name("P").apiKey("k").build(), null).id();
    }

    private static DomainClaimRecord claim(long pid, int i) {
        return DomainClaimRecord.of(pid, String.format("%032X", i), "d" + i + ".example.test", "PENDING", "tok" + i,
                null, null);
    }

    @Test
    void groupedRowsAreReadAtOnceAndOnDiskAfterClose() {
        Path home = tmp.resolve("home");
        long pid;
        try (Store s = StoreTestSupport.newStore(home)) {
            pid = provider(s);
            List<String> domains = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                s.domainClaims().upsertGrouped(claim(pid, i));
                s.audit().record(new AuditEntry(pid, Instant.now(), "POST", "/claims/domains/d" + i, 201,
                        Duration.ofMillis(3), null, null));
                domains.add("d" + i + ".example.test");
            }
            assertThat(s.db().pendingCommits()).as("waiting for one commit").isEqualTo(20);
            Map<String, List<DomainClaimRecord>> found = s.domainClaims().findByDomains(pid, domains);
            assertThat(found).hasSize(10);
            for (String d : domains) {
                assertThat(found.get(d)).isEqualTo(s.domainClaims().findByDomain(pid, d));
            }
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.domainClaims().list(pid)).hasSize(10);
            assertThat(s.audit().list(pid, null)).hasSize(10);
        }
    }

    @Test
    void theGroupBoundTheDelayAndAPlainWriteCommit() throws Exception {
        try (Store s = StoreTestSupport.newStore(tmp.resolve("home"))) {
            long pid = provider(s);
            for (int i = 0; i < Db.GROUP_MAX; i++) {
                s.domainClaims().upsertGrouped(claim(pid, i));
            }
            assertThat(s.db().pendingCommits()).as("the bound commits").isZero();
            s.domainClaims().upsertGrouped(claim(pid, 1000));
            assertThat(s.db().pendingCommits()).isEqualTo(1);
            s.domainClaims().setAuthorizationDomain(pid, "nothing", null); // a plain write commits the group too
            assertThat(s.db().pendingCommits()).isZero();
            s.domainClaims().upsertGrouped(claim(pid, 1001));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (s.db().pendingCommits() > 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(s.db().pendingCommits()).as("committed by the timer").isZero();
        }
    }

    @Test
    void aFailingWriteRollsBackOnlyItself() {
        Path home = tmp.resolve("home");
        long pid;
        try (Store s = StoreTestSupport.newStore(home)) {
            pid = provider(s);
            s.domainClaims().upsertGrouped(claim(pid, 1));
            // a grouped write that fails (no such provider): itself rolled back, claim 1 still waits
            assertThatThrownBy(() -> s.domainClaims().upsertGrouped(claim(pid + 999, 2)))
                    .isInstanceOf(NoSuchElementException.class);
            assertThat(s.db().pendingCommits()).isEqualTo(1);
            s.domainClaims().upsertGrouped(claim(pid, 3));
            // a plain write that fails after its insert: the insert goes, the waiting claims 1 and 3 stay
            assertThatThrownBy(() -> s.db().tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE domain_claim SET status = 'BROKEN'")) {
                    ps.executeUpdate();
                }
                throw new IllegalStateException("fails after writing");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(s.db().pendingCommits()).as("committed after the failed write's rollback").isZero();
        }
        try (Store s = StoreTestSupport.reopen(home)) {
            assertThat(s.domainClaims().list(pid)).extracting(DomainClaimRecord::domain)
                    .containsExactly("d1.example.test", "d3.example.test");
            assertThat(s.domainClaims().list(pid)).extracting(DomainClaimRecord::status).containsOnly("PENDING");
        }
    }
}
