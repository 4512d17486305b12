#!/usr/bin/env bash
# Install what a fresh Debian machine lacks, then the project into .venv. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  python3 python3-venv python3-pip
  espeak-ng libespeak-ng1 sox fonts-noto-cjk
  xvfb xauth libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libxrender1 libxi6
  libpulse0 libasound2
  # tests/test_full_screen.py: xwininfo, xrandr, cage (needs Xwayland) and Qt's Wayland plugin
  x11-utils x11-xserver-utils cage xwayland libwayland-client0 libwayland-cursor0 libwayland-egl1
  postgresql
  # tests/test_deploy.py: systemd-analyze verify checks the kiosk's units
  systemd
  # tests/test_admin_browser_help.py: the admin help page in a real browser (Playwright drives it)
  chromium
)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[server,test]"
echo "Set-up done: run .venv/bin/kiosk --windowed"
