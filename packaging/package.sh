#!/usr/bin/env bash
# Builds Atlas Onboard as a self-contained Linux app image (default) or a Debian package, into target/dist/:
#   packaging/package.sh app-image   -> target/dist/atlas-onboard/ (bin/atlas-onboard; any distribution)
#   packaging/package.sh deb         -> target/dist/atlas-onboard_<version>_<arch>.deb
# The app image is a jlink runtime (lib/runtime), the jar (lib/app) and a launcher script (bin/atlas-onboard), in
# jpackage's layout but without jpackage's launcher (see below). The .deb is assembled from it: /opt/atlas-onboard,
# the command /usr/bin/atlas-onboard, the desktop entry, hicolor icons and AppStream metainfo under /usr/share, and
# Depends computed from the shared libraries the runtime and JavaFX link against, plus GTK 3. Its maintainer scripts
# (packaging/deb/) only build and remove the start-up archive (AppCDS, below); the icon and menu caches are refreshed
# by the dpkg triggers of gtk-update-icon-cache and desktop-file-utils when those are installed, so installing and
# removing never depend on xdg-utils or on /usr/share/applications existing.
# JavaFX jmods are not on Maven Central, so JavaFX stays inside the shaded jar on the class path (hence Launcher).
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-app-image}
case "$type" in app-image|deb) ;; *) echo "usage: $0 [app-image|deb]" >&2; exit 2 ;; esac
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
name=atlas-onboard
app_id=io.atlasonboard.AtlasOnboard
# Size limits of the package: .deb <= 40 MB, installed <= 120 MB, the start-up archive included (38 MB / 86 MB
# without it, with jlink --compress=1). An archive of every trained class is 43 MB installed and 6.6 MB in the .deb
# (xz packs it 6:1): over both limits. So both the app image and the .deb get the archive of the start-up classes
# only: the first window's and --help's (~4,500; 31 MB; the window and --help start as fast as with the whole
# archive); the .deb ships the class list and its postinst dumps the archive, prerm removes it.
max_deb_mb=40; max_installed_mb=120
# the launcher's JVM options: packaging/jvm.options (one per line, '#' comments), shared with run.sh and bench/run
mapfile -t java_opts \
  < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^[[:space:]]*$/d' packaging/jvm.options)

