package io.atlasonboard.core.claims;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import io.atlasonboard.core.Msg;
import io.atlasonboard.core.dns.CaaLookup;
import io.atlasonboard.core.dns.DelegationCheck;
import io.atlasonboard.core.dns.DnsAsk;
import io.atlasonboard.core.dns.DnssecCheck;
import io.atlasonboard.core.dns.ResolverSpec;
import io.atlasonboard.core.pki.DomainNames;
import io.atlasonboard.core.pki.InvalidInputException;
import io.atlasonboard.core.store.IntendedUse;

/**
 * What can make issuance fail after (or despite) a verified claim, checked before a claim is made (issue 9): the CAA
 * verdict for GlobalSign (RFC 8659 tree climbing and CNAMEs, {@code issuewild} for wildcards, RFC 9495
 * {@code issuemail} for S/MIME), the DNSSEC state as a validating resolver sees it (bogus blocks), the delegation
 * health of the zone (every name server answers authoritatively), and the note that wildcards need DNS validation.
 * One {@link PreflightFinding} per fact; {@link PreflightReport#blocking()} says whether anything blocks.
 */
public final class Preflight {
    /** The issuer domain GlobalSign's CAA records use. */
    public static final String GLOBALSIGN_CAA = "globalsign.com";

    private final DnsAsk lookups;
    private final DnsAsk validating;
    private final int authoritativePort;
    private final IntendedUse use;
    private final String caDomain;

