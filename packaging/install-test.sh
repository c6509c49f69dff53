#!/usr/bin/env bash
# Installation test of the Debian package on this machine (CI runs it after the tests):
#   packaging/install-test.sh [target/dist/atlas-onboard_*.deb]
# validates the desktop entry and AppStream metainfo from the package contents, installs it with `apt-get install
# ./file.deb`, runs the installed command (--help, --version, that it starts without asking dpkg or rpm anything, that
# postinst dumped its AppCDS archive and the launcher maps it, with --help timed with and without it, a key + CSR with
# the trimmed runtime, the no-display paragraph), reinstalls it (the upgrade path: prerm, then postinst), removes it,
# and checks that nothing is left under /opt/atlas-onboard, no desktop entry and no command remain, and that the
# user's data folder was not touched. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-$(ls target/dist/atlas-onboard_*.deb 2>/dev/null | head -1)}
[ -f "$deb" ] || { echo "no package: build it with packaging/package.sh deb" >&2; exit 1; }
deb=$(readlink -f "$deb")
version=$(dpkg-deb -f "$deb" Version)
app_id=io.atlasonboard.AtlasOnboard
sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
apt=(env DEBIAN_FRONTEND=noninteractive $sudo apt-get -y -q -o DPkg::Lock::Timeout=300)
fail() { echo "INSTALL TEST FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }

# the validators (test tools, not package dependencies)
need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v appstreamcli >/dev/null || need+=(appstream)
if [ ${#need[@]} -gt 0 ]; then
  "${apt[@]}" update
  "${apt[@]}" install --no-install-recommends "${need[@]}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step "package contents: $deb ($(stat -c %s "$deb") bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB)"
dpkg-deb -f "$deb" Package Version Architecture Depends
dpkg-deb -x "$deb" "$work/root"
desktop="$work/root/usr/share/applications/$app_id.desktop"
metainfo="$work/root/usr/share/metainfo/$app_id.metainfo.xml"
[ -f "$desktop" ] || fail "no desktop entry $desktop in the package"
[ -f "$metainfo" ] || fail "no metainfo in the package"
desktop-file-validate "$desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate --no-net"
wmclass=$(sed -n 's/^StartupWMClass=//p' "$desktop")
jar tf "$work/root/opt/atlas-onboard/lib/app/atlas-onboard.jar" | grep -xF "${wmclass//.//}.class" > /dev/null \
  || fail "StartupWMClass=$wmclass names no class in the jar (JavaFX names the window after its Application class)"
dpkg-deb -f "$deb" Depends | grep -qw libgtk-3-0 || fail "Depends lacks libgtk-3-0"
icon=$(sed -n 's/^Icon=//p' "$desktop")
sizes=$(ls "$work/root/usr/share/icons/hicolor/"*/apps/"$icon.png" | wc -l)
[ "$sizes" -ge 3 ] || fail "Icon=$icon has $sizes sizes under /usr/share/icons/hicolor (want >= 3)"
echo "desktop entry and metainfo valid; Icon=$icon in $sizes sizes"
if dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -qE '(pre|post)(inst|rm)$'; then
  echo "maintainer scripts: $(dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -E '(pre|post)(inst|rm)$' | xargs)"
else
  echo "maintainer scripts: none"
fi

# the user's data folder, before (it must look the same after install and removal)
data="${ATLAS_ONBOARD_HOME:-$HOME/.atlas-onboard}"
snapshot() { if [ -e "$data" ]; then find "$data" -printf '%p %s %T@ %m\n' | sort | sha256sum; else echo absent; fi; }
before=$(snapshot)

step "apt-get install $deb"
if ! "${apt[@]}" install "$deb"; then
  "${apt[@]}" update                              # a fresh machine has no package lists for the Depends yet
  "${apt[@]}" install "$deb"
fi
[ "$(dpkg-query -W -f '${Status}' atlas-onboard)" = "install ok installed" ] || fail "not fully installed"
[ "$(command -v atlas-onboard)" = /usr/bin/atlas-onboard ] || fail "atlas-onboard is not /usr/bin/atlas-onboard on PATH"
[ -f "/usr/share/applications/$app_id.desktop" ] || fail "desktop entry not installed"
echo "installed size: $(du -sm /opt/atlas-onboard | cut -f1) MB under /opt/atlas-onboard"

step "installed atlas-onboard --help / --version"
atlas-onboard --help > "$work/help.txt" || fail "atlas-onboard --help exited $?"
grep -q '^Usage: atlas-onboard' "$work/help.txt" || fail "--help: $(head -3 "$work/help.txt")"
head -3 "$work/help.txt"
v=$(atlas-onboard --version) || fail "--version exited $?"
[ "$v" = "Atlas Onboard $version" ] || fail "--version printed '$v', expected 'Atlas Onboard $version'"
echo "$v"

step "installed launcher: starts the runtime's java directly, asking no package manager"
# jpackage's native launcher ran `dpkg -S` and `dpkg -L` (and tried rpm) twice on every start, through sh and PATH;
# stand-ins first on PATH record any such call
mkdir -p "$work/spy"
for t in dpkg dpkg-query rpm; do
  printf '#!/bin/sh\necho "%s $*" >> "%s/spy.log"\nexit 1\n' "$t" "$work" > "$work/spy/$t"
  chmod 755 "$work/spy/$t"
done
PATH="$work/spy:$PATH" atlas-onboard --version > /dev/null || fail "atlas-onboard --version with the stand-ins"
[ ! -e "$work/spy.log" ] || fail "the launcher asked the package manager: $(cat "$work/spy.log")"
head -c 2 /opt/atlas-onboard/bin/atlas-onboard | grep -q '#!' || fail "bin/atlas-onboard is not the launcher script"
echo "no dpkg/rpm call at start; bin/atlas-onboard execs $(readlink -f /opt/atlas-onboard/lib/runtime/bin/atlas-onboard)"

step "installed AppCDS archive: dumped by postinst, mapped by the installed launcher"
jsa=/opt/atlas-onboard/lib/app/atlas-onboard.jsa
[ -s "$jsa" ] || fail "postinst did not build the start-up archive $jsa"
[ "$(dpkg -S "$jsa" 2>/dev/null)" = "" ] || fail "$jsa is in the package's file list (postinst should make it)"
echo "archive: $jsa ($(du -m "$jsa" | cut -f1) MB; installed tree $(du -sm /opt/atlas-onboard | cut -f1) MB," \
  "Installed-Size $(( $(dpkg-query -W -f '${Installed-Size}' atlas-onboard) / 1024 )) MB)"
# -Xshare:on makes a JVM that cannot map its archive (moved jar, other mtime or runtime) fail instead of going on.
# It goes in _JAVA_OPTIONS, which the JVM reads after the launcher's own -Xshare:auto (JAVA_TOOL_OPTIONS comes before
# the command line and would be overridden by it).
_JAVA_OPTIONS="-Xshare:on -Xlog:class+load=info:file=$work/cl.log" atlas-onboard --help > "$work/help-cds.txt" \
  2> "$work/cds.err" \
  || fail "the installed launcher cannot map its AppCDS archive: $(grep -v _JAVA_OPTIONS "$work/cds.err" | head -3)"
grep -q '^Usage: atlas-onboard' "$work/help-cds.txt" || fail "--help with -Xshare:on: $(head -3 "$work/help-cds.txt")"
# the application's own classes come from the archive (its top layer), not from the jar
grep -q 'io\.atlasonboard\.Launcher source: shared objects file' "$work/cl.log" \
  || fail "io.atlasonboard.Launcher not loaded from the archive: $(grep 'io\.atlasonboard\.Launcher ' "$work/cl.log")"
shared=$(grep -c 'source: shared objects file' "$work/cl.log" || true)
echo "-Xshare:on: mapped; $shared of $(grep -c 'source:' "$work/cl.log") classes from the archive"
# --help, 5 runs each alternating with and without it (median of wall time, and of user+sys CPU)
: > "$work/t.on"; : > "$work/t.off"
TIMEFORMAT='%R %U %S'
for i in 1 2 3 4 5; do
  for m in on off; do
    { time _JAVA_OPTIONS="-Xshare:$m" atlas-onboard --help >/dev/null 2>&1; } 2>> "$work/t.$m"
  done
done
med() { awk '{print $1, $2 + $3}' "$1" | sort -n | awk '{w[NR] = $1} END {printf "%.0f ms", w[int((NR + 1) / 2)] * 1000}'; }
cpu() { awk '{print $2 + $3}' "$1" | sort -n | awk '{c[NR] = $1} END {printf "%.0f ms", c[int((NR + 1) / 2)] * 1000}'; }
echo "--help with the archive: $(med "$work/t.on") (CPU $(cpu "$work/t.on")); without (-Xshare:off):" \
  "$(med "$work/t.off") (CPU $(cpu "$work/t.off")); medians of 5"

step "installed runtime: RSA key + CSR with the trimmed runtime, checked by openssl"
printf 'install-test-key-pw\n' > "$work/kpw.txt"
(cd "$work" && atlas-onboard csr --cn www.install-test.example --country DE --org "Install Test" \
  --dns www.install-test.example --csr-out req.csr --key-out key.pem --key-password-file kpw.txt) \
  || fail "atlas-onboard csr"
openssl req -in "$work/req.csr" -noout -verify 2>&1 | grep -q 'verify OK' || fail "CSR does not verify"
echo "CSR verified by openssl"

step "installed GUI without a display: one paragraph, exit 1"
set +e
env -u DISPLAY -u WAYLAND_DISPLAY HOME="$work" atlas-onboard > "$work/gui.out" 2> "$work/gui.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "GUI without display exited $rc"
grep -q 'cannot open its window' "$work/gui.err" || fail "no paragraph: $(cat "$work/gui.err")"
! grep -qE 'Exception|^\s+at ' "$work/gui.err" || fail "stack trace: $(cat "$work/gui.err")"
cat "$work/gui.err"

step "apt-get install --reinstall (as an upgrade: prerm removes the archive, postinst dumps it again)"
"${apt[@]}" install --reinstall "$deb"
[ -s "$jsa" ] || fail "no start-up archive after reinstalling"
_JAVA_OPTIONS=-Xshare:on atlas-onboard --version > /dev/null 2> "$work/re.err" \
  || fail "after reinstalling, the launcher cannot map its archive: $(grep -v _JAVA_OPTIONS "$work/re.err" | head -3)"
echo "reinstalled: the archive was dumped again and maps"

step "apt-get remove atlas-onboard"
"${apt[@]}" remove atlas-onboard
status=$(dpkg-query -W -f '${Status}' atlas-onboard 2>/dev/null || true)
case "$status" in ""|"unknown ok not-installed"|"deinstall ok not-installed"|"deinstall ok config-files") ;;
  *) fail "after removal dpkg says: $status" ;; esac
[ ! -e /opt/atlas-onboard ] || fail "left behind: $(find /opt/atlas-onboard | head)"
[ ! -e "/usr/share/applications/$app_id.desktop" ] || fail "desktop entry left behind"
[ ! -e /usr/bin/atlas-onboard ] || fail "/usr/bin/atlas-onboard left behind"
! ls /usr/share/icons/hicolor/*/apps/"$icon.png" >/dev/null 2>&1 || fail "icons left behind"
[ "$(snapshot)" = "$before" ] || fail "the data folder $data changed"
echo "removed: nothing under /opt/atlas-onboard, no desktop entry, no command, no icons; $data untouched"
echo "INSTALL TEST PASSED"
