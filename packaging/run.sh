#!/usr/bin/env bash
# Runs Atlas Onboard from a checkout on a fresh Debian 12 machine: installs Java 17, Maven and GTK 3 when missing
# (packaging/setup.sh app), builds target/atlas-onboard.jar when missing, then starts it. Arguments are passed on:
# none opens the application (needs a display; without one use `xvfb-run -a bash packaging/run.sh`), any argument
# runs the command line (bash packaging/run.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup.sh app
[ -f target/atlas-onboard.jar ] || mvn -B -DskipTests package
exec java -jar target/atlas-onboard.jar "$@"
