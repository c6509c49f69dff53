#!/usr/bin/env bash
# Installs with apt-get what building and running Atlas Onboard needs on a Debian 12 machine, when missing:
#   packaging/setup.sh app    Java 17 JDK, Maven, GTK 3 (the window)
#   packaging/setup.sh test   Java 17 JDK, Maven, and the real peers the tests start: openssl, tinyproxy, BIND
# Runs apt-get as root, or through sudo.
set -euo pipefail
mode=${1:-app}
need=()
command -v javac >/dev/null && command -v jlink >/dev/null \
  || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
case "$mode" in
  app)
    { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null | grep -q 'libgtk-3\.so\.0' || need+=(libgtk-3-0)
    ;;
  test)
    command -v openssl >/dev/null || need+=(openssl)
    command -v keytool >/dev/null || need+=(default-jdk-headless)
    command -v tinyproxy >/dev/null || need+=(tinyproxy-bin)
    [ -x /usr/sbin/named ] || need+=(bind9)
    command -v tsig-keygen >/dev/null || need+=(bind9-utils)
    command -v dig >/dev/null || need+=(bind9-dnsutils)
    ;;
  *) echo "usage: $0 app|test" >&2; exit 2 ;;
esac
if [ ${#need[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "Installing: ${need[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -y -o DPkg::Lock::Timeout=300 install --no-install-recommends \
    "${need[@]}"
fi
