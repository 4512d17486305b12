"""Server load benchmark: index requests and event batches per second, one worker against two.

    python bench/server_load.py [--seconds 3] [--database-url URL] [--clients 2] [--threads 8] [--per-connection 20]

Runs the real server (`kiosk-server serve --workers N`, a separate process) on 127.0.0.1 over
the demo content and prints, for one worker and for two: signed index GETs per second and
event batches (50 usage events each) POSTed per second, and the two-worker/one-worker ratio.
One worker is measured before and after two, and the ratio is taken against their mean, so
neither side profits from running second. Load comes from ``--clients`` processes of
``--threads`` keep-alive connections each (one Python process alone would be the bottleneck).
The load generator runs on the same machine, so on a small one it takes cores the server
could use. Use ``--database-url postgresql+psycopg://...`` for PostgreSQL (what several workers
are meant for); the default SQLite file admits one writer at a time. Everything is made in
a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from kiosk.paths import BUNDLED_CONTENT  # noqa: E402
from protocol.events import API_EVENTS, EventKind, Record, batch_body  # noqa: E402
from server.devserver import free_socket  # noqa: E402

EVENTS_PER_BATCH = 50
STARTED = "Application startup complete."


def quietly(argv: list[str]) -> int:
    from server.cli import main as server_cli

    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            return server_cli(argv)
        finally:
            sys.stdout = stdout


def prepare(home: Path, database_url: str | None) -> str:
    """A server home with the demo content published and one kiosk enrolled; its token."""
    from server import auth
    from server.config import ServerHome
    from server.db import open_server_database

    init = ["--home", str(home), "init"] + (["--database-url", database_url] if database_url else [])
    if quietly(init) != 0 or quietly(["--home", str(home), "publish", str(BUNDLED_CONTENT)]) != 0:
        raise SystemExit("could not set up the server home")
    sessions = open_server_database(ServerHome(home).database_url())
    with sessions.begin() as session:
        token = auth.enroll(session, f"bench-{uuid.uuid4().hex[:8]}")  # unique: a reused database keeps old kiosks
    sessions.kw["bind"].dispose()
    return token


def serve(home: Path, workers: int, log: Path) -> tuple[subprocess.Popen, str]:
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    with log.open("ab") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "--home", str(home), "serve", "--port", str(port),
             "--workers", str(workers)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=handle, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        # Every worker up, not only the first: a half-started server would measure low.
        if log.read_text(errors="replace").count(STARTED) >= workers:
            try:
                if requests.get(url + "/healthz", timeout=1).ok:
                    return process, url
            except requests.ConnectionError:
                pass
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise SystemExit(f"the server with {workers} worker(s) did not start; see {log}")


def get_index(session: requests.Session, url: str, token: str) -> None:
    session.get(url + "/repo/index.json", timeout=30).raise_for_status()


def post_batch(session: requests.Session, url: str, token: str) -> None:
    at = dt.datetime(2030, 1, 1, 9)
    body = batch_body([
        Record(uuid.uuid4().hex, EventKind.USAGE, n, at, {"event": "step_reached", "lesson": "lesson-7", "step": 2})
        for n in range(EVENTS_PER_BATCH)
    ])
    session.post(url + API_EVENTS, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30).raise_for_status()


CALLS = {"index": get_index, "batch": post_batch}


def client(call: str, url: str, token: str, seconds: float, threads: int, per_connection: int) -> int:
    """One load process: ``threads`` callers for ``seconds``, each opening a new connection
    after ``per_connection`` calls, as a fleet of kiosks does; how many calls succeeded."""
    deadline = time.monotonic() + seconds
    one = CALLS[call]

    def loop(_) -> int:
        done = 0
        while time.monotonic() < deadline:
            # A fresh connection is accepted by whichever worker is free: without this, the
            # first worker to wake would keep every connection of the run.
            with requests.Session() as session:
                for _ in range(per_connection):
                    if time.monotonic() >= deadline:
                        break
                    one(session, url, token)
                    done += 1
        return done

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(loop, range(threads)))


def rate(pool: ProcessPoolExecutor, call: str, url: str, token: str, seconds: float, args) -> float:
    started = time.perf_counter()
    counts = [pool.submit(client, call, url, token, seconds, args.threads, args.per_connection)
              for _ in range(args.clients)]
    total = sum(c.result() for c in counts)
    return total / (time.perf_counter() - started)


def cpu_seconds(pids: list[int]) -> list[float]:
    """User + system CPU time of each process (Linux /proc; zeros elsewhere)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    times = []
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            times.append((int(fields[11]) + int(fields[12])) / ticks)
        except (OSError, IndexError, ValueError):
            times.append(0.0)
    return times


