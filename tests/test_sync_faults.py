"""Faults on the way down. Each test ends with the content and the queued data intact, the
kiosk still usable, and a later clean sync succeeding."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.plugins.sync import (
    Fault,
    add_big_picture,
    client,
    edit_lesson,
    env_with_path,
    fault_server,
    lesson_summary,
    open_kiosk,
    published,
)

from db.models import OutboxEntry
from kiosk.settings import SettingsStore
from protocol.signing import generate_private_pem, load_private, sign_index

ROOT = Path(__file__).resolve().parent.parent
BIG = 3 << 20


@pytest.fixture
def setup(tmp_path):
    """A kiosk synced to revision 1, revision 2 published (with a big picture), a fault server."""
    repo, pack = published(tmp_path)
    kiosk = open_kiosk(tmp_path / "kiosk")
    with fault_server(repo.dir) as (url, state):
        sync = client(kiosk, url, repo.public)
        assert sync.run().status == "updated"
        kiosk.usage.record("lesson_started", lesson="lesson-1")
        kiosk.helpdesk.request_help("player", "lesson-1", 2)
        edit_lesson(pack)
        big = add_big_picture(pack, BIG)
        assert repo.publish(pack).revision == 2
        state.log.clear()
        yield kiosk, sync, state, big, repo, url


def queued(kiosk) -> int:
    with kiosk.sessions() as session:
        return session.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.sent_at.is_(None)))


def assert_intact(kiosk, summary="요약 1"):
    assert lesson_summary(kiosk) == summary
    for lesson in kiosk.content.lessons():
        for step in kiosk.content.lesson(lesson.id).steps:
            assert kiosk.content.media_file(step.picture).is_file()
    assert queued(kiosk) == 2
    kiosk.usage.record("screen", screen="home")  # still usable: the database takes writes
    with kiosk.sessions.begin() as session:
        session.execute(OutboxEntry.__table__.delete().where(OutboxEntry.kind == "usage", OutboxEntry.payload["screen"].as_string() == "home"))


def finish_clean(kiosk, sync, state):
    state.faults.clear()
    result = sync.run()
    assert result.status == "updated", result.message
    assert_intact(kiosk, "바뀐 요약")
    return result


@pytest.mark.parametrize("kind", ["reset", "truncate"])
def test_interrupted_large_file_resumes_with_range(setup, kind):
    kiosk, sync, state, big, *_ = setup
    state.faults.append(Fault(big, kind, times=1))
    result = sync.run()
    assert result.status == "updated", result.message
    ranges = [h.get("Range") for h in state.requests_for(big)]
    assert len(ranges) == 2 and ranges[0] is None
    if kind == "truncate":  # a reset may also discard bytes already in the socket buffer
        assert ranges[1] and ranges[1].startswith("bytes=") and ranges[1] != "bytes=0-"
    assert_intact(kiosk, "바뀐 요약")


def test_interrupted_every_time_gives_up_and_keeps_content(setup):
    kiosk, sync, state, big, *_ = setup
    state.faults.append(Fault(big, "reset", times=100))
    result = sync.run()
    assert result.status == "failed" and "gave up" in result.message
    assert len(state.requests_for(big)) <= 4
    assert_intact(kiosk)
    finish_clean(kiosk, sync, state)


def test_wrong_hash_is_refused(setup):
    kiosk, sync, state, big, *_ = setup
    state.faults.append(Fault(big, "corrupt", times=100))
    result = sync.run()
    assert result.status == "failed" and "SHA-256" in result.message
    assert_intact(kiosk)
    assert not list((kiosk.data_dir / "objects").glob(f"{big}*")), "a bad object is never kept"
    finish_clean(kiosk, sync, state)


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_with_retry_after_are_retried(setup, status):
    kiosk, sync, state, *_ = setup
    state.faults.append(Fault("index.json", "status", times=2, status=status, retry_after="1"))
    started = time.monotonic()
    result = sync.run()
    assert result.status == "updated", result.message
    assert len(state.requests_for("index.json")) == 3
    assert time.monotonic() - started < 5  # Retry-After honoured but capped (0.2 s in tests)
    assert_intact(kiosk, "바뀐 요약")


def test_server_errors_that_persist_fail_the_sync(setup):
    kiosk, sync, state, *_ = setup
    state.faults.append(Fault("index.json", "status", times=100, status=503, retry_after="3600"))
    started = time.monotonic()
    result = sync.run()
    assert result.status == "failed" and "503" in result.message
    assert time.monotonic() - started < 5
    assert_intact(kiosk)
    finish_clean(kiosk, sync, state)


@pytest.mark.parametrize("target", ["index.json", "big"])
def test_stalled_server_times_out(setup, target):
    kiosk, sync, state, big, *_ = setup
    state.faults.append(Fault(big if target == "big" else target, "stall", times=100))
    started = time.monotonic()
    result = sync.run()
    assert result.status == "failed"
    assert time.monotonic() - started < 15  # read timeout 1 s, a few bounded retries
    state.release.set()
    assert_intact(kiosk)
    state.release.clear()
    finish_clean(kiosk, sync, state)


def _index(repo) -> dict:
    return json.loads((repo.dir / "index.json").read_text())


@pytest.mark.parametrize(
    "make_body, message",
    [
        (lambda index, repo: b"{not json", "not valid JSON"),
        (lambda index, repo: json.dumps({"payload": index["payload"]}).encode(), "not signed"),
        (lambda index, repo: sign_index(index["payload"], load_private(generate_private_pem())), "signature"),
        (lambda index, repo: json.dumps({**index, "payload": {**index["payload"], "revision": 9}}).encode(), "signature"),
        (lambda index, repo: sign_index({**index["payload"], "format": 99}, repo.key), "unknown format"),
    ],
    ids=["malformed", "unsigned", "other-key", "tampered", "unknown-format"],
)
def test_bad_index_is_refused(setup, make_body, message):
    kiosk, sync, state, big, repo, _ = setup
    state.faults.append(Fault("index.json", "body", times=1, body=make_body(_index(repo), repo)))
    result = sync.run()
    assert result.status == "failed" and message in result.message
    assert len(state.log) == 1  # nothing else was fetched on the word of a bad index
    assert_intact(kiosk)
    finish_clean(kiosk, sync, state)


def test_older_revision_is_refused(setup):
    kiosk, sync, state, big, repo, _ = setup
    old_index = (repo.dir / "index.json").read_bytes()  # revision 2, not yet synced
    assert finish_clean(kiosk, sync, state).revision == 2
    edit_lesson(Path(repo.root).parent / "pack", summary="세 번째")
    repo.publish(Path(repo.root).parent / "pack")
    assert sync.run().revision == 3
    state.faults.append(Fault("index.json", "body", times=1, body=old_index))  # a replayed, validly signed index
    result = sync.run()
    assert result.status == "failed" and "older" in result.message
    assert lesson_summary(kiosk) == "세 번째"


def test_disk_full_is_checked_first(setup):
    kiosk, sync, state, big, repo, url = setup
    low = client(kiosk, url, repo.public, disk_free=lambda path: 1 << 20)
    result = low.run()
    assert result.status == "failed" and "free disk" in result.message
    assert len(state.log) == 0
    tight = client(kiosk, url, repo.public, disk_free=lambda path: (64 << 20) + BIG // 2, min_free_bytes=64 << 20)
    result = tight.run()
    assert result.status == "failed" and "needs" in result.message
    assert not state.requests_for(big), "nothing large is downloaded that cannot fit"
    assert_intact(kiosk)
    finish_clean(kiosk, sync, state)


def _configure(kiosk, url, public):
    store = SettingsStore(kiosk.data_dir / "config.json")
    settings, _ = store.load()
    store.save(settings.model_copy(update={"sync_repo_url": url, "sync_public_key": public}))


def _integrity(kiosk) -> str:
    with sqlite3.connect(kiosk.data_dir / "kiosk.db") as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def test_sigkill_during_download_then_resume(setup):
    kiosk, sync, state, big, repo, url = setup
    state.faults.append(Fault(big, "slow", times=1))
    _configure(kiosk, url, repo.public)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "sync", "--data-dir", str(kiosk.data_dir), "--no-upload"],
        cwd=ROOT, env=env_with_path(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    part = kiosk.data_dir / "objects" / f"{big}.png.part"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (not part.exists() or part.stat().st_size < 256 * 1024):
        if process.poll() is not None:
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert part.exists() and 0 < part.stat().st_size < BIG
    state.release.set()  # let the slow handler finish writing to the dead connection
    assert _integrity(kiosk) == "ok"
    assert_intact(kiosk)
    state.release.clear()
    state.log.clear()
    finish_clean(kiosk, sync, state)
    ranges = [h.get("Range") for h in state.requests_for(big)]
    assert len(ranges) == 1 and ranges[0].startswith("bytes=") and ranges[0] != "bytes=0-"


KILL_IN_APPLY = """
import os, signal, sys
import kiosk.sync.apply as apply
original = apply.write_rows
def write_then_die(session, *args, **kwargs):
    original(session, *args, **kwargs)
    session.flush()  # the new rows are written inside the open transaction...
    os.kill(os.getpid(), signal.SIGKILL)  # ...and the process dies before the commit
apply.write_rows = write_then_die
from kiosk.sync.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "--no-upload"]))
"""


def test_sigkill_during_apply_keeps_old_content(setup):
    kiosk, sync, state, big, repo, url = setup
    _configure(kiosk, url, repo.public)
    process = subprocess.run(
        [sys.executable, "-c", KILL_IN_APPLY, str(kiosk.data_dir)],
        cwd=ROOT, env=env_with_path(), capture_output=True, timeout=60,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()[-2000:]
    assert _integrity(kiosk) == "ok"
    assert_intact(kiosk)
    result = finish_clean(kiosk, sync, state)
    assert result.objects_fetched == 0  # everything was downloaded before the kill
