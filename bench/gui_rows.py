#!/usr/bin/env python3
"""bench/run helper: table rows from FxStallWalk's output (stall lines) and /usr/bin/time -v (peak RSS) of the walks
walkN.out/.err (BENCH_WALKS of them) and the idle peer idle.out/.err: per phase the median of the walks' longest gaps,
with their range. Arg: the work dir."""
import glob, re, statistics, sys

w = sys.argv[1]
walks = sorted(glob.glob(f"{w}/walk[0-9]*.out"), key=lambda f: int(re.search(r"walk(\d+)\.out$", f).group(1)))

def rss(f):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f).read())
    return int(m.group(1)) / 1024 if m else None

def stalls(f, kind="stall"):
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"^" + kind + r" (\S+) ([\d.]+)$", open(f).read(), re.M)}

ok = [f for f in walks if "walk ok" in open(f).read()]
note = "" if ok and len(ok) == len(walks) else f" ({len(walks) - len(ok)} of {len(walks)} walks FAILED, see walkN.err)"
peaks = [r for r in (rss(f[:-4] + ".err") for f in ok) if r]
b = rss(f"{w}/idle.err")
if peaks and b:
    a = max(peaks)
    print("\t".join([f"GUI peak RSS through the sandbox walk vs a bare window (same harness; highest of {len(peaks)})"
                     + note, f"{a:.0f} MiB", f"{b:.0f} MiB", f"{a / b:.2f}x", ""]))
runs = [stalls(f) for f in ok]
cpus = [stalls(f, "cpu") for f in ok]  # the FX thread's own CPU time within that phase's busiest gap
i = stalls(f"{w}/idle.out").get("idle")
PHASES = [("key-generation", "key generation (step 2)"),
                   ("mtls-and-pkcs12", "mTLS certificate + PKCS#12 (steps 3-4)"),
                   ("connection-test", "connection test (steps 5-6)"), ("dns-step", "DNS step (step 7)"),
                   ("dns200-open", "the DNS pane opened in a window of its own"),
                   ("dns200-claims", "200 domains claimed in the DNS pane"),
                   ("dns200-check", "200-domain check (Check all records)"),
                   ("unlock", "create/unlock screen"), ("first-window", "the window composed and first shown"),
                   ("screen-change", "building the next screen and its first CSS/layout (Next/Back)"), ("overall", "whole walk")]
for key, label in PHASES:
    v = [r[key] for r in runs if key in r]
    if not v or not i:
        continue
    c = [r[key] for r in cpus if key in r]
    med = statistics.median(v)
    rng = f" [{min(v):.0f}-{max(v):.0f}]" if len(v) > 1 else ""
    fx = f", FX CPU {statistics.median(c):.0f} ms" if c else ""
    print("\t".join([f"longest FX-thread stall: {label} vs an idle bare window" + note, f"{med:.0f} ms{rng}{fx}",
                     f"{i:.0f} ms", f"{med / i:.2f}x", "target <= 50 ms"]))

# the same walk's second pass in the same JVM (-Dbench.warmWalk=true): what is left once warm
try:
    warm_text = open(f"{w}/warmwalk.out").read()
except OSError:
    warm_text = ""
if "walk ok" in warm_text:
    warm = stalls(f"{w}/warmwalk.out")
    short = {"key-generation": "keygen", "mtls-and-pkcs12": "mTLS", "connection-test": "connection", "dns-step": "DNS step",
             "dns200-open": "DNS pane", "dns200-claims": "200 claims", "dns200-check": "200-check", "unlock": "unlock",
             "first-window": "window", "screen-change": "screen change"}
    parts = [f"{short[k]} {warm['warm-' + k]:.0f}" for k, _ in PHASES if k in short and "warm-" + k in warm]
    print("\t".join(["longest FX-thread stalls once warm: the walk's second pass in the same JVM (one walk; cold rows above)",
                     ", ".join(parts) + " ms", "", "", ""]))
elif warm_text or glob.glob(f"{w}/warmwalk.err"):
    print("\t".join(["longest FX-thread stalls once warm (second pass): the walk FAILED, see warmwalk.err", "", "", "", ""]))
