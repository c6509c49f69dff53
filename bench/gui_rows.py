#!/usr/bin/env python3
"""bench/run helper: table rows from FxStallWalk's output (stall lines) and /usr/bin/time -v (peak RSS). Arg: the work dir."""
import re, sys

w = sys.argv[1]

def rss(f):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f).read())
    return int(m.group(1)) / 1024 if m else None

def stalls(f, kind="stall"):
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^" + kind + r" (\S+) ([\d.]+)$", open(f).read(), re.M)}

walk_ok = "walk ok" in open(f"{w}/walk.out").read()
note = "" if walk_ok else " (walk FAILED, see walk.err)"
a, b = rss(f"{w}/walk.err"), rss(f"{w}/idle.err")
if a and b:
    print("\t".join(["GUI peak RSS through the sandbox walk vs a bare window (same harness)" + note,
                     f"{a:.0f} MiB", f"{b:.0f} MiB", f"{a / b:.2f}x", ""]))
s, i = stalls(f"{w}/walk.out"), stalls(f"{w}/idle.out").get("idle")
cpu = stalls(f"{w}/walk.out", "cpu")  # the FX thread's own CPU time within that phase's busiest gap
for key, label in [("key-generation", "key generation (step 2)"),
                   ("mtls-and-pkcs12", "mTLS certificate + PKCS#12 (steps 3-4)"),
                   ("connection-test", "connection test (steps 5-6)"), ("dns-step", "DNS step (step 7)"),
                   ("dns200-open", "the DNS pane opened in a window of its own"),
                   ("dns200-claims", "200 domains claimed in the DNS pane"),
                   ("dns200-check", "200-domain check (Check all records)"),
                   ("unlock", "create/unlock screen"), ("first-window", "the window composed and first shown"),
                   ("screen-change", "building the next screen and its first CSS/layout (Next/Back)"), ("overall", "whole walk")]:
    if key in s and i:
        c = f", FX CPU {cpu[key]:.0f} ms" if key in cpu else ""
        print("\t".join([f"longest FX-thread stall: {label} vs an idle bare window" + note, f"{s[key]:.0f} ms{c}",
                         f"{i:.0f} ms", f"{s[key] / i:.2f}x", "target <= 50 ms"]))
