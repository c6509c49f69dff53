package io.atlasonboard.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The in-simulator DNS zone: TXT records that claim assertions see when no real DNS server is configured.
 * Names are case-insensitive, with or without trailing dot. Thread-safe.
 */
public final class SandboxZone {
    private final Map<String, Set<String>> txt = new LinkedHashMap<>();
    private long serial = 1;

    static String key(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    /** Adds a TXT record {@code value} at {@code name} (other values at that name stay). */
    public synchronized void publish(String name, String value) {
        if (txt.computeIfAbsent(key(name), k -> new LinkedHashSet<>()).add(value)) {
            serial++;
        }
    }

    /** Removes one TXT value; true if it was there. */
    public synchronized boolean remove(String name, String value) {
        Set<String> s = txt.get(key(name));
        boolean removed = s != null && s.remove(value);
        if (s != null && s.isEmpty()) {
            txt.remove(key(name));
        }
        if (removed) {
            serial++;
        }
        return removed;
    }

    /** Removes every TXT value at {@code name}; true if any was there. */
    public synchronized boolean removeAll(String name) {
        boolean removed = txt.remove(key(name)) != null;
        if (removed) {
            serial++;
        }
        return removed;
    }

    /** Every name that holds at least one TXT record (lower case, with trailing dot). */
    public synchronized List<String> names() {
        return new ArrayList<>(txt.keySet());
    }

    /** Grows with every change (the SOA serial of {@link SandboxDnsServer}). */
    public synchronized long serial() {
        return serial;
    }

    public synchronized List<String> txt(String name) {
        Set<String> s = txt.get(key(name));
        return s == null ? List.of() : new ArrayList<>(s);
    }
}
