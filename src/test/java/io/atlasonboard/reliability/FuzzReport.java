package io.atlasonboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Prints a fuzz run's figures and fails on any crash, hang or large allocation (naming up to 5 inputs per parser). */
public final class FuzzReport {
    private FuzzReport() {
    }

    public static void report(String what, List<Fuzzer.Result> results) {
        int inputs = 0;
        int traces = 0;
        int slow = 0;
        int big = 0;
        List<String> rows = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        for (Fuzzer.Result r : results) {
            inputs += r.inputs();
            traces += r.stackTraces();
            slow += r.overTime();
            big += r.overMemory();
            rows.add(r.figure());
            samples.addAll(r.samples());
        }
        Figures.print(what, "inputs " + inputs + ", stack traces " + traces + ", over-time " + slow
                + ", over-memory " + big + "\n  " + String.join("\n  ", rows));
        assertThat(samples).as("inputs that crashed, hung or blew memory").isEmpty();
    }
}
