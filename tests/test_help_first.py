"""Help first: a visitor's call for a guide reaches the server within 2 s of the tap while the
kiosk is in the middle of a large content download, and so does a guide's Done. Real server
and a real, slow repository server on loopback; a real window."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tests.plugins.sync import trickling_fleet
from tests.plugins.touch import click

from server.models import Event, HelpDone
from ui.app import build_window

BIG = 40 << 20  # trickled at about 3 MB/s by the slow fault: a download of many seconds


@pytest.fixture
def downloading(qtbot, tmp_path):
    """A window whose first sync is stuck in a long download: (window, server sessions, repo state)."""
    with trickling_fleet(tmp_path, BIG) as fleet:
        window = build_window(fleet.services, kiosk_mode=False, voice=False, sync=True)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.sync_controller is not None, timeout=5000)
        window.sync_controller.sync_now()
        qtbot.waitUntil(lambda: bool(fleet.state.requests_for(fleet.big_sha)), timeout=15000)
        yield window, fleet.server_sessions, fleet.state, fleet.big_sha
        fleet.state.release.set()  # the trickle stops; the sync ends with a short file
        assert window.sync_controller.stop(15000)


def stored(sessions, kind: str) -> list[Event]:
    with sessions() as session:
        return session.scalars(select(Event).where(Event.kind == kind)).all()


def test_a_help_request_is_on_the_server_within_two_seconds_during_a_large_download(qtbot, downloading):
    window, sessions, state, big_sha = downloading
    window.go("categories")
    click(qtbot, window.bar.help)
    qtbot.waitUntil(lambda: len(stored(sessions, "help_request")) == 1, timeout=2000)
    assert stored(sessions, "help_request")[0].payload["screen"] == "categories"
    # It did not wait for the download: that one is still trickling in.
    assert window.sync_controller._running is not None
    assert not state.release.is_set() and len(state.requests_for(big_sha)) >= 1
    assert not stored(sessions, "heartbeat"), "the sync's own upload has not run yet"


def test_the_visitor_cancelling_and_a_guides_done_go_up_at_once_too(qtbot, downloading):
    window, sessions, _state, _sha = downloading
    click(qtbot, window.bar.help)
    qtbot.waitUntil(lambda: len(stored(sessions, "help_request")) == 1, timeout=2000)
    window.notice.hide()
    key = window.visit_help.key
    assert window.services.helpdesk.mark_done(key, by_visitor=True)
    window.send_help_now()  # what the strip's "I no longer need help" does after closing it

    def closed():
        with sessions() as session:
            return session.scalars(select(HelpDone)).all()

    qtbot.waitUntil(lambda: len(closed()) == 1, timeout=2000)
    assert window.sync_controller._running is not None  # the download still goes on
