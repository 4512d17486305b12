#!/usr/bin/env bash
# Build the wheel and use it as a kiosk is provisioned: installed with no extra in a fresh venv
# outside the checkout, run from a folder with no source in sight. It must tour the bundled demo
# content, translate the interface into Korean and Japanese, and sync from a real server on
# loopback (run from the checkout's .venv). Exits non-zero, naming the step, when any of it breaks.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$(pwd)
DEV_PY="$CHECKOUT/.venv/bin/python"
[ -x "$DEV_PY" ] || scripts/setup.sh
HELPER="$CHECKOUT/scripts/wheel_check.py"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-wheel-check.XXXXXX")
case "$WORK/" in "$CHECKOUT"/*) echo "temp dir $WORK is inside the checkout; set TMPDIR elsewhere" >&2; exit 2 ;; esac
SERVER_PID=""
cleanup() {
  status=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$WORK/server.log" ]; then
    echo "--- last lines of the server's log ---" >&2
    tail -n 20 "$WORK/server.log" >&2
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "==> wheel check: $*"; }
fail() { echo "FAIL wheel check: $*" >&2; exit 1; }

# Nothing from the checkout may leak in: no PYTHONPATH, no user site, and a working folder of its own.
unset PYTHONPATH PYTHONHOME PYTHONSTARTUP
export PYTHONNOUSERSITE=1 QT_QPA_PLATFORM=offscreen PIP_DISABLE_PIP_VERSION_CHECK=1

step "building the wheel from a copy of the source (the checkout gets no build/ folder)"
git -C "$CHECKOUT" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
  || fail "$CHECKOUT is not a git checkout: the source to build is what git lists"
"$DEV_PY" "$HELPER" copy-source "$CHECKOUT" "$WORK/src"
timeout 600 "$DEV_PY" -m pip wheel --quiet --no-deps -w "$WORK/dist" "$WORK/src" || fail "the wheel did not build"
WHEEL=$(ls "$WORK"/dist/*.whl)
echo "  built $(basename "$WHEEL")"
"$DEV_PY" "$HELPER" contents "$WHEEL" "$WORK/src" || fail "the wheel lacks files of the source tree"

step "installing it with no extra into a fresh venv in $WORK/venv"
BASE_PY=$("$DEV_PY" -c 'import sys; print(sys._base_executable)')
"$BASE_PY" -m venv "$WORK/venv"
VENV="$WORK/venv/bin"
timeout 1200 "$VENV/python" -m pip install --quiet "$WHEEL" || fail "pip could not install the wheel"

mkdir -p "$WORK/run"
cd "$WORK/run"  # from here on nothing runs with the checkout as its working folder

step "the installed code and resources come from the wheel; Korean and Japanese translations load"
timeout 120 "$VENV/python" -I "$HELPER" installed "$CHECKOUT" || fail "the installed wheel is incomplete"

step "kiosk --tour on the bundled demo content, in Japanese"
DATA="$WORK/kiosk-data"
timeout 300 "$VENV/kiosk" --tour "$WORK/tour" --data-dir "$DATA" --locale ja --size 1280x800 >"$WORK/tour.log" 2>&1 \
  || { cat "$WORK/tour.log" >&2; fail "kiosk --tour exited with an error"; }
shots=$(find "$WORK/tour" -name '*.png' | wc -l)
grep -q "saved $shots screens" "$WORK/tour.log" || { cat "$WORK/tour.log" >&2; fail "the tour saved $shots PNGs, not what it reported"; }
[ "$shots" -ge 10 ] || fail "the tour saved only $shots screens"
# Screens are named after what they show (e.g. 004-player-<lesson id>-01.png).
for lesson in "$CHECKOUT"/resources/content/lessons/*.json; do echo "-$(basename "$lesson" .json)-"; done >"$WORK/lesson-ids"
shown=$(ls "$WORK/tour" | grep -c -F -f "$WORK/lesson-ids" || true)
[ "$shown" -gt 0 ] || fail "no tour screen shows a lesson of the bundled demo pack"
echo "  saved $shots screens, $shown of them of the bundled demo lessons"

step "a server on 127.0.0.1 (from the checkout's .venv) publishes the demo pack as its next revision"
SERVER=("$CHECKOUT/.venv/bin/kiosk-server" --home "$WORK/server")
init_out=$(timeout 60 "${SERVER[@]}" init) \
  || fail "kiosk-server init failed (does .venv know every package? scripts/setup.sh refreshes it)"
PUBLIC_KEY=$(echo "$init_out" | sed -n 's/^public key[^:]*: *//p')
[ -n "$PUBLIC_KEY" ] || fail "no public key in the output of kiosk-server init"
timeout 60 "${SERVER[@]}" center add wheel-center --district jung \
  --name-ko "휠 점검 경로당" --name-ja "ホイール点検敬老堂" --name-en "Wheel Check Senior Center" \
  --address-ko "서울 중구" --address-ja "ソウル中区" --address-en "Jung-gu, Seoul" \
  --open "mon-fri 09:00-18:00" --guide "tue,thu 10:00-16:00" >/dev/null || fail "kiosk-server center add failed"
enroll_out=$(timeout 60 "${SERVER[@]}" enroll wheel-check --center wheel-center) || fail "kiosk-server enroll failed"
TOKEN=$(echo "$enroll_out" | sed -n 's/^ *sync_token: *//p')
[ -n "$TOKEN" ] || fail "no sync_token in the output of kiosk-server enroll"
changed_lesson_id=$("$DEV_PY" "$HELPER" pack "$CHECKOUT/resources/content" "$WORK/pack")
timeout 120 "${SERVER[@]}" publish "$WORK/pack" || fail "kiosk-server publish failed"
PORT=$("$DEV_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 600 "${SERVER[@]}" serve --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
"$DEV_PY" - "$PORT" "$SERVER_PID" <<'EOF' || fail "the server did not answer on 127.0.0.1:$PORT within 30 s"
import os, sys, time, urllib.request
port, pid = sys.argv[1], int(sys.argv[2])
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)  # the server exited
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
            sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
EOF
echo "  serving on 127.0.0.1:$PORT"

step "the wheel's kiosk sync fetches the new revision and uploads"
sync_out=$(KIOSK_SYNC_TOKEN="$TOKEN" timeout 120 "$VENV/kiosk" sync --data-dir "$DATA" \
  --server "http://127.0.0.1:$PORT" --public-key "$PUBLIC_KEY" --center wheel-center --save 2>&1) \
  || { echo "$sync_out" >&2; fail "kiosk sync exited with an error"; }
echo "$sync_out" | head -n 4 | sed 's/^/  /'
echo "$sync_out" | grep -q "^updated revision" || fail "kiosk sync reported no update"
echo "$sync_out" | grep -q "; upload:" && fail "kiosk sync could not upload to the server"
timeout 120 "$VENV/python" -I "$HELPER" shows "$DATA" "$changed_lesson_id" || fail "the synced revision is not what the kiosk shows"

step "a second sync finds nothing new"
again=$(timeout 120 "$VENV/kiosk" sync --data-dir "$DATA" 2>&1) || { echo "$again" >&2; fail "the second kiosk sync failed"; }
echo "$again" | sed 's/^/  /'
echo "$again" | grep -q "^unchanged at revision" || fail "the second sync did not find the kiosk up to date"

step "passed"
