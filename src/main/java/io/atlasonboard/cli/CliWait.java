package io.atlasonboard.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/**
 * The {@code --wait DURATION} options and the progress lines printed while a command waits. No command waits longer
 * than about a minute unless the user asks for it: the defaults are at most {@link #DEFAULT}, and every wait prints
 * "waiting for ...: 12 s of 60 s" every {@link #EVERY} on standard error.
 */
final class CliWait {
    static final Duration DEFAULT = Duration.ofSeconds(60);
    static final Duration MAX = Duration.ofHours(24);
    static final Duration EVERY = Duration.ofSeconds(10);
    private static final Pattern PART = Pattern.compile("(\\d{1,6})(ms|min|h|m|s)?");

    private CliWait() {
    }

    /** Picocli converter: {@code 90}, {@code 90s}, {@code 5m}, {@code 1h}, {@code 2m30s}, {@code 1500ms}. */
    static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }
    }

    static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new CommandLine.TypeConversionException("a duration is empty");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(t);
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a duration (for example 90, "
                        + "90s, 5m, 1h, 2m30s)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = d.plus(switch (unit) {
                case "h" -> Duration.ofHours(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "ms" -> Duration.ofMillis(n);
                default -> Duration.ofSeconds(n);
            });
            at = m.end();
        }
        if (d.compareTo(MAX) > 0) {
            throw new CommandLine.TypeConversionException("'" + text + "' is longer than 24 hours");
        }
        return d;
    }

    /** "45 s", "2 min 5 s", "1 h 10 min". */
    static String words(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }

    /**
     * Prints "waiting for {what}: 12 s of 60 s" every {@link #EVERY} until closed; {@code what} is asked each time
     * (null or empty: nothing to say this time).
     */
    /** A running progress printer; close it when the wait is over. */
    interface Ticker extends AutoCloseable {
        @Override
        void close();
    }

    static Ticker progress(PrintWriter err, Duration of, Supplier<String> what) {
        long start = System.nanoTime();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(EVERY.toMillis());
                    String w = what.get();
                    if (w == null || w.isEmpty() || CliCancellation.cancelled()) {
                        continue;
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    synchronized (err) {
                        err.println("waiting for " + w + ": " + words(took) + " of " + words(of));
                        err.flush();
                    }
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "wait-progress");
        t.setDaemon(true);
        t.start();
        return t::interrupt;
    }

    /** "a.com", "a.com and b.com", "a.com, b.com and 3 more". */
    static String names(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() == 2) {
            return names.get(0) + " and " + names.get(1);
        }
        return names.get(0) + ", " + names.get(1) + " and " + (names.size() - 2) + " more";
    }
}
