#!/usr/bin/env bash
# Install the Debian packages a step needs, if what they provide is missing.
# Usage: scripts/debian-packages.sh PACKAGE[:COMMAND]...
#   A package is skipped when COMMAND is already on the PATH (however it was installed),
#   or, without a command, when dpkg has it. Needs root or passwordless sudo to install.
set -euo pipefail
missing=()
for spec in "$@"; do
  pkg=${spec%%:*}
  cmd=${spec#*:}
  if [ "$cmd" != "$spec" ]; then
    command -v "$cmd" >/dev/null 2>&1 && continue
  elif dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    continue
  fi
  missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
