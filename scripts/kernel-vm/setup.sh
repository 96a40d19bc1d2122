#!/usr/bin/env bash
# Installs what npm run test:kernel needs: the Linux VM packages
# (scripts/linux-vm/setup.sh), make, gcc, ethtool (ethtool -i in the guest), and the linux-headers package of
# exactly the kernel that linux-image-amd64 installed, so that the modules of
# kernel/ build for the kernel the guest boots. Idempotent.
set -euo pipefail
here=$(dirname "$0")
bash "$here/../linux-vm/setup.sh"

kver=$(ls /lib/modules | while read -r v; do [ -e "/boot/vmlinuz-$v" ] && echo "$v"; done | sort -V | tail -n 1)
[ -n "$kver" ] || { echo "setup: no kernel image under /boot" >&2; exit 1; }
PKGS=(make gcc ethtool "linux-headers-$kver")
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then echo "setup: headers for $kver already installed"; exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 && SUDO=sudo || { echo "setup: need root to install: ${missing[*]}" >&2; exit 1; }
fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
