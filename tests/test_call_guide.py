"""Calling a guide in a real room: one request per visit shown until it is closed, honest
outside the guide's hours, a chime and a marker for the guide, and a panel that says where
the visitor was and opens it. Real SQLite, real widgets, a real server on loopback."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from sqlalchemy import select
from tests.plugins.guide import type_pin
from tests.plugins.sync import FAST, client, open_kiosk, published
from tests.plugins.touch import click

from db.models import OutboxEntry
from kiosk.guide.help import PendingHelp
from kiosk.sync.relay import HelpRelay
from server import auth
from server.app import create_app
from server.devserver import run_app
from server.models import Event, HelpDone
from ui.guide_alert import CHIME_FILE, chime_wav_bytes
from ui.theme import sizes_for

SEOUL = dt.timezone(dt.timedelta(hours=9))
MONDAY_MORNING = dt.datetime(2026, 11, 30, 11, 0, tzinfo=SEOUL)  # inside the default 10:00-16:00
SATURDAY = dt.datetime(2026, 12, 5, 11, 0, tzinfo=SEOUL)
PIN = "482916"


def outbox(services, kind: str) -> list[dict]:
    with services.sessions() as session:
        return list(session.scalars(select(OutboxEntry.payload).where(OutboxEntry.kind == kind)))


@pytest.fixture
def room(make_window):
    """A window in English, on a Monday morning, with the guide's hours at their default."""
    window = make_window()
    window.change_locale("en")
    window.guide_hours.clock = lambda: MONDAY_MORNING
    return window


# One request per visit ------------------------------------------------------------------------
def test_repeated_calls_refresh_one_request(qtbot, room):
    services = room.services
    room.go("player", lesson="lesson-1")
    click(qtbot, room.bar.help)
    assert room.notice.heading.text() == "A guide is coming"
    click(qtbot, room.notice.button)
    click(qtbot, room.screens["player"].next)
    click(qtbot, room.bar.help)
    assert room.notice.heading.text() == "A guide has already been called"
    (request,) = services.helpdesk.open_requests()
    assert (request.screen, request.lesson_id, request.step) == ("player", "lesson-1", 2)
    [asked] = outbox(services, "help_request")
    [again] = outbox(services, "help_refresh")
    assert again["key"] == request.key and again["step"] == 2 and asked["step"] == 1


def test_the_strip_stays_while_the_visitor_carries_on_and_cancel_closes_it(qtbot, room):
    room.go("player", lesson="lesson-1")
    click(qtbot, room.bar.help)
    click(qtbot, room.notice.button)
    strip = room.help_strip
    assert strip.isVisible() and strip.label.text() == "A guide has been called. Please wait here."
    click(qtbot, room.screens["player"].next)  # the lesson goes on under the strip
    room.go("notices")
    assert strip.isVisible()
    assert strip.geometry().bottom() < room.bar.geometry().top(), "above the bottom bar"
    assert strip.cancel.text() == "I no longer need help"
    click(qtbot, strip.cancel)
    assert not strip.isVisible() and room.services.helpdesk.open_requests() == []
    assert outbox(room.services, "help_done")[-1]["by_visitor"] is True
    click(qtbot, room.bar.help)
    assert len(outbox(room.services, "help_request")) == 2, "after a cancel, a call is a new request"


def test_the_strip_goes_when_the_request_is_closed_elsewhere(qtbot, room):
    click(qtbot, room.bar.help)
    (request,) = room.services.helpdesk.open_requests()
    # What the sync worker does when the server says another kiosk (or the admin page) closed it.
    room.services.helpdesk.closed_elsewhere([request.key])
    qtbot.waitUntil(lambda: not room.help_strip.isVisible())
    assert not room.guide_alert.marker.isVisible()


def test_a_new_visitor_does_not_see_the_last_ones_call(qtbot, room):
    click(qtbot, room.bar.help)
    click(qtbot, room.notice.button)
    assert not room.is_pristine(), "someone is waiting: the idle prompt asks before a reset"
    room.reset_visitor()
    assert not room.help_strip.isVisible()
    assert len(room.services.helpdesk.open_requests()) == 1, "still open for the guide"
    room.change_locale("en")
    click(qtbot, room.bar.help)
    assert room.notice.heading.text() == "A guide is coming", "the next visitor's call is their own"
    assert len(room.services.helpdesk.open_requests()) == 2


# Outside the guide's hours --------------------------------------------------------------------
def test_outside_the_hours_the_kiosk_says_when_and_gives_the_phone(qtbot, room):
    room.guide_hours.clock = lambda: SATURDAY
    click(qtbot, room.bar.help)
    assert room.notice.heading.text() == "No guide is here right now"
    message = room.notice.message.text()
    assert "weekdays, 10:00–16:00" in message and "Next: Monday 10:00." in message
    assert "02-120" in message and "soon" not in message
    assert room.help_strip.label.text() == "No guide is here now. Next: Monday 10:00. Center phone: 02-120"
    # Filed all the same: the center's staff or the admin page may see it.
    assert len(room.services.helpdesk.open_requests()) == 1


