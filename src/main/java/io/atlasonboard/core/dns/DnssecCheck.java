package io.atlasonboard.core.dns;

import java.util.Objects;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import io.atlasonboard.core.Msg;

/**
 * The DNSSEC state of a name as a validating resolver sees it (CAs validate DNSSEC since CA/B Forum ballot SC-085v2):
 * ask for the TXT records at the name with the DNSSEC OK bit. SERVFAIL that turns into an answer when Checking
 * Disabled is set means the signatures do not validate (bogus): the CA's lookups fail and the claim never verifies.
 * The Authenticated Data flag means signed and valid. Signatures without AD mean signed but not validated by this
 * resolver (it does not validate, or the chain of trust does not reach the zone). No signatures: unsigned.
 */
public final class DnssecCheck {

    public enum State {
        UNSIGNED, SIGNED_VALID, SIGNED_NOT_VALIDATED, BOGUS, UNKNOWN
    }

    /** The state and a sentence for a person: English ({@code detail}, the command line) and as a {@link Msg}. */
    public record Result(String name, State state, String detail, Msg detailMsg) {
        public Result(String name, State state, Msg detail) {
            this(name, state, detail.english(), detail);
        }
    }

    private final DnsAsk validating;

    /** @param validating asks the validating resolver(s) */
    public DnssecCheck(DnsAsk validating) {
        this.validating = Objects.requireNonNull(validating);
    }

    public Result check(String domain) {
        String d = domain.trim().startsWith("*.") ? domain.trim().substring(2) : domain.trim();
        Name n = DnsAsk.name(d);
        String who = validating.resolvers().toString();
        Message m;
        try {
            m = validating.recursive(n, Type.TXT, true, false);
        } catch (DnsAsk.Failure e) {
            return new Result(d, State.UNKNOWN, Msg.of("core.dns.dnssec.noAnswer", e.getMessage()));
        }
        if (m.getRcode() == Rcode.SERVFAIL) {
            Message cd;
            try {
                cd = validating.recursive(n, Type.TXT, true, true);
            } catch (DnsAsk.Failure e) {
                return new Result(d, State.UNKNOWN, Msg.of("core.dns.dnssec.servfailNoAnswer", who,
                        e.getMessage()));
            }
            int rc = cd.getRcode();
            if (rc == Rcode.NOERROR || rc == Rcode.NXDOMAIN) {
                return new Result(d, State.BOGUS, Msg.of("core.dns.dnssec.bogus", who,
                        Rcode.string(rc)));
            }
            return new Result(d, State.UNKNOWN, Msg.of("core.dns.dnssec.servfailAlways", who));
        }
        if (m.getRcode() != Rcode.NOERROR && m.getRcode() != Rcode.NXDOMAIN) {
            return new Result(d, State.UNKNOWN, Msg.of("core.dns.dnssec.answered", who,
                    Rcode.string(m.getRcode())));
        }
        if (m.getHeader().getFlag(Flags.AD)) {
            return new Result(d, State.SIGNED_VALID, Msg.of("core.dns.dnssec.valid", who));
        }
        if (signed(m)) {
            return new Result(d, State.SIGNED_NOT_VALIDATED, Msg.of("core.dns.dnssec.notValidated", who));
        }
        return new Result(d, State.UNSIGNED, Msg.of("core.dns.dnssec.unsigned"));
    }

    private static boolean signed(Message m) {
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (Record r : m.getSection(section)) {
                if (r instanceof RRSIGRecord) {
                    return true;
                }
            }
        }
        return false;
    }
}
