#!/usr/bin/env bash
# Installs what the build, the tests and the app need on Debian 12, and nothing when it is all present.
# Runs as root or through sudo. Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache dpkg-dev file
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev
  qt6-websockets-dev libqt6sql6-sqlite libqt6sql6-psql
  qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools qt6-qpa-plugins qt6-translations-l10n qtkeychain-qt6-dev
  libgl-dev libxkbcommon-dev xvfb xauth x11-apps x11-utils imagemagick
  sqlite3 wrk appstream postgresql postgresql-client valgrind
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: this script needs a Debian-based system with apt-get and dpkg." >&2
  echo "install-deps: install these packages (or your system's equivalents) by hand: ${packages[*]}" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "install-deps: not root and sudo is not available; run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi

"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