def workers_of(server: subprocess.Popen, workers: int) -> list[int]:
    """The worker processes of a multi-worker server (the server itself when it has one)."""
    if workers == 1:
        return [server.pid]
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        # uvicorn spawns its workers with multiprocessing; its resource tracker is no worker.
        return [int(pid) for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    except OSError:
        return []


def measure(home: Path, token: str, workers: int, args, pool: ProcessPoolExecutor, log: Path) -> dict:
    process, url = serve(home, workers, log)
    try:
        rate(pool, "index", url, token, min(0.5, args.seconds), args)  # warm up
        pids = workers_of(process, workers)
        before = cpu_seconds(pids)
        index = rate(pool, "index", url, token, args.seconds, args)
        batches = rate(pool, "batch", url, token, args.seconds, args)
        busy = [after - then for after, then in zip(cpu_seconds(pids), before)]
    finally:
        process.terminate()
        process.wait(30)
    return {"index_per_s": index, "batches_per_s": batches, "worker_cpu_s": [round(b, 1) for b in busy]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each measurement")
    parser.add_argument("--database-url", help="default: a SQLite file in the temporary server home")
    parser.add_argument("--clients", type=int, default=2, help="load-generating processes")
    parser.add_argument("--threads", type=int, default=8, help="connections per load process")
    parser.add_argument("--per-connection", type=int, default=20, help="requests on a connection before a new one")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kiosk-server-load-"))
    figures: dict[str, object] = {"seconds": args.seconds, "clients": args.clients, "threads": args.threads,
                                  "per_connection": args.per_connection,
                                  "database": "postgresql" if (args.database_url or "").startswith("postgresql") else "sqlite",
                                  "cores": os.cpu_count(), "events_per_batch": EVENTS_PER_BATCH}
    try:
        token = prepare(work / "home", args.database_url)
        with ProcessPoolExecutor(args.clients) as pool:
            one_before = measure(work / "home", token, 1, args, pool, work / "serve-1a.log")
            two = measure(work / "home", token, 2, args, pool, work / "serve-2.log")
            one_after = measure(work / "home", token, 1, args, pool, work / "serve-1b.log")
        for name in ("index_per_s", "batches_per_s"):
            one = (one_before[name] + one_after[name]) / 2
            figures[f"one_worker_{name}"] = round(one, 1)
            figures[f"one_worker_{name}_before_after"] = [round(one_before[name], 1), round(one_after[name], 1)]
            figures[f"two_workers_{name}"] = round(two[name], 1)
            figures[f"ratio_{name}"] = round(two[name] / one, 2)
        figures["two_workers_cpu_s"] = two["worker_cpu_s"]  # how evenly the two shared the work
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(figures)
    return 0


def report(f: dict) -> None:
    print(f"server on loopback ({f['database']}, {f['cores']} cores shared with {f['clients']} load processes x "
          f"{f['threads']} connections, {f['seconds']} s per figure)")
    labels = {"index_per_s": "signed index GETs/s",
              "batches_per_s": f"event batches/s ({f['events_per_batch']} events each)"}
    for name, label in labels.items():
        before, after = f[f"one_worker_{name}_before_after"]
        print(f"  {label}: one worker {f[f'one_worker_{name}']} (before {before}, after {after}); "
              f"two workers {f[f'two_workers_{name}']}; ratio {f[f'ratio_{name}']}")
    print(f"  CPU seconds of each of the two workers over both figures: {f['two_workers_cpu_s']}")
    print(json.dumps(f))


if __name__ == "__main__":
    sys.exit(main())
