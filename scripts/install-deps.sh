#!/bin/sh
# Installs the Debian packages the tests need, when they are missing. Run as root (as CI does);
# as another user it only reports what is missing.
set -eu
packages="shellcheck mariadb-server mariadb-backup socat openssl iproute2 util-linux"
missing=''
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages:$missing — install them as root: apt-get install -y$missing" >&2
  exit 1
fi
echo "installing:$missing" >&2
apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