# --- tools: the JDK's jlink; strip (binutils) for the runtime's native libraries
need=()
command -v jlink >/dev/null || need+=(openjdk-17-jdk-headless)
command -v strip >/dev/null || need+=(binutils)
if [ "$type" = deb ]; then
  command -v dpkg-deb >/dev/null || need+=(dpkg)
  # the first window's training run (packaging/appcds.sh) needs a display and GTK
  command -v xvfb-run >/dev/null || need+=(xvfb xauth)
  { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep -q 'libgtk-3\.so\.0' || need+=(libgtk-3-0)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "Installing packaging tools: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi

[ -f target/atlas-onboard.jar ] || mvn -B -DskipTests package
rm -rf target/dist target/deb-root
mkdir -p target/dist

# jdeps on the jar names these (minus java.compiler/java.instrument, which only H2's Java functions and agents
# load); it misses the service-loaded ones, which are added by hand: jdk.crypto.ec (TLS ECDHE/ECDSA),
# jdk.crypto.cryptoki, jdk.localedata (date/number formats), jdk.zipfs, jdk.net.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,\
java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.net,jdk.unsupported,jdk.unsupported.desktop,\
jdk.zipfs,jdk.httpserver,jdk.jfr
# formats for these locales only (jdk.localedata is 20 MB with all of them); others fall back to English
locales=en,de,fr,es,it,nl,pt,pl,cs,sv,da,nb,fi,ja,zh,ko
# --compress=1 shares the class files' constant strings in the modules image: 57 -> 40 MB installed, and xz packs it
# as well as before (11.8 -> 11.9 MB in the .deb). --compress=2 (zip) makes it 27 MB installed but xz cannot pack zip
# data: 25 MB in the .deb. JLINK_COMPRESS=0|1|2 to compare.
jlink_opts="--strip-debug --no-man-pages --no-header-files --include-locales=$locales \
--compress=${JLINK_COMPRESS:-1}"

echo "app image ($version)"
app=target/dist/$name
mkdir -p "$app/bin" "$app/lib/app"
jlink --add-modules "$modules" $jlink_opts --output "$app/lib/runtime"
# the runtime keeps one command, java, also named after the application so that its process is (ps, top, pkill)
find "$app/lib/runtime/bin" -mindepth 1 ! -name java -delete
ln -s java "$app/lib/runtime/bin/$name"
cp target/atlas-onboard.jar "$app/lib/app/"
# The launcher is a shell script, not jpackage's native launcher: that one asks rpm and dpkg which package owns it
# (dpkg -S and dpkg -L, twice) on every start, 90 ms of the installed --help's 330 ms here (more on a workstation
# with thousands of packages). The script finds the image through its own path (/usr/bin/atlas-onboard is a link).
grep -q "'" <<< "${java_opts[*]}" && { echo "packaging/jvm.options: no quotes, please" >&2; exit 1; }
{
  echo '#!/bin/sh'
  echo '# Atlas Onboard: without arguments its window, with arguments its command line (atlas-onboard --help).'
  echo '# Made by packaging/package.sh: the runtime of this image, the options of packaging/jvm.options, and the'
  echo '# start-up archive (AppCDS; -Xshare:auto starts without it when it is missing or stale).'
  echo 'here=$(readlink -f -- "$0") || exit 1'
  echo 'app=${here%/bin/*}'
  echo "exec \"\$app/lib/runtime/bin/$name\" -XX:SharedArchiveFile=\"\$app/lib/app/$name.jsa\" -Xshare:auto \\"
  echo "  $(printf "'%s' " "${java_opts[@]}")-cp \"\$app/lib/app/$name.jar\" io.atlasonboard.Launcher \"\$@\""
} > "$app/bin/$name"
chmod 755 "$app/bin/$name"

# AppCDS: the launcher asks for lib/app/atlas-onboard.jsa (-Xshare:auto: without it, or with one made for another
# path or runtime, it starts without). The archive must come from the image's own runtime and name the jar where it
# will run (JDK 17 checks the exact class path), so it is dumped by the launcher itself (JAVA_TOOL_OPTIONS) from the
# start-up class list of packaging/appcds.sh's training runs, with the image at its final place.
cds_dump() { # cds_dump IMAGE_DIR: writes IMAGE_DIR/lib/app/atlas-onboard.jsa for the image at that path
  [ -s target/appcds-start.lst ] || return 0
  rm -f "$1/lib/app/atlas-onboard.jsa"
  JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$PWD/target/appcds-start.lst" "$1/bin/$name" >/dev/null 2>&1 \
    || true
}
# jlink's --strip-debug leaves the symbol tables of the JDK's shared libraries (libjvm.so alone: 24 -> 20 MB)
find "$app/lib/runtime" -name '*.so' -exec strip --strip-unneeded {} +
# the start-up class list (first window, --help), from packaging/appcds.sh's training runs
rm -f target/appcds-start.lst
APPCDS_START_LIST=$PWD/target/appcds-start.lst bash packaging/appcds.sh target/atlas-onboard.jar target/appcds-jdk.jsa \
  >/dev/null || echo "note: packaging/appcds.sh failed; no AppCDS archive" >&2
if [ "$type" = app-image ]; then
  cds_dump "$PWD/$app"   # valid while the image stays in target/dist
  if [ -s "$app/lib/app/$name.jsa" ]; then chmod 644 "$app/lib/app/$name.jsa"
    echo "AppCDS archive: $(du -m "$app/lib/app/$name.jsa" | cut -f1) MB"
  else echo "note: no AppCDS archive in the app image (the dump failed)" >&2; fi
fi
echo "app image: $app ($(du -sm "$app" | cut -f1) MB; runtime $(du -sm "$app/lib/runtime" | cut -f1) MB)"
[ "$type" = app-image ] && exit 0

# --- Debian package
arch=$(dpkg --print-architecture)
root=target/deb-root
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/metainfo" \
  "$root/usr/share/doc/$name"
cp -a "$app" "$root/opt/$name"
# The start-up archive: postinst dumps it with the installed launcher from the start-up class list (JDK 17
# maps an archive only for the jar path, size and mtime it was dumped for; packaging/install-test.sh proves the
# installed launcher maps it). It is dumped here once too, to count its size in Installed-Size and the limit.
[ -s target/appcds-start.lst ] || { echo "no start-up class list (packaging/appcds.sh failed)" >&2; exit 1; }
grep -qx 'io/atlasonboard/ui/shell/MainWindow' target/appcds-start.lst || echo "note: the start-up archive has none" \
  "of the window's classes (packaging/appcds.sh's run of the window under xvfb-run failed); it starts slower" >&2
install -m 644 target/appcds-start.lst "$root/opt/$name/lib/app/$name.classlist"
staged_jsa=$root/opt/$name/lib/app/$name.jsa   # where the launcher's -XX:SharedArchiveFile points
cds_dump "$root/opt/$name"
[ -s "$staged_jsa" ] || { echo "the packaged launcher could not dump the start-up archive" >&2; exit 1; }
archive_kb=$(du -k "$staged_jsa" | cut -f1)
rm -f "$staged_jsa"   # valid only for the staging path; postinst dumps the real one
echo "start-up archive (postinst dumps it): $((archive_kb / 1024)) MB, $(wc -l < target/appcds-start.lst) classes"
install -m 755 packaging/deb/postinst packaging/deb/prerm "$root/DEBIAN/"
ln -s "/opt/$name/bin/$name" "$root/usr/bin/$name"
install -m 644 "packaging/$app_id.desktop" "$root/usr/share/applications/$app_id.desktop"
for png in icons/atlas-onboard-*.png; do
  size=$(basename "$png" .png); size=${size##*-}
  install -D -m 644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
release_date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$release_date/" "packaging/$app_id.metainfo.xml" \
  > "$root/usr/share/metainfo/$app_id.metainfo.xml"
install -m 644 packaging/presets.properties.example "$root/usr/share/doc/$name/presets.properties.example"
install -m 644 packaging/copyright "$root/usr/share/doc/$name/copyright"

# Depends: the packages that own the libraries our ELF files ask for directly (DT_NEEDED of the runtime, the
# launcher, and the JavaFX natives that JavaFX unpacks from the jar at start), plus GTK 3, which JavaFX loads with
# dlopen. Libraries we ship ourselves (libjvm.so, ...) are skipped.
natives=$(mktemp -d)
trap 'rm -rf "$natives"' EXIT
(cd "$natives" && jar tf "$OLDPWD/target/atlas-onboard.jar" | grep -E '^lib[^/]*\.so$' \
  | xargs jar xf "$OLDPWD/target/atlas-onboard.jar")
ours=$(find "$root/opt/$name" "$natives" -name '*.so*' -printf '%f\n' | sort -u)
libs=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p)
unresolved=()
pkgs=()
for lib in $(find "$root/opt/$name" "$natives" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
    | xargs -0 readelf -d 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u); do
  grep -qxF "$lib" <<< "$ours" && continue
  path=$(awk -v n="$lib" '$1 == n && /x86-64|64bit/ {print $NF; exit}' <<< "$libs")
  if [ -z "$path" ]; then
    case "$lib" in libgtk-3*|libgdk-3*) ;; *) unresolved+=("$lib") ;; esac
    continue
  fi
  pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null || true)
  if [ -n "$pkg" ]; then pkgs+=("${pkg%%:*}"); else unresolved+=("$lib"); fi
