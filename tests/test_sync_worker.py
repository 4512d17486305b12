"""The background sync worker: runs on its own thread, reports by Qt signals, jittered interval."""

from __future__ import annotations

import random
import threading

from kiosk.sync.client import SyncResult
from kiosk.sync.config import config_from_settings, next_delay
from kiosk.settings import Settings
from ui.sync_worker import SyncController, controller_for


class FakeClient:
    def __init__(self, results):
        self.results = list(results)
        self.threads: list[str] = []

    def run(self):
        self.threads.append(threading.current_thread().name)
        result = self.results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result


def test_worker_reports_by_signals_from_its_own_thread(qtbot):
    fake = FakeClient([SyncResult("updated", revision=4), SyncResult("failed", message="index: HTTP 503"),
                       RuntimeError("bug"), SyncResult("unchanged", revision=4)])
    controller = SyncController(lambda: fake, interval=3600, jitter=0.2, first_delay=3600)
    states: list[str] = []
    controller.state_changed.connect(states.append)
    controller.start()
    try:
        with qtbot.waitSignal(controller.content_updated, timeout=5000) as updated:
            controller.sync_now()
        assert updated.args == [4]
        for expected in ("failed", "failed", "idle"):
            with qtbot.waitSignal(controller.state_changed, timeout=5000, check_params_cb=lambda s: s == expected):
                controller.sync_now()
    finally:
        assert controller.stop(5000)
    assert states == ["syncing", "idle", "syncing", "failed", "syncing", "failed", "syncing", "idle", "stopped"]
    assert threading.main_thread().name not in fake.threads  # never on the UI thread


def test_jitter_spreads_a_fleet_within_bounds():
    rng = random.Random(7)
    delays = [next_delay(900, 0.2, rng) for _ in range(500)]
    assert min(delays) >= 720 and max(delays) <= 1080
    assert max(delays) - min(delays) > 300  # kiosks do not all call at the same second


def test_sync_is_off_until_configured(services):
    assert controller_for(services) is None
    settings = Settings(sync_server_url="https://kiosk.example.org", sync_public_key="AAAA", sync_token="t")
    config = config_from_settings(settings)
    assert config.repo_url == "https://kiosk.example.org/repo/" and config.api_url == "https://kiosk.example.org"
    cdn = config_from_settings(settings.model_copy(update={"sync_repo_url": "https://cdn.example.org/kiosk/"}))
    assert cdn.repo_url == "https://cdn.example.org/kiosk/"