# The guide's alert ----------------------------------------------------------------------------
class Relay:
    def __init__(self):
        self.items: list[PendingHelp] = []

    def pending(self):
        return list(self.items)

    def mark_done(self, item):
        self.items.remove(item)


def test_a_chime_and_a_marker_for_each_new_request_here_or_relayed(qtbot, room):
    alert, marker = room.guide_alert, room.guide_alert.marker
    assert not marker.isVisible() and alert.chimes == 0
    with qtbot.waitSignal(alert.chimed):
        click(qtbot, room.bar.help)
    assert marker.isVisible() and marker.text() == "1"
    assert marker.geometry().right() <= room.bar.width() and marker.geometry().top() >= 0, "in the bar's corner"
    under = room.bar.childAt(marker.geometry().center())
    assert under is not marker and under is not None, "a touch on the marker still reaches the button under it"
    click(qtbot, room.notice.button)
    click(qtbot, room.bar.help)
    assert alert.chimes == 1, "a repeat of the same request does not chime again"

    room.services.relay = relay = Relay()
    relay.items.append(PendingHelp("b" * 32, dt.datetime(2026, 11, 30, 2, 0), "home", kiosk="2층 키오스크"))
    alert.update()  # what a relay exchange's relay_updated does
    assert alert.chimes == 2 and marker.text() == "2"
    click(qtbot, room.help_strip.cancel)
    qtbot.waitUntil(lambda: marker.text() == "1")
    relay.items.clear()
    alert.update()
    assert not marker.isVisible()


