package io.atlasonboard.core.dns;

import io.atlasonboard.core.Msg;

import java.util.List;

/**
 * The result for one server.
 *
 * @param server    name of the server (NS host name for authoritative servers, the spec for resolvers)
 * @param address   the address and port asked, e.g. {@code 127.0.0.1:53}
 * @param kind      authoritative name server or configured resolver
 * @param outcome   FOUND / NOT_FOUND / WRONG_VALUE / ERROR
 * @param values    the TXT values seen at the name (strings of a record joined), for every outcome but ERROR
 * @param detail    a readable explanation (the error's reason, NXDOMAIN, extra quotes, ...), English
 * @param detailMsg the same explanation as a {@link Msg} for the UI, or null where it has none
 */
public record ServerResult(String server, String address, ServerKind kind, CheckOutcome outcome, List<String> values,
                           String detail, Msg detailMsg) {

    public ServerResult {
        values = List.copyOf(values);
        detail = detail == null ? "" : detail;
    }

    /** A result whose detail is English only (an error text from the resolver library, for example). */
    public ServerResult(String server, String address, ServerKind kind, CheckOutcome outcome, List<String> values,
                        String detail) {
        this(server, address, kind, outcome, values, detail, null);
    }

    /** A result whose detail is a {@link Msg}; {@link #detail()} is its English. */
    public static ServerResult of(String server, String address, ServerKind kind, CheckOutcome outcome,
                                  List<String> values, Msg detail) {
        return new ServerResult(server, address, kind, outcome, values, detail.english(), detail);
    }

    public boolean sees() {
        return outcome == CheckOutcome.FOUND;
    }

    /** One line, e.g. {@code AUTHORITATIVE ns1.example.com. (192.0.2.1:53): FOUND}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(kind == ServerKind.AUTHORITATIVE ? "authoritative " : "resolver      ");
        sb.append(server);
        if (!address.equals(server)) {
            sb.append(" (").append(address).append(')');
        }
        sb.append(": ").append(outcome.name().replace('_', ' '));
        if (!detail.isEmpty()) {
            sb.append(" - ").append(detail);
        }
        if (outcome == CheckOutcome.WRONG_VALUE || (outcome == CheckOutcome.NOT_FOUND && !values.isEmpty())) {
            sb.append(" - seen: ");
            for (int i = 0; i < values.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append('"').append(values.get(i)).append('"');
            }
        }
        return sb.toString();
    }
}
