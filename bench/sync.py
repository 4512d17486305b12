"""Sync benchmark on a generated catalog (default 5,000 lessons, about 500 MB of media).

    python bench/sync.py [--lessons 5000] [--media-mb 500] [--workers 4]

Runs the real server (`kiosk-server serve`, a separate process) on 127.0.0.1 and prints:
initial sync throughput against plain downloads of the same files in the same run, bytes
moved by a no-op sync and by a one-lesson change, and the server's rate for index requests
and for event batches. Everything is generated in a temporary folder and removed afterwards.
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
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from db.engine import open_database  # noqa: E402
from kiosk.paths import DataDir  # noqa: E402
from kiosk.sync.client import SyncClient, SyncConfig  # noqa: E402
from protocol.events import API_EVENTS, EventKind, Record, batch_body  # noqa: E402
from protocol.repo_format import object_path, parse_root, parse_shard  # noqa: E402
from protocol.sync_status import SyncStatus  # noqa: E402
from server.devserver import free_socket  # noqa: E402


def text(ko: str) -> dict[str, str]:
    return {"ko": ko, "ja": f"{ko}(ja)", "en": f"{ko} (en)"}


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def picture(size: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + os.urandom(size - 8)  # the loader checks the signature only


def generate(pack: Path, lessons: int, media_bytes: int) -> None:
    (pack / "lessons").mkdir(parents=True)
    (pack / "media").mkdir()
    write_json(pack / "pack.json", {
        "id": "bench", "revision": 1, "title": text("벤치"), "required_locales": ["ko", "ja", "en"],
        "center": {"name": text("센터"), "address": text("서울"), "opening_hours": text("9-18"), "phone": "02-120"},
    })
    categories = [f"cat-{n}" for n in range(20)]
    write_json(pack / "categories.json", [
        {"id": c, "order": n, "title": text(f"분류 {n}"), "description": text(f"설명 {n}")} for n, c in enumerate(categories)
    ])
    write_json(pack / "themes.json", [{"id": "welfare", "title": text("복지")}])
    write_json(pack / "programs.json", [])
    write_json(pack / "notices.json", [])
    each = media_bytes // lessons
    for n in range(lessons):
        (pack / "media" / f"lesson-{n}.png").write_bytes(picture(each))
        write_lesson(pack, n, "요약")


def write_lesson(pack: Path, n: int, summary: str) -> None:
    write_json(pack / "lessons" / f"lesson-{n}.json", {
        "id": f"lesson-{n}", "category": f"cat-{n % 20}", "order": n,
        "title": text(f"수업 {n}"), "summary": text(f"{summary} {n}"),
        "steps": [
            {"text": text(f"{n}번 수업 {s}단계"), "picture": f"media/lesson-{n}.png" if s == 1 else None}
            for s in range(1, 4)
        ],
    })


def serve(home: Path) -> tuple[subprocess.Popen, str]:
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "--home", str(home), "serve", "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return process, url
        except requests.ConnectionError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the server did not start")


def catalog(repo: Path) -> dict[str, tuple[str, int]]:
    index = json.loads((repo / "index.json").read_text())["payload"]
    files: dict[str, tuple[str, int]] = {}
    for sha, _ in parse_root((repo / object_path(index["root"][0])).read_bytes()).values():
        files.update(parse_shard((repo / object_path(sha)).read_bytes()))
    return files


def plain_download(url: str, shas: list[str], target: Path, workers: int) -> float:
    """The baseline: GET every object and write it to disk, nothing else."""
    target.mkdir()
    local = threading.local()

    def get(sha: str) -> int:
        if getattr(local, "session", None) is None:
            local.session = requests.Session()
        response = local.session.get(f"{url}/repo/{object_path(sha)}", stream=True, timeout=30)
        response.raise_for_status()
        size = 0
        with (target / sha).open("wb") as handle:
            for chunk in response.iter_content(1 << 20):
                handle.write(chunk)
                size += len(chunk)
        return size

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        total = sum(pool.map(get, shas))
    elapsed = time.perf_counter() - started
    return total / elapsed


def rate(count: int, workers: int, call) -> float:
    local = threading.local()

    def one(_):
        if getattr(local, "session", None) is None:
            local.session = requests.Session()
        call(local.session)

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, range(count)))
    return count / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", type=int, default=5000)
    parser.add_argument("--media-mb", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4, help="download threads, for sync and baseline alike")
    args = parser.parse_args(argv)
    figures: dict[str, object] = {"lessons": args.lessons, "media_mb": args.media_mb, "workers": args.workers}
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    server = None
    try:
        pack, home = work / "pack", work / "home"
        started = time.perf_counter()
        generate(pack, args.lessons, args.media_mb << 20)
        figures["generate_s"] = round(time.perf_counter() - started, 1)
        from server.cli import main as server_cli

        with open(os.devnull, "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                server_cli(["--home", str(home), "init"])
                started = time.perf_counter()
                server_cli(["--home", str(home), "publish", str(pack)])
                figures["publish_s"] = round(time.perf_counter() - started, 1)
            finally:
                sys.stdout = stdout
        public = json.loads((home / "server.json").read_text())["root_public_key"]
        files = catalog(home / "repo")
        shas = sorted({sha for sha, _ in files.values()})
        total_bytes = sum(dict(files.values()).values())  # distinct objects
        figures["files"] = len(files)
        figures["bytes"] = total_bytes
        server, url = serve(home)

        # Warm the server up, then measure plain downloads before and after the sync and compare
        # with their mean, so neither side profits from running second.
        plain_download(url, shas[:300], work / "warm", args.workers)
        before = plain_download(url, shas, work / "plain-before", args.workers)
        shutil.rmtree(work / "warm")
        shutil.rmtree(work / "plain-before")
        data = work / "kiosk"
        sessions = open_database(DataDir(data).database)
        config = SyncConfig(repo_url=url + "/repo/", public_key=public, workers=args.workers, min_free_bytes=0)
        client = SyncClient(data, sessions, config)
        started = time.perf_counter()
        first = client.run(upload=False)
        elapsed = time.perf_counter() - started
        assert first.status == SyncStatus.UPDATED, first.message
        after = plain_download(url, shas, work / "plain-after", args.workers)
        shutil.rmtree(work / "plain-after")
        baseline = (before + after) / 2
        figures["baseline_before_MBps"], figures["baseline_after_MBps"] = round(before / 1e6, 1), round(after / 1e6, 1)
        figures["baseline_MBps"] = round(baseline / 1e6, 1)
        figures["initial_sync_s"] = round(elapsed, 1)
        figures["initial_sync_MBps"] = round(first.bytes / elapsed / 1e6, 1)
        figures["initial_sync_ratio"] = round(first.bytes / elapsed / baseline, 2)
        figures["initial_sync_requests"] = first.requests

        noop = client.run(upload=False)
        assert noop.status == SyncStatus.UNCHANGED, noop.message
        figures["noop_requests"], figures["noop_body_bytes"] = noop.requests, noop.bytes

        write_lesson(pack, 7, "바뀐 요약")
        (pack / "media" / "lesson-7.png").write_bytes(picture((args.media_mb << 20) // args.lessons))
        with open(os.devnull, "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                server_cli(["--home", str(home), "publish", str(pack)])
            finally:
                sys.stdout = stdout
        new_files = catalog(home / "repo")
        changed = [p for p in new_files if files.get(p) != new_files[p]]
        changed_bytes = sum(new_files[p][1] for p in changed)
        change = client.run(upload=False)
        assert change.status == SyncStatus.UPDATED, change.message
        figures["change_changed_files"] = changed
        figures["change_changed_bytes"] = changed_bytes
        figures["change_body_bytes"] = change.bytes
        figures["change_overhead_bytes"] = change.bytes - changed_bytes
        figures["change_requests"] = change.requests

        etag = requests.get(url + "/repo/index.json", timeout=5).headers["etag"]
        figures["index_200_per_s"] = round(rate(3000, 8, lambda s: s.get(url + "/repo/index.json", timeout=10).raise_for_status()))
        figures["index_304_per_s"] = round(rate(3000, 8, lambda s: s.get(
            url + "/repo/index.json", headers={"If-None-Match": etag}, timeout=10)))
        token = enroll(home)

        def post_batch(session: requests.Session) -> None:
            body = batch_body([
                Record(uuid.uuid4().hex, EventKind.USAGE, n, dt.datetime(2030, 1, 1, 9),
                       {"event": "step_reached", "lesson": "lesson-7", "step": 2}) for n in range(100)
            ])
            session.post(url + API_EVENTS, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30).raise_for_status()

        figures["event_batches_per_s"] = round(rate(300, 4, post_batch), 1)
        figures["events_per_s"] = round(figures["event_batches_per_s"] * 100)
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    report(figures)
    return 0


def enroll(home: Path) -> str:
    from server import auth
    from server.config import ServerHome
    from server.db import open_server_database

    sessions = open_server_database(ServerHome(home).database_url())
    with sessions.begin() as session:
        return auth.enroll(session, "bench")


def report(f: dict) -> None:
    print(f"catalog: {f['lessons']} lessons, {f['files']} files, {f['bytes'] / 1e6:.0f} MB "
          f"(generated in {f['generate_s']} s, published in {f['publish_s']} s)")
    print(f"initial sync: {f['initial_sync_MBps']} MB/s in {f['initial_sync_s']} s, {f['initial_sync_requests']} requests; "
          f"plain downloads {f['baseline_MBps']} MB/s (before {f['baseline_before_MBps']}, after "
          f"{f['baseline_after_MBps']}); ratio {f['initial_sync_ratio']} (target >= 0.8)")
    print(f"no-op sync: {f['noop_requests']} request(s), {f['noop_body_bytes']} body bytes (target: 1 request, no body)")
    print(f"one-lesson change: {f['change_body_bytes']} body bytes in {f['change_requests']} requests; changed objects "
          f"{f['change_changed_bytes']} bytes ({', '.join(f['change_changed_files'])}); overhead "
          f"{f['change_overhead_bytes']} bytes (target < 50 KB)")
    print(f"server on loopback: index {f['index_200_per_s']} req/s (200), {f['index_304_per_s']} req/s (304); "
          f"event batches {f['event_batches_per_s']}/s of 100 = {f['events_per_s']} events/s")
    print(json.dumps(f))


if __name__ == "__main__":
    sys.exit(main())
