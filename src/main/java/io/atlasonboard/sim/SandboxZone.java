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
    private final Map<String, java.time.Instant> publishedAt = new java.util.HashMap<>();
    private long serial = 1;
    private volatile Runnable onChange = () -> { };

    /** Called after every change (outside the zone's lock), e.g. to save the sandbox. */
    public void onChange(Runnable r) {
        this.onChange = r == null ? () -> { } : r;
    }

    private static String entry(String key, String value) {
        return key + "\n" + value;
    }

    static String key(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    /** Adds a TXT record {@code value} at {@code name} (other values at that name stay). */
    public void publish(String name, String value) {
        boolean added;
        synchronized (this) {
            added = txt.computeIfAbsent(key(name), k -> new LinkedHashSet<>()).add(value);
            if (added) {
                publishedAt.put(entry(key(name), value), java.time.Instant.now());
                serial++;
            }
        }
        if (added) {
            onChange.run();
        }
    }

    /** Removes one TXT value; true if it was there. */
    public boolean remove(String name, String value) {
        boolean removed = removeLocked(name, value);
        if (removed) {
            onChange.run();
        }
        return removed;
    }

    private synchronized boolean removeLocked(String name, String value) {
        Set<String> s = txt.get(key(name));
        boolean removed = s != null && s.remove(value);
        publishedAt.remove(entry(key(name), value));
        if (s != null && s.isEmpty()) {
            txt.remove(key(name));
        }
        if (removed) {
            serial++;
        }
        return removed;
    }

    /** Removes every TXT value at {@code name}; true if any was there. */
    public boolean removeAll(String name) {
        boolean removed = removeAllLocked(name);
        if (removed) {
            onChange.run();
        }
        return removed;
    }

    private synchronized boolean removeAllLocked(String name) {
        Set<String> gone = txt.remove(key(name));
        boolean removed = gone != null;
        if (removed) {
            gone.forEach(v -> publishedAt.remove(entry(key(name), v)));
        }
        if (removed) {
            serial++;
        }
        return removed;
    }

    /** Every name that holds at least one TXT record (lower case, with trailing dot). */
    public synchronized List<String> names() {
        return new ArrayList<>(txt.keySet());
    }

    /**
     * The TXT values at {@code name} published before {@code cutoff}: what a secondary name server that receives
     * changes late sees (removals reach it at once).
     */
    public synchronized List<String> txtPublishedBefore(String name, java.time.Instant cutoff) {
        List<String> out = new ArrayList<>();
        for (String v : txt(name)) {
            java.time.Instant at = publishedAt.get(entry(key(name), v));
            if (at != null && at.isBefore(cutoff)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The names with at least one value published before {@code cutoff}. */
    public synchronized List<String> namesPublishedBefore(java.time.Instant cutoff) {
        List<String> out = new ArrayList<>();
        for (String n : txt.keySet()) {
            if (!txtPublishedBefore(n, cutoff).isEmpty()) {
                out.add(n);
            }
        }
        return out;
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
