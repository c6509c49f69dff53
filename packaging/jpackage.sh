#!/usr/bin/env bash
# Builds a self-contained Linux app image (default) or .deb of Atlas Onboard with the JDK's jpackage.
#   packaging/jpackage.sh [app-image|deb]     -> target/dist/
# JavaFX jmods are not on Maven Central, so JavaFX stays inside the shaded jar on the class path (hence Launcher).
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-app-image}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)

[ -f target/atlas-onboard.jar ] || mvn -B -DskipTests package
rm -rf target/jpkg-input "target/dist"
mkdir -p target/jpkg-input target/dist
cp target/atlas-onboard.jar target/jpkg-input/

# jdeps misses service-loaded modules (jdk.crypto.ec, jdk.localedata, jdk.zipfs), so the list is explicit.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.net,jdk.unsupported,jdk.unsupported.desktop,jdk.zipfs,jdk.httpserver,jdk.jfr

args=(--type "$type" --name atlas-onboard --app-version "$version" --vendor "Atlas Onboard"
      --description "Connect a GlobalSign Atlas account as a certificate provider"
      --input target/jpkg-input --main-jar atlas-onboard.jar --main-class io.atlasonboard.Launcher
      --icon icons/atlas-onboard-256.png --add-modules "$modules"
      --jlink-options "--strip-native-commands --strip-debug --no-man-pages --no-header-files"
      --dest target/dist)
if [ "$type" = deb ]; then
  # the runtime image's native libs do not pull GTK in, which JavaFX needs
  args+=(--linux-package-deps libgtk-3-0 --linux-shortcut --linux-menu-group "Security;Utility")
fi
jpackage "${args[@]}"
ls -la target/dist
