#!/usr/bin/env bash
# Run every test. Starts a throwaway PostgreSQL on 127.0.0.1 for the server's database tests
# unless KIOSK_TEST_POSTGRES_URL already names one.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || scripts/setup.sh

cleanup() { :; }
if [ -z "${KIOSK_TEST_POSTGRES_URL:-}" ]; then
  initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$initdb" ]; then
    bin=$(dirname "$initdb")
    pgdir=$(mktemp -d /tmp/kiosk-pg.XXXXXX)
    port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_user=()
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$pgdir"; as_user=(runuser -u postgres --); fi
    "${as_user[@]}" "$bin/initdb" -D "$pgdir/data" -U kiosk --auth=trust >/dev/null
    "${as_user[@]}" "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir" start >/dev/null
    "${as_user[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U kiosk kiosk_test
    export KIOSK_TEST_POSTGRES_URL="postgresql+psycopg://kiosk@127.0.0.1:$port/kiosk_test"
    echo "A throwaway PostgreSQL for the tests listens on 127.0.0.1:$port"
    cleanup() { "${as_user[@]}" "$bin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null || true; rm -rf "$pgdir"; }
  else
    echo "PostgreSQL is not installed: its tests will be skipped (scripts/setup.sh installs it)."
  fi
fi
trap cleanup EXIT

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
.venv/bin/python -m pytest "$@"