done
depends=$(printf '%s\n' libgtk-3-0 "${pkgs[@]}" | sort -u | paste -sd, | sed 's/,/, /g')
[ ${#unresolved[@]} -eq 0 ] || echo "note: not installed here, so not in Depends (JavaFX/AWT load them only if" \
  "used): ${unresolved[*]}"

chmod -R u+rwX,go+rX,go-w "$root"
installed_kb=$(( $(du -sk --exclude=DEBIAN "$root" | cut -f1) + archive_kb ))
cat > "$root/DEBIAN/control" <<EOF
Package: $name
Version: $version
Architecture: $arch
Maintainer: Atlas Onboard <packaging@atlasonboard.io>
Installed-Size: $installed_kb
Depends: $depends
Recommends: hicolor-icon-theme
Suggests: xvfb
Section: utils
Priority: optional
Homepage: https://atlasonboard.io/
Description: Connect a GlobalSign Atlas account as a certificate provider
 Atlas Onboard walks a security administrator through onboarding a GlobalSign
 Atlas (HVCA API) account: API credentials, key and CSR, mTLS certificate,
 PKCS#12 keystore, provider record and connection status, DNS validation,
 issuance and revocation. The command atlas-onboard without arguments opens the
 application; with arguments it is the command line (atlas-onboard --help).
 Administrators can preset the API URL and proxy in
 /etc/atlas-onboard/presets.properties (see /usr/share/doc/atlas-onboard).
EOF
deb=target/dist/${name}_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz -z9 -Sextreme --build "$root" "$deb" >/dev/null
deb_bytes=$(stat -c %s "$deb")
echo "Depends: $depends"
awk -v d="$deb" -v b="$deb_bytes" -v k="$installed_kb" \
  'BEGIN {printf "deb: %s (%.1f MB); installed size: %.1f MB with the start-up archive\n", d, b / 1048576, k / 1024}'
if [ "$deb_bytes" -gt $((max_deb_mb * 1048576)) ] || [ "$installed_kb" -gt $((max_installed_mb * 1024)) ]; then
  echo "size limit exceeded: .deb must be <= $max_deb_mb MB, installed <= $max_installed_mb MB" >&2
  exit 1
fi
