#!/usr/bin/env bash
# Runs Atlas Onboard from a checkout on a fresh Debian 12 machine: installs Java 17, Maven and GTK 3 when missing
# (packaging/setup.sh app), builds target/atlas-onboard.jar when missing, then starts it. Arguments are passed on:
# none opens the application (needs a display; without one use `xvfb-run -a bash packaging/run.sh`), any argument
# runs the command line (bash packaging/run.sh --help). A build here also makes the AppCDS archive
# (packaging/appcds.sh, target/atlas-onboard.jsa), used while it is newer than the jar: faster start, less CPU.
# JVM options: packaging/jvm.options, as the installed launcher has them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup.sh app
if [ ! -f target/atlas-onboard.jar ]; then
  mvn -B -DskipTests package
  bash packaging/appcds.sh >/dev/null || echo "note: no AppCDS archive (packaging/appcds.sh failed); starting without" >&2
fi
jar=$(realpath target/atlas-onboard.jar)   # the archive holds this exact path
cds=()
[ target/atlas-onboard.jsa -nt "$jar" ] && cds=(-XX:SharedArchiveFile="$PWD/target/atlas-onboard.jsa" -Xshare:auto)
# the launcher's JVM options (heap cap, GC): the same file packaging/package.sh gives the installed launcher
mapfile -t opts < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^[[:space:]]*$/d' packaging/jvm.options)
exec java "${opts[@]}" "${cds[@]}" -jar "$jar" "$@"
