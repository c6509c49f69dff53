#!/usr/bin/env bash
# packaging/appcds.sh [JAR] [ARCHIVE]: builds an AppCDS archive for the application jar (JDK 17+), to be used with
#   java -XX:SharedArchiveFile=ARCHIVE -jar JAR ...     (packaging/package.sh: bin/atlas-onboard)
# Class lists are recorded from training runs of the command line (help, PKI, store, DNS) and of the window up to its
# first frame (under xvfb-run when there is no display; skipped, with a note, when neither is there). The archive
# must be rebuilt for every new jar and JDK; a JVM given a stale archive says so and runs without it.
# The archive names the jar by its absolute path (JDK 17 does not accept a moved jar), so it only serves that path.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(realpath "${1:-target/atlas-onboard.jar}")   # the archive only applies to this exact path
OUT=${2:-target/atlas-onboard.jsa}
[ -f "$JAR" ] || { echo "appcds: $JAR not found (mvn -DskipTests package first)" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
run() { local n=$1; shift; java -Xshare:off -XX:DumpLoadedClassList="$T/$n.lst" -jar "$JAR" "$@" >/dev/null 2>&1 || true; }
printf 'kite marble violet 77 tundra\n' > "$T/pw"
printf 'correct horse battery staple 42\n' > "$T/pass"
run help --help
run csr csr --cn app.example.com --country DE --org Example --csr-out "$T/r.csr" --key-out "$T/k.pem" \
  --key-password-file "$T/pw"
run inspect inspect "$T/r.csr"
run store --home "$T/h" --passphrase-file "$T/pass" provider list
run dns dns check example.invalid --expect x --bootstrap 127.0.0.1:9 --timeout-ms 50 --retries 0
# the first window: -Datlas.bench.firstFrame=exit ends the process after its first frame (ui/shell/FrameMark)
# (its own temp folder, removed with the others: a run the timeout kills leaves JavaFX's copy of the icon font)
gui=(java -Xshare:off -XX:DumpLoadedClassList="$T/gui.lst" -Djava.io.tmpdir="$T" -Datlas.bench.firstFrame=exit -jar "$JAR"
  --home "$T/gh")
if [ -n "${DISPLAY:-}" ]; then
  timeout 120 "${gui[@]}" >/dev/null 2>&1 || true
elif command -v xvfb-run >/dev/null; then
  timeout 120 xvfb-run -a -s "-screen 0 1600x1000x24" "${gui[@]}" >/dev/null 2>&1 || true
fi
grep -qx 'io/atlasonboard/ui/shell/MainWindow' "$T/gui.lst" 2>/dev/null \
  || echo "appcds: the window did not open (no display, no xvfb-run, or no GTK): its classes are not in the archive" >&2
sort -u "$T"/*.lst | grep -v '^#' > "$T/all.lst"
# APPCDS_START_LIST=FILE keeps the start-up list: the first window's classes and --help's (the command line's start).
# packaging/package.sh dumps the app image's and the .deb's archive from it (the whole list's archive, 43 MB, would
# not fit the package's installed-size limit). Without the window's run (see the note above) --help's alone.
[ -z "${APPCDS_START_LIST:-}" ] || sort -u "$T/help.lst" "$T/gui.lst" 2>/dev/null | grep -v '^#' > "$APPCDS_START_LIST"
java -Xshare:dump -XX:SharedClassListFile="$T/all.lst" -XX:SharedArchiveFile="$OUT" -cp "$JAR" >/dev/null 2>&1 \
  || java -Xshare:dump -XX:SharedClassListFile="$T/all.lst" -XX:SharedArchiveFile="$OUT" -cp "$JAR"
echo "$OUT"
