#!/usr/bin/env bash
# packaging/appcds.sh [JAR] [ARCHIVE]: builds an AppCDS archive for the application jar (JDK 17+), to be used with
#   java -XX:SharedArchiveFile=ARCHIVE -jar JAR ...     (jpackage: --java-options "-XX:SharedArchiveFile=...")
# Class lists are recorded from training runs of the command line (help, PKI, store, DNS) and the GUI's first
# classes are not included (that needs a display). The archive must be rebuilt for every new jar and JDK.
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
sort -u "$T"/*.lst | grep -v '^#' > "$T/all.lst"
java -Xshare:dump -XX:SharedClassListFile="$T/all.lst" -XX:SharedArchiveFile="$OUT" -cp "$JAR" >/dev/null 2>&1 \
  || java -Xshare:dump -XX:SharedClassListFile="$T/all.lst" -XX:SharedArchiveFile="$OUT" -cp "$JAR"
echo "$OUT"