    private Preflight(Builder b) {
        Duration t = b.timeout;
        this.lookups = new DnsAsk(b.resolvers, t, b.retries);
        this.validating = new DnsAsk(b.validatingResolvers.isEmpty() ? b.resolvers : b.validatingResolvers, t,
                b.retries);
        this.authoritativePort = b.authoritativePort;
        this.use = b.use;
        this.caDomain = b.caDomain;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<ResolverSpec> resolvers = new ArrayList<>();
        private final List<ResolverSpec> validatingResolvers = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(2);
        private int retries = 1;
        private int authoritativePort = ResolverSpec.DEFAULT_PORT;
        private IntendedUse use = IntendedUse.TLS;
        private String caDomain = GLOBALSIGN_CAA;

        /** Recursive resolvers for the CAA, NS and address lookups (default: the system's). */
        public Builder resolvers(List<ResolverSpec> r) {
            resolvers.clear();
            resolvers.addAll(r);
            return this;
        }

        /** The validating resolver(s) for the DNSSEC verdict (default: the same as {@link #resolvers}). */
        public Builder validatingResolvers(List<ResolverSpec> r) {
            validatingResolvers.clear();
            validatingResolvers.addAll(r);
            return this;
        }

        public Builder timeout(Duration d) {
            if (d.isNegative() || d.isZero() || d.toSeconds() > 60) {
                throw new IllegalArgumentException("the DNS timeout must be between 1 ms and 60 s");
            }
            this.timeout = d;
            return this;
        }

        public Builder retries(int n) {
            if (n < 0 || n > 10) {
                throw new IllegalArgumentException("DNS retries must be 0..10");
            }
            this.retries = n;
            return this;
        }

        /** Port on which the zone's name servers are asked (53 unless testing). */
        public Builder authoritativePort(int p) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("the name server port must be 1..65535");
            }
            this.authoritativePort = p;
            return this;
        }

        /** TLS (CAA issue/issuewild) or S/MIME (CAA issuemail). */
        public Builder intendedUse(IntendedUse u) {
            this.use = Objects.requireNonNull(u);
            return this;
        }

        public Builder caDomain(String d) {
            this.caDomain = Objects.requireNonNull(d);
            return this;
        }

        public Preflight build() {
            return new Preflight(this);
        }
    }

    /**
     * Normalises names for a preflight: lower-case A-labels, wildcards kept; for S/MIME an e-mail address is reduced
     * to its domain. All problems together.
     */
    public static List<String> names(List<String> inputs) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String in : inputs) {
            String s = in == null ? "" : in.strip();
            int at = s.lastIndexOf('@');
            if (at >= 0) {
                s = s.substring(at + 1);
            }
            try {
                out.add(DomainNames.normalize(s));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("No domain given; expected one or more names such as www.example.com");
        }
        return new ArrayList<>(out);
    }

    /** Runs every check for each name; findings in input order, per name CAA, DNSSEC, delegation, wildcard. */
    public PreflightReport run(List<String> domains) {
        List<PreflightFinding> findings = new ArrayList<>();
        for (String d : names(domains)) {
            findings.addAll(check(d));
        }
        return new PreflightReport(findings);
    }

    /** The findings for one (normalised) name. */
    public List<PreflightFinding> check(String domain) {
        List<PreflightFinding> out = new ArrayList<>();
        boolean wildcard = domain.startsWith("*.");
        out.add(caa(domain, wildcard));
        out.add(dnssec(domain));
        out.addAll(delegation(domain));
        if (wildcard) {
            out.add(new PreflightFinding(domain, PreflightFinding.Check.WILDCARD, PreflightFinding.Level.NOTE,
                    Msg.of("core.claims.preflight.wildcard"), null));
        }
        return out;
    }

    private PreflightFinding caa(String domain, boolean wildcard) {
        CaaLookup.Kind kind = use == IntendedUse.SMIME ? CaaLookup.Kind.EMAIL
                : wildcard ? CaaLookup.Kind.WILDCARD : CaaLookup.Kind.SERVER;
        CaaLookup.RecordSet set = new CaaLookup(lookups).find(domain);
        CaaLookup.Verdict v = set.evaluate(caDomain, kind);
        String who = caName();
        if (v.mayIssue()) {
            return new PreflightFinding(domain, PreflightFinding.Check.CAA, PreflightFinding.Level.OK,
                    Msg.of("core.claims.preflight.caa.may", who, reason(v)), null);
        }
        if (v.unknown()) {
            return new PreflightFinding(domain, PreflightFinding.Check.CAA, PreflightFinding.Level.BLOCKING,
                    Msg.of("core.claims.preflight.caa.unknown", who,
                            Msg.of("core.claims.preflight.caa.unknownDetail", who, reason(v))), null);
        }
        String owner = v.owner() != null ? v.owner() : set.name();
        return new PreflightFinding(domain, PreflightFinding.Check.CAA, PreflightFinding.Level.BLOCKING,
                Msg.of("core.claims.preflight.caa.mayNot", who, reason(v)), CaaLookup.lineToAdd(owner, caDomain, kind));
    }

    private static Msg reason(CaaLookup.Verdict v) {
        return v.reasonMsg() != null ? v.reasonMsg() : Msg.of("core.dns.problem.failed", v.reason());
    }

    private String caName() {
        return GLOBALSIGN_CAA.equals(caDomain) ? "GlobalSign" : caDomain;
    }

    private PreflightFinding dnssec(String domain) {
        DnssecCheck.Result r = new DnssecCheck(validating).check(domain);
        PreflightFinding.Level level = switch (r.state()) {
            case UNSIGNED, SIGNED_VALID -> PreflightFinding.Level.OK;
            case SIGNED_NOT_VALIDATED, UNKNOWN -> PreflightFinding.Level.WARNING;
            case BOGUS -> PreflightFinding.Level.BLOCKING;
        };
        String fix = r.state() == DnssecCheck.State.BOGUS ? "re-sign the zone (or fix the DS record at the parent); "
                + "GlobalSign validates DNSSEC and the claim will not verify until a validating resolver answers" : null;
        Msg detail = r.detailMsg() != null ? r.detailMsg() : Msg.of("core.dns.problem.failed", r.detail());
        return new PreflightFinding(domain, PreflightFinding.Check.DNSSEC, level,
                Msg.of("core.claims.preflight.dnssec." + r.state().name(), detail), fix);
    }

    private List<PreflightFinding> delegation(String domain) {
        DelegationCheck.Report r = new DelegationCheck(lookups, authoritativePort).check(domain);
        List<PreflightFinding> out = new ArrayList<>();
        if (r.problem() != null) {
            out.add(new PreflightFinding(domain, PreflightFinding.Check.DELEGATION, PreflightFinding.Level.BLOCKING,
                    Msg.of("core.claims.preflight.delegation.unchecked", r.problemMsg() != null ? r.problemMsg()
                            : Msg.of("core.dns.problem.failed", r.problem())), null));
            return out;
        }
        if (r.healthy()) {
            out.add(new PreflightFinding(domain, PreflightFinding.Check.DELEGATION, PreflightFinding.Level.OK,
                    Msg.of("core.claims.preflight.delegation.healthy", r.zone(), r.servers().size()), null));
            return out;
        }
        PreflightFinding.Level level = r.okCount() == 0 ? PreflightFinding.Level.BLOCKING
                : PreflightFinding.Level.WARNING;
        for (DelegationCheck.Server s : r.servers()) {
            if (s.state() != DelegationCheck.State.OK) {
                out.add(new PreflightFinding(domain, PreflightFinding.Check.DELEGATION, level,
                        Msg.of("core.claims.preflight.delegation.server", r.zone(), s.describeMsg()), "fix or remove " + s.host() + " from the NS records of "
                        + r.zone() + " (and at the parent); GlobalSign may ask any of them"));
            }
        }
        out.add(new PreflightFinding(domain, PreflightFinding.Check.DELEGATION, PreflightFinding.Level.NOTE,
                Msg.of("core.claims.preflight.delegation.count", r.zone(), r.okCount(), r.servers().size()), null));
        return out;
    }
}
