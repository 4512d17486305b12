#!/usr/bin/env bash
# Make this machine a kiosk: at every boot it starts straight into the Seoul digital-learning kiosk.
#
#   sudo scripts/install-kiosk.sh                      # cage (Wayland), the usual choice
#   sudo scripts/install-kiosk.sh --session x11        # a bare X server, where cage does not work
#   sudo scripts/install-kiosk.sh --server https://kiosk.example.org
#   scripts/install-kiosk.sh --dry-run                 # only print what it would do
#   scripts/install-kiosk.sh --root /tmp/stage         # write the files into a staging folder only
#
# What it does (safe to run again, e.g. to update the kiosk from a newer copy of the project):
#   1. installs the system packages the kiosk needs (Debian / Ubuntu, with apt-get);
#   2. creates the user `kiosk` that the kiosk runs as (no password: nobody logs in as it);
#   3. copies the project to /opt/seoul-kiosk/app and builds its Python in /opt/seoul-kiosk/venv;
#   4. installs the service (deploy/systemd/), its login session (deploy/pam/) and the kiosk's
#      options (/etc/seoul-kiosk/kiosk.env), and enables the service for the next boot.
# The kiosk keeps its data in /var/lib/seoul-kiosk. Restart the machine afterwards (or run
# `systemctl start seoul-kiosk`); deploy/README.md says how to look after it.
#
# --root DIR installs into DIR as if it were / (for building a disk image, and for the tests): no
# packages, no user and no Python environment there (a venv only works where it was built; run this
# script again on the machine itself), and nothing of this machine is touched.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE="$(pwd)"

SESSION=cage
SERVER=""
ROOT=""
DRY_RUN=0
usage() {
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
}
while [ $# -gt 0 ]; do
  case "$1" in
    --session) SESSION="${2:-}"; shift 2 ;;
    --session=*) SESSION="${1#*=}"; shift ;;
    --server) SERVER="${2:-}"; shift 2 ;;
    --server=*) SERVER="${1#*=}"; shift ;;
    --root) ROOT="${2:-}"; shift 2 ;;
    --root=*) ROOT="${1#*=}"; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$SESSION" in
  cage) UNIT=seoul-kiosk.service; OTHER_UNIT=seoul-kiosk-x11.service ;;
  x11) UNIT=seoul-kiosk-x11.service; OTHER_UNIT=seoul-kiosk.service ;;
  *) echo "--session is cage or x11, not '$SESSION'" >&2; exit 2 ;;