def test_the_chime_is_short_soft_and_the_one_shipped():
    assert CHIME_FILE.read_bytes() == chime_wav_bytes(), "run python -m ui.guide_alert to write it again"
    info = subprocess.run(["sox", "--i", str(CHIME_FILE)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Channels\s*:\s*1", info) and re.search(r"Sample Rate\s*:\s*22050", info)
    seconds = float(subprocess.run(["sox", "--i", "-D", str(CHIME_FILE)], capture_output=True, text=True,
                                   check=True).stdout)
    assert 0.5 <= seconds <= 1.5
    stat = subprocess.run(["sox", str(CHIME_FILE), "-n", "stat"], capture_output=True, text=True, check=True).stderr
    peak = float(re.search(r"Maximum amplitude:\s*([0-9.]+)", stat).group(1))
    rms = float(re.search(r"RMS\s+amplitude:\s*([0-9.]+)", stat).group(1))
    assert 0.05 < peak <= 0.3 and rms < 0.1, "heard nearby, never loud"


# The guide panel ------------------------------------------------------------------------------
@pytest.fixture
def guide_window(services, make_window):
    from kiosk.guide.pin import hash_pin

    # English for the visitor and for the center (the guide panel's language), so words can be read.
    services.use_settings(services.settings.model_copy(update={"guide_pin_hash": hash_pin(PIN, n=2**10),
                                                               "default_locale": "en"}))
    window = make_window()
    window.change_locale("en")
    window.guide_hours.clock = lambda: MONDAY_MORNING
    return window


def enter_guide_mode(qtbot, window):
    window.open_guide_pin()
    type_pin(qtbot, window, PIN)
    assert window.guide_mode


def test_the_panel_says_where_they_were_and_opens_it(qtbot, guide_window):
    window = guide_window
    window.go("player", lesson="lesson-1", step=2)
    click(qtbot, window.bar.help)
    window.services.helpdesk.request_help("notices")
    # The panel is in the center's language (its guides set it as the kiosk's), not in the
    # language the last visitor chose.
    window.services.use_settings(window.services.settings.model_copy(update={"default_locale": "en"}))
    window.reset_visitor()
    window.change_locale("ja")
    enter_guide_mode(qtbot, window)
    section = window.screens["guide_panel"].sections["help"]
    lesson_item, notices_item = section.items
    assert "Lesson: Lesson 1 · step 3" in section.describe(lesson_item)
    assert "Screen: Notices" in section.describe(notices_item) and "notices" not in section.describe(notices_item)
    assert notices_item.key not in section.open_buttons, "nothing to open for a request outside a lesson"
    click(qtbot, section.open_buttons[lesson_item.key])
    player = window.screens["player"]
    assert window.current_name() == "player" and not window.guide_mode
    assert player.lesson.id == "lesson-1" and player.step_index == 2, "the step the visitor saw"
    assert [r.key for r in window.services.helpdesk.open_requests()] == [notices_item.key]


def test_the_panel_has_its_own_size_and_assist_mode_the_visitors(qtbot, guide_window):
    window = guide_window
    window.change_text_size("largest")
    largest, normal = sizes_for("largest").body, sizes_for("normal").body
    assert f"font-size: {largest}px" in window.current_screen().styleSheet()
    enter_guide_mode(qtbot, window)
    sheet = window.current_screen().styleSheet()
    assert f"font-size: {normal}px" in sheet and f"font-size: {largest}px" not in sheet
    assert window.bar.styleSheet() == sheet
    assert window.screens["guide_panel"].sizes == sizes_for("normal")
    assert window.services.visitor.text_size == "largest", "the visitor's choice is kept"
    window.assist_open("lesson-1", 1)
    assert f"font-size: {largest}px" in window.current_screen().styleSheet()


def test_guide_hours_are_set_in_the_panel(qtbot, guide_window):
    window = guide_window
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    click(qtbot, panel.tab_buttons["settings"])
    section = panel.sections["settings"]
    section.change("guide_weekdays", 5)  # Saturday on
    section.change("guide_weekdays", 0)  # Monday off
    section.change("guide_start", "13:00")
    assert window.services.settings.guide_weekdays == [1, 2, 3, 4, 5]
    assert window.services.settings.guide_start == "13:00"
    assert section.rows["guide_days"][5].isChecked() and not section.rows["guide_days"][0].isChecked()
    section.change("guide_end", "12:00")
    assert window.services.settings.guide_end == "16:00", "hours ending before they start are refused"
    assert section.saved.text() == "The guide's hours must end after they start."
    reloaded, problem = window.services.settings_store.load()
    assert problem is None and (reloaded.guide_weekdays, reloaded.guide_start) == ([1, 2, 3, 4, 5], "13:00")


# The server -----------------------------------------------------------------------------------
@pytest.fixture
def server(tmp_path):
    repo, _ = published(tmp_path)
    app = create_app(f"sqlite:///{tmp_path / 'server.db'}", repo.dir)
    with app.state.sessions.begin() as session:
        tokens = {name: auth.enroll(session, name, center="마포") for name in ("mapo-1", "mapo-2")}
    with run_app(app) as url:
        yield app.state.sessions, url, repo, tokens
    app.state.sessions.kw["bind"].dispose()


def test_a_refresh_updates_the_one_request_on_the_server_and_the_relay(tmp_path, server):
    sessions, url, repo, tokens = server
    asker = open_kiosk(tmp_path / "mapo-1")
    sync = client(asker, url + "/repo/", repo.public, api_url=url, token=tokens["mapo-1"])
    other = HelpRelay(url, tokens["mapo-2"], FAST)
    first = asker.helpdesk.request_help("player", "lesson-1", 1)
    assert sync.run().ok
    again = asker.helpdesk.request_help("practice", "lesson-2", 3, refresh_key=first.key)
    assert again.key == first.key
    assert sync.run().ok
    with sessions() as session:
        requests = session.scalars(select(Event).where(Event.kind == "help_request")).all()
        assert [(e.key, e.payload["screen"], e.payload["step"]) for e in requests] == [(first.key, "practice", 3)]
        assert requests[0].created_at == again.created_at
    other.exchange()
    [relayed] = other.pending()
    assert (relayed.key, relayed.screen, relayed.lesson_id, relayed.step) == (first.key, "practice", "lesson-2", 3)

    # Closed by the visitor: a later refresh (an old record sent again) does not reopen or move it.
    asker.helpdesk.mark_done(first.key, by_visitor=True)
    assert sync.run().ok
    with sessions() as session:
        assert session.scalars(select(HelpDone.done_by)).all() == ["kiosk mapo-1 (the visitor, on the kiosk)"]
    other.exchange()
    assert other.pending() == []


# Fitting the room -------------------------------------------------------------------------------
@pytest.mark.parametrize("panel", [(1280, 800), (1366, 768), (1080, 1920)], ids=["1280x800", "1366x768", "portrait"])
@pytest.mark.parametrize("moment", [MONDAY_MORNING, SATURDAY], ids=["in-hours", "outside-hours"])
def test_the_strip_fits_a_lesson_at_the_largest_text(qtbot, make_window, panel, moment):
    from PySide6.QtCore import QSize
    from tests.plugins.a11y import violations

    from ui.layout_check import check_window

    window = make_window(panel)
    window.change_locale("en")
    window.change_text_size("largest")
    window.guide_hours.clock = lambda: moment
    window.go("player", lesson="lesson-1")
    window.call_guide()
    click(qtbot, window.notice.button)
    qtbot.wait(1)
    assert window.help_strip.isVisible()
    assert [str(fault) for fault in check_window(window, QSize(*panel))] == []
    assert violations(window.help_strip, window) == []
