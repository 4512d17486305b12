"""Several server processes on one database: the publish lock (server.leader), the periodic
re-signing under it, and `kiosk-server serve --workers 2` serving kiosks and admins on
PostgreSQL while exactly one worker at a time re-signs."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, func, select, text
from tests.plugins.packs import make_pack
from tests.plugins.server_database import POSTGRES
from tests.plugins.sync import client as sync_client
from tests.plugins.sync import open_kiosk

from protocol.sync_status import SyncStatus
from server import auth, staff
from server.app import DEFAULT_REFRESH_EVERY, create_app, refresh_every
from server.cli import main as server_cli
from server.config import ServerHome
from server.db import open_server_database
from server.devserver import free_socket
from server.leader import IndexRefresher, publish_lock
from server.models import Base, Event, Kiosk
from server.scope import Role

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2030, 3, 2, 1, 0)  # naive UTC
SHORT = dt.timedelta(milliseconds=20)


def child_env() -> dict[str, str]:
    """The environment of a child Python that imports this checkout."""
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def wait_until(condition: Callable[[], object], what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        threading.Event().wait(0.02)


def other_process_gets_the_lock(url: str) -> bool:
    """Try the lock without waiting from a separate Python process."""
    probe = ("import sys; from sqlalchemy import create_engine; from server.leader import publish_lock\n"
             "with publish_lock(create_engine(sys.argv[1]), wait=False) as held: print(held)")
    done = subprocess.run([sys.executable, "-c", probe, url], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=child_env())
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


def waiting_for_the_lock(engine: Engine, lock_file: Path) -> bool:
    """Is some holder blocked on the publish lock right now?"""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return bool(connection.scalar(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")))
    inode = f":{os.stat(lock_file).st_ino} "
    return any("->" in line and inode in line for line in Path("/proc/locks").read_text().splitlines())


# The lock ---------------------------------------------------------------------------------------
def test_one_process_at_a_time_holds_the_publish_lock(database_url, tmp_path):
    if database_url.startswith("sqlite") and not Path("/proc/locks").exists():
        pytest.skip("needs Linux's /proc/locks to see a waiting holder")
    engine = create_engine(database_url)
    other = create_engine(database_url)  # another pool: what another server process has
    try:
        with publish_lock(engine, wait=False) as held:
            assert held
            assert not other_process_gets_the_lock(database_url)
            with publish_lock(other, wait=False) as also:
                assert not also
        assert other_process_gets_the_lock(database_url)  # released on exit

        # wait=True waits until the holder lets go.
        order: list[str] = []
        with publish_lock(engine, wait=True) as held:
            assert held
            waiter = threading.Thread(target=lambda: _hold_and_note(other, order))
            waiter.start()
            wait_until(lambda: waiting_for_the_lock(engine, tmp_path / "server.db.publish-lock"), "a blocked waiter")
            order.append("released")
        waiter.join(20)
        assert order == ["released", "acquired"]

        # A holder whose code fails still lets go.
        with pytest.raises(RuntimeError), publish_lock(engine, wait=False):
            raise RuntimeError("publish failed")
        assert other_process_gets_the_lock(database_url)
    finally:
        engine.dispose()
        other.dispose()


def _hold_and_note(engine: Engine, order: list[str]) -> None:
    with publish_lock(engine, wait=True) as held:
        order.append("acquired" if held else "refused")


# The refresher ----------------------------------------------------------------------------------
class Job:
    """A stand-in for server.publish.refresh_indexes that notes each run."""

    def __init__(self, results: list[int | Exception]):
        self.results = results
        self.runs: list[dt.datetime] = []

    def __call__(self, now: dt.datetime) -> int:
        self.runs.append(now)
        result = self.results[min(len(self.runs), len(self.results)) - 1]
        if isinstance(result, Exception):
            raise result
        return result


def test_a_refresh_runs_under_the_lock_with_the_injected_clock(database_url, caplog):
    caplog.set_level(logging.DEBUG, logger="server")
    sessions = open_server_database(database_url)
    job = Job([3])
    refresher = IndexRefresher(sessions, job, every=dt.timedelta(minutes=10), clock=lambda: T0)
    try:
        assert refresher.run_once() == 3 and job.runs == [T0]
        assert "index refresh finished" in caplog.text and "3 index(es) re-signed" in caplog.text
        other = create_engine(database_url)
        with publish_lock(other, wait=False) as held:  # an admin publishing, say
            assert held
            assert refresher.run_once() is None and job.runs == [T0]
        other.dispose()
        assert "another server process holds the publish lock" in caplog.text
    finally:
        sessions.kw["bind"].dispose()


def test_the_refresher_keeps_going_after_a_failed_run_and_stops_cleanly(tmp_path, caplog):
    sessions = open_server_database(f"sqlite:///{tmp_path / 'server.db'}")
    job = Job([OSError("disk full"), 1, 0])
    refresher = IndexRefresher(sessions, job, every=SHORT, clock=lambda: T0)
    refresher.start()
    try:
        wait_until(lambda: len(job.runs) >= 3, "three runs")
    finally:
        assert refresher.stop()
    assert not refresher.running
    assert "index refresh failed" in caplog.text and "disk full" in caplog.text
    runs = len(job.runs)
    assert refresher.stop() and len(job.runs) == runs  # stopping twice is harmless; nothing runs after
    sessions.kw["bind"].dispose()


def test_the_app_starts_its_refresher_and_stops_it_on_shutdown(tmp_path):
    url = f"sqlite:///{tmp_path / 'server.db'}"
    sessions = open_server_database(url)
    job = Job([0])
    refresher = IndexRefresher(sessions, job, every=SHORT)
    app = create_app(url, tmp_path / "repo", refresher=refresher)
    with TestClient(app) as http:
        wait_until(lambda: job.runs, "the first refresh")
        assert http.get("/healthz").json() == {"ok": True}  # requests are served meanwhile
        assert refresher.running
    assert not refresher.running
    app.state.sessions.kw["bind"].dispose()
    sessions.kw["bind"].dispose()


def test_refresh_interval_comes_from_server_json(tmp_path):
    home = ServerHome(tmp_path / "home")
    assert refresh_every(home) == DEFAULT_REFRESH_EVERY == dt.timedelta(minutes=10)
    home.save_config({"refresh_every_seconds": 30})
    assert refresh_every(home) == dt.timedelta(seconds=30)
    for wrong in ("10 min", 0, -5, True):
        home.save_config({"refresh_every_seconds": wrong})
        with pytest.raises(ValueError) as refused:
            refresh_every(home)
        message = str(refused.value)
        assert str(home.config_file) in message and "refresh_every_seconds" in message and "remove the key" in message


def test_serve_refuses_a_bad_worker_count_or_interval_before_starting(tmp_path, capsys):
    home = ServerHome(tmp_path / "home")
    assert server_cli(["--home", str(home.path), "serve", "--workers", "0"]) == 2
    assert "--workers must be 1 or more, not 0" in capsys.readouterr().err
    home.save_config({"refresh_every_seconds": "often"})
    assert server_cli(["--home", str(home.path), "serve"]) == 2
    refused = capsys.readouterr().err
    assert str(home.config_file) in refused and "refresh_every_seconds" in refused


# Two workers on PostgreSQL ----------------------------------------------------------------------
REFRESH_LINE = re.compile(r"index refresh (started|finished|skipped)[^(]*\(pid (\d+)\)(?:: (\d+) index)?")
KIOSKS = 4
ROUNDS = 5
EVENTS_PER_BATCH = 50


def refresher_lines(log_file: Path) -> list[tuple[str, int, int | None]]:
    """(started|finished|skipped, pid, how many re-signed) in the order the workers wrote them."""
    found = []
    for line in log_file.read_text(encoding="utf-8", errors="replace").splitlines():
        match = REFRESH_LINE.search(line)
        if match:
            found.append((match.group(1), int(match.group(2)), int(match.group(3)) if match.group(3) else None))
    return found


def batch(n: int) -> dict:
    at = T0 + dt.timedelta(minutes=n)
    events = [{"key": uuid.uuid4().hex, "kind": "usage", "seq": s, "created_at": at.isoformat(),
               "payload": {"event": "lesson_started", "lesson": "lesson-1"}} for s in range(1, EVENTS_PER_BATCH)]
    events.append({"key": uuid.uuid4().hex, "kind": "heartbeat", "seq": EVENTS_PER_BATCH, "created_at": at.isoformat(),
                   "payload": {"at": at.isoformat(), "app_version": "0.1.0", "content_revision": 1, "repo_revision": 1,
                               "last_sync": "updated", "last_sync_message": "", "free_disk": 1, "outbox_pending": 0}})
    return {"events": events}


@pytest.mark.skipif(not POSTGRES, reason="KIOSK_TEST_POSTGRES_URL is not set")
def test_two_workers_serve_everyone_while_one_at_a_time_re_signs(tmp_path, capsys):
    from protocol.signing import load_public, verify_signed_index
    from server.publish import publish, read_index_payload

    engine = create_engine(POSTGRES)
    Base.metadata.drop_all(engine)
    home = ServerHome(tmp_path / "home")
    assert server_cli(["--home", str(home.path), "init", "--database-url", POSTGRES]) == 0
    capsys.readouterr()  # the admin token init prints
    home.save_config({**home.config(), "refresh_every_seconds": 0.2})
    signer = home.signer()
    root = load_public(home.config()["root_public_key"])  # what kiosks are configured with
    # Published five days ago: less than half of its week is left, so the first refresh re-signs it.
    published_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=5)
    publish(make_pack(tmp_path / "pack"), home.repo_dir, signer, now=published_at)
    first_expiry = read_index_payload(home.repo_dir)["expires_at"]
    sessions = open_server_database(POSTGRES)
    with sessions.begin() as session:
        tokens = [auth.enroll(session, f"kiosk-{n}") for n in range(KIOSKS)]
        admin = auth.add_api_token(session)
        staff.create_staff(session, login="kim", password="a long enough password", display_name="김민지",
                           role=Role.CITY, by="test", now=auth.now())

    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    log_file = tmp_path / "serve.log"
    with log_file.open("ab") as log:  # O_APPEND: every worker's lines land whole
        process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "--home", str(home.path), "serve", "--port", str(port),
             "--workers", "2", "--log-level", "debug"],
            cwd=ROOT, stdout=log, stderr=log, env=child_env(),
        )
    url = f"http://127.0.0.1:{port}"
    try:
        def up() -> bool:
            try:
                return httpx.get(url + "/healthz", timeout=1).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(up, "kiosk-server serve --workers 2", timeout=60)
        wait_until(lambda: len({pid for _, pid, _ in refresher_lines(log_file)}) == 2, "both workers' refreshers")
        wait_until(lambda: any(n for what, _, n in refresher_lines(log_file) if what == "finished"), "a re-signing")
        renewed = read_index_payload(home.repo_dir)
        assert renewed["expires_at"] > first_expiry

        # Kiosks upload and read the index, each request on a connection of its own, so that
        # both workers serve them.
        def kiosk(token: str) -> None:
            headers = {"Authorization": f"Bearer {token}"}
            for n in range(ROUNDS):
                stored = httpx.post(url + "/api/v1/events", json=batch(n), headers=headers, timeout=30)
                assert stored.status_code == 200, stored.text
                assert stored.json()["stored"] == EVENTS_PER_BATCH
                index = httpx.get(url + "/repo/index.json", timeout=30)
                assert index.status_code == 200
                verified = verify_signed_index(index.content, root, min_serial=1)
                assert verified.key_serial == 1 and verified.payload["expires_at"] == renewed["expires_at"]

        with ThreadPoolExecutor(KIOSKS) as pool:
            list(pool.map(kiosk, tokens))
        with sessions() as session:
            assert session.scalar(select(func.count()).select_from(Event)) == KIOSKS * ROUNDS * EVENTS_PER_BATCH

        # Real kiosks sync through it: the re-signed index, the content, and their uploads.
        for n in range(2):
            services = open_kiosk(tmp_path / f"kiosk-{n}")
            services.usage.record("lesson_started", lesson="lesson-1")
            sync = sync_client(services, url + "/repo/", home.config()["root_public_key"], api_url=url, token=tokens[n])
            first = sync.run()
            assert first.status == SyncStatus.UPDATED and first.upload_error == "" and first.uploaded >= 2, first
            assert sync.run().status == SyncStatus.UNCHANGED
            services.sessions.kw["bind"].dispose()
        with sessions() as session:
            beats = [k.last_heartbeat for k in session.scalars(select(Kiosk).where(Kiosk.name.in_(["kiosk-0", "kiosk-1"])))]
        assert [beat["content_expires_at"] for beat in beats] == [renewed["expires_at"].removesuffix("+00:00")] * 2

        # An admin logs in once; the session (in the database) holds on every worker.
        with httpx.Client(base_url=url) as browser:
            login = {"login": "kim", "password": "a long enough password"}
            assert browser.post("/admin/login", data=login).status_code == 303
            cookie = browser.cookies["kiosk_admin"]
        for _ in range(10):
            fleet = httpx.get(url + "/admin", cookies={"kiosk_admin": cookie}, timeout=30, follow_redirects=False)
            assert fleet.status_code == 200
            assert all(f'id="kiosk-kiosk-{n}"' in fleet.text for n in range(KIOSKS))
        listed = httpx.get(url + "/api/v1/admin/kiosks", headers={"Authorization": f"Bearer {admin}"}, timeout=30)
        assert [k["last_heartbeat"]["app_version"] for k in listed.json()] == ["0.1.0"] * KIOSKS

        # While someone else holds the lock (an admin's `kiosk-server publish`), both workers
        # skip their turn; once it is free, re-signing resumes.
        with publish_lock(engine, wait=True) as held:
            assert held
            mark = len(refresher_lines(log_file))

            def both_skipped() -> bool:
                return len({pid for what, pid, _ in refresher_lines(log_file)[mark:] if what == "skipped"}) == 2

            wait_until(both_skipped, "both workers to find the lock taken")
            assert not [line for line in refresher_lines(log_file)[mark:] if line[0] == "started"]
        mark = len(refresher_lines(log_file))
        wait_until(lambda: any(what == "started" for what, _, _ in refresher_lines(log_file)[mark:]), "a run after release")
    finally:
        process.terminate()
        process.wait(30)
        sessions.kw["bind"].dispose()
        engine.dispose()

    # Runs never overlapped: every "started" is followed by the same worker's "finished".
    runs = [(what, pid) for what, pid, _ in refresher_lines(log_file) if what != "skipped"]
    assert len(runs) >= 4
    for (start, pid), (end, same) in zip(runs[::2], runs[1::2]):
        assert (start, end) == ("started", "finished") and pid == same, runs
    served = log_file.read_text(encoding="utf-8", errors="replace")
    assert served.count("index refresher stopped") == 2, served[-3000:]
    for secret in (admin, *tokens):
        assert secret not in served