esac
if [ -n "$SERVER" ]; then
  case "$SERVER" in
    http://*|https://*) ;;
    *) echo "--server needs the server's whole address, like https://kiosk.example.org, not '$SERVER'" >&2; exit 2 ;;
  esac
  case "$SERVER" in
    *[[:space:]\"\'\\]*) echo "--server must not contain spaces or quotes: '$SERVER'" >&2; exit 2 ;;
  esac
fi
if [ -n "$ROOT" ]; then
  if [ "$DRY_RUN" -eq 0 ]; then mkdir -p "$ROOT"; fi
  ROOT="$(cd "$ROOT" 2>/dev/null && pwd || echo "$ROOT")"
  if [ "$ROOT" = "/" ]; then ROOT=""; fi
fi
if [ -z "$ROOT" ] && [ "$DRY_RUN" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
  echo "Run this as root (sudo $0 ...), or with --dry-run to see what it would do." >&2
  exit 1
fi

# The places on the kiosk machine (inside --root when given).
OPT=/opt/seoul-kiosk
APP="$OPT/app"
VENV="$OPT/venv"
DATA=/var/lib/seoul-kiosk
ETC=/etc/seoul-kiosk
UNITS=/etc/systemd/system
USER_NAME=kiosk

# Every change goes through `run`, so --dry-run shows each one instead of doing it.
run() {
  if [ "$DRY_RUN" -eq 1 ]; then echo "would run: $*"; else "$@"; fi
}
say() { echo "== $*"; }

# 1. System packages -------------------------------------------------------------------------
PACKAGES=(
  python3 python3-venv python3-pip
  espeak-ng libespeak-ng1 fonts-noto-cjk          # the voice, and Korean / Japanese text
  libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libdbus-1-3 libpulse0 libasound2
)
if [ "$SESSION" = cage ]; then
  PACKAGES+=(cage libwayland-client0 libwayland-cursor0 libwayland-egl1)
else
  PACKAGES+=(xserver-xorg xinit x11-xserver-utils libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
             libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
             libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libxrender1 libxi6)
fi
if [ -n "$ROOT" ]; then
  say "Staging root $ROOT: not installing packages (${PACKAGES[*]})"
else
  missing=()
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing system packages: ${missing[*]}"
    run apt-get update
    run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    say "System packages: all there"
  fi
fi

# 2. The kiosk user ---------------------------------------------------------------------------
if [ -n "$ROOT" ]; then
  say "Staging root: not creating the user '$USER_NAME' (this script does that on the machine)"
elif id "$USER_NAME" >/dev/null 2>&1; then
  say "User '$USER_NAME': already there"
else
  say "Creating the user '$USER_NAME'"
  # A home for Qt's caches and fonts; no password and no login shell: only the service uses it.
  run useradd --system --user-group --create-home --home-dir "/home/$USER_NAME" --shell /usr/sbin/nologin \
    --comment "Seoul digital-learning kiosk" "$USER_NAME"
fi
if [ -z "$ROOT" ]; then
  # logind already lets the session's user reach the screen, touch panel and sound; the groups
  # are a fallback for machines where it does not.
  for group in audio video render input; do
    if getent group "$group" >/dev/null; then run usermod -a -G "$group" "$USER_NAME"; fi
  done
fi

# 3. The program and its Python ---------------------------------------------------------------
say "Copying the kiosk to $ROOT$APP"
run mkdir -p "$ROOT$OPT"
run rm -rf "$ROOT$APP.new"
run mkdir -p "$ROOT$APP.new"
# Everything but development leftovers; then swap it in whole, so a failed copy leaves the old one.
if [ "$DRY_RUN" -eq 1 ]; then
  echo "would run: tar -C $SOURCE (without .git .venv caches) | tar -C $ROOT$APP.new -x"
else
  tar -C "$SOURCE" --exclude=./.git --exclude=./.venv --exclude=__pycache__ --exclude='*.egg-info' \
    --exclude=.pytest_cache -cf - . | tar -C "$ROOT$APP.new" -xf -
fi
run rm -rf "$ROOT$APP.old"
if [ -e "$ROOT$APP" ]; then run mv "$ROOT$APP" "$ROOT$APP.old"; fi
run mv "$ROOT$APP.new" "$ROOT$APP"
run rm -rf "$ROOT$APP.old"
run chmod 755 "$ROOT$APP/deploy/x11/kiosk-session"

if [ -n "$ROOT" ]; then
  say "Staging root: not building $VENV (a venv works only where it was built)"
else
  say "Building the kiosk's Python in $VENV (this downloads the Python packages; a few minutes)"
  if [ ! -x "$VENV/bin/python" ]; then run python3 -m venv "$VENV"; fi
  run "$VENV/bin/python" -m pip install --quiet --upgrade pip
  run "$VENV/bin/python" -m pip install --quiet --upgrade "$APP"
fi

# 4. The service ------------------------------------------------------------------------------
say "Installing $UNIT"
run install -d "$ROOT$UNITS" "$ROOT/etc/pam.d" "$ROOT$ETC"
run install -m 644 deploy/systemd/seoul-kiosk.service deploy/systemd/seoul-kiosk-x11.service "$ROOT$UNITS/"
run install -m 644 deploy/pam/seoul-kiosk "$ROOT/etc/pam.d/seoul-kiosk"
ENV_FILE="$ROOT$ETC/kiosk.env"
if [ -n "$SERVER" ] || [ ! -e "$ENV_FILE" ]; then
  say "Writing the kiosk's options to $ENV_FILE"
  if [ "$DRY_RUN" -eq 1 ]; then
    echo "would write: KIOSK_ARGS=${SERVER:+--server $SERVER}"
  else
    cat >"$ENV_FILE" <<EOF
# Options for the kiosk, read by seoul-kiosk.service / seoul-kiosk-x11.service at every start.
# KIOSK_ARGS: extra options for the \`kiosk\` command, e.g. --server https://kiosk.example.org (the
# city's server: a kiosk not yet connected shows a code to enter on the admin page). After a change:
# systemctl restart seoul-kiosk
KIOSK_ARGS=${SERVER:+--server $SERVER}
EOF
    chmod 644 "$ENV_FILE"
  fi
fi
if [ -z "$ROOT" ]; then
  run install -d -o "$USER_NAME" -g "$USER_NAME" -m 750 "$ROOT$DATA"
fi

SYSTEMCTL=(systemctl)
if [ -n "$ROOT" ]; then SYSTEMCTL=(systemctl "--root=$ROOT"); fi
# Only one kiosk unit, and no other display manager (a login screen), may own the screen.
current_dm="$(readlink "$ROOT$UNITS/display-manager.service" 2>/dev/null || true)"
if [ -n "$current_dm" ] && [ "$(basename "$current_dm")" != "$UNIT" ]; then
  say "Turning off $(basename "$current_dm"), which would take the screen from the kiosk"
  run "${SYSTEMCTL[@]}" disable "$(basename "$current_dm")"
fi
run "${SYSTEMCTL[@]}" disable "$OTHER_UNIT" >/dev/null 2>&1 || true
say "Enabling $UNIT for every boot"
run "${SYSTEMCTL[@]}" enable "$UNIT"
if [ -z "$ROOT" ] || [ -e "$ROOT/usr/lib/systemd/system/graphical.target" ] || [ -e "$ROOT/lib/systemd/system/graphical.target" ]; then
  run "${SYSTEMCTL[@]}" set-default graphical.target
fi
if [ -z "$ROOT" ]; then run systemctl daemon-reload; fi

if [ -n "$ROOT" ]; then
  say "Done: the kiosk's files are in $ROOT"
elif [ "$DRY_RUN" -eq 1 ]; then
  say "Dry run: nothing was changed"
else
  say "Done. Restart the machine (or run: systemctl start ${UNIT%.service}) and it starts into the kiosk."
  echo "   Its state: systemctl status ${UNIT%.service}    Its log: journalctl -u ${UNIT%.service} -b"
fi
