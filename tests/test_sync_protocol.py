"""The protocol package: importable alone, and what one side writes the other reads."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from protocol.events import (
    Heartbeat, HeartbeatView, HelpRequestPayload, RestartNote, RestartReason, ScreenState,
)
from protocol.help import RelayedRequest, new_help_key, read_open_answer
from protocol.sync_status import SyncStatus, is_ok
from protocol.version import APP_VERSION, user_agent

ROOT = Path(__file__).resolve().parent.parent


def test_protocol_imports_neither_the_kiosk_nor_the_server():
    code = (
        "import sys, protocol.events, protocol.help, protocol.repo_format, protocol.signing, "
        "protocol.sync_status, protocol.version\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('kiosk', 'server', 'db', 'ui')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_heartbeat_reads_back_and_a_broken_one_reads_as_missing():
    beat = Heartbeat(at="2030-03-02T01:00:00", app_version=APP_VERSION, content_revision=3, repo_revision=3,
                     last_sync=SyncStatus.UPDATED, last_sync_message="", free_disk=5, outbox_pending=0,
                     uptime_seconds=60, screen_state=ScreenState.OPEN,
                     restarts=[RestartNote("2030-03-02T00:59:00", RestartReason.WATCHDOG, "watchdog").to_dict()])
    view = HeartbeatView.of(json.loads(json.dumps(beat.to_dict())))
    sent = beat.to_dict()
    sent["restarts"] = (RestartNote("2030-03-02T00:59:00", RestartReason.WATCHDOG, "watchdog"),)
    assert view == HeartbeatView(**sent) and is_ok(view.last_sync)
    broken = HeartbeatView.of({"content_revision": True, "free_disk": "lots", "last_sync": 7,
                               "restarts": [{"at": 5}, "x", {"at": "2030-03-02T00:00:00", "reason": "crashed"}]})
    assert (broken.content_revision, broken.free_disk, broken.last_sync) == (None, None, None)
    assert broken.restarts == (RestartNote("2030-03-02T00:00:00", "crashed"),)
    assert HeartbeatView.of({"restarts": "many"}).restarts == ()
    assert HeartbeatView.of(None) == HeartbeatView()


def test_a_relayed_request_travels_as_json():
    sent = RelayedRequest(new_help_key(), "jongno-1", dt.datetime(2030, 3, 2, 1, 0), "player", "lesson-1", 4)
    assert read_open_answer(json.loads(json.dumps({"requests": [sent.to_dict()]}))) == [sent]
    assert HelpRequestPayload.from_dict({"screen": "home", "step": True}).step is None


def test_the_app_version_is_the_installed_distributions():
    from importlib import metadata

    assert APP_VERSION == metadata.version("seoul-learning-kiosk")
    assert user_agent() == f"seoul-learning-kiosk/{APP_VERSION}"
