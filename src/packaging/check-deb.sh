#!/usr/bin/env bash
# Installs the .deb in a clean Debian root that is not this machine's and checks what a user gets:
# `toktrace` on the PATH, `toktrace --version`, `toktrace analyze` on the bundled sample, the menu
# entry, and the app's window appearing under Xvfb when started from the menu entry's command.
#   sudo src/packaging/check-deb.sh target/jpackage/toktrace_*.deb [BASE]
# BASE is a pristine Debian root made by debootstrap (default /var/tmp/toktrace-debian-base,
# made on the first run: needs debootstrap and the network). Every check runs in a fresh copy of
# it, so no earlier install is in the way; the copy is removed at the end. Needs root (chroot).
# Exit 0 when every check passes, 1 when one fails, 2 for a usage problem.
set -euo pipefail

deb=${1:?usage: check-deb.sh DEB [BASE]}
base=${2:-/var/tmp/toktrace-debian-base}
suite=${CHECK_DEB_SUITE:-bookworm}
mirror=${CHECK_DEB_MIRROR:-http://deb.debian.org/debian}

[ "$(id -u)" -eq 0 ] || { echo "check-deb: run as root (debootstrap and chroot)" >&2; exit 2; }
[ -r "$deb" ] || { echo "check-deb: cannot read $deb" >&2; exit 2; }

if [ ! -x "$base/usr/bin/apt-get" ]; then
  command -v debootstrap >/dev/null 2>&1 || { echo "check-deb: install debootstrap" >&2; exit 2; }
  echo "check-deb: debootstrap $suite into $base"
  debootstrap --variant=minbase "$suite" "$base" "$mirror" >/dev/null
fi

root=$(mktemp -d /var/tmp/toktrace-check-XXXXXX)
mounted=()
cleanup() {
  local m
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
cp -a "$base/." "$root/"
for m in proc sys dev dev/pts; do
  mkdir -p "$root/$m"
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    *) mount --bind "/$m" "$root/$m" ;;
  esac
  mounted+=("$root/$m")
done
mount -t tmpfs tmpfs "$root/tmp" && mounted+=("$root/tmp")
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/root/"
name=$(basename "$deb")

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

failed=0
check() {  # check DESCRIPTION COMMAND...: runs COMMAND in the root, says ok or FAILED
  local what=$1; shift
  if out=$(in_root "$@" 2>&1); then
    echo "ok      $what"
  else
    echo "FAILED  $what"; sed 's/^/        /' <<<"$out" | tail -n 20; failed=1
  fi
}

echo "check-deb: installing $name in a fresh copy of $base"
in_root apt-get update -qq
if ! in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/root/$name" >"$root/root/install.log" 2>&1; then
  echo "FAILED  apt-get install ./$name"; tail -n 20 "$root/root/install.log"; exit 1
fi
echo "ok      apt-get install ./$name"

check "toktrace is /usr/bin/toktrace on the PATH" sh -c '[ "$(command -v toktrace)" = /usr/bin/toktrace ]'
check "toktrace --version: $(in_root toktrace --version 2>&1 | head -n 1)" toktrace --version
check "toktrace analyze the bundled sample" sh -c \
  'cd /tmp && toktrace analyze /opt/toktrace/lib/app/training/hotspot-sample.pcap | grep -q .'
check "the class-data archive was dumped at install" test -s /opt/toktrace/lib/app/toktrace.jsa
check "the menu entry starts /opt/toktrace/bin/toktrace" \
  grep -q '^Exec=/opt/toktrace/bin/toktrace' /opt/toktrace/lib/toktrace-toktrace.desktop

# the app from its menu entry's command, on a virtual display: its window must appear
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  xvfb xauth x11-utils >/dev/null
exec_line=$(sed -n 's/^Exec=//p' "$root/opt/toktrace/lib/toktrace-toktrace.desktop" | sed 's/ %[fFuU]//')
check "the app's window appears under Xvfb ($exec_line)" xvfb-run -a -s "-screen 0 1280x800x24" sh -c "
  $exec_line /opt/toktrace/lib/app/training/hotspot-sample.pcap >/tmp/app.log 2>&1 &
  app=\$!
  for i in \$(seq 60); do
    if xwininfo -root -tree | grep -q 'TokTrace'; then kill \$app; wait \$app; exit 0; fi
    kill -0 \$app 2>/dev/null || { cat /tmp/app.log; exit 1; }
    sleep 1
  done
  cat /tmp/app.log; kill \$app; exit 1"

check "apt-get remove toktrace" sh -c \
  'DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq toktrace >/dev/null && [ ! -e /opt/toktrace/bin/toktrace ] && [ ! -e /usr/bin/toktrace ]'

[ "$failed" -eq 0 ] && echo "check-deb: every check passed" || echo "check-deb: some checks FAILED" >&2
exit "$failed"
