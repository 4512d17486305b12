"""The running kiosk with sync: the guide's Sync now, a visitor not disturbed mid-lesson, new
content on Home, and a help request that reaches the server at once. Real server on loopback."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tests.plugins.guide import type_pin
from tests.plugins.packs import read, write
from tests.plugins.touch import click
from tests.plugins.sync import LOCAL_SUMMARY, edit_lesson, open_kiosk, published

from kiosk.guide.pin import hash_pin
from server import auth
from server.app import create_app
from server.devserver import run_app
from server.models import Event
from ui.app import build_window

PIN = "482916"


@pytest.fixture
def fleet(tmp_path):
    """(repo, pack, server_url, server_sessions, kiosk token) with the server running."""
    repo, pack = published(tmp_path)
    app = create_app(f"sqlite:///{tmp_path / 'server.db'}", repo.dir)
    with app.state.sessions.begin() as session:
        token = auth.enroll(session, "kiosk-a")
    with run_app(app) as url:
        yield repo, pack, url, app.state.sessions, token


@pytest.fixture
def kiosk_window(qtbot, tmp_path, fleet):
    repo, _pack, url, _sessions, token = fleet
    services = open_kiosk(tmp_path / "kiosk")
    services.settings = services.settings.model_copy(update={
        "voice_on": False,
        "sync_server_url": url,
        "sync_public_key": repo.public,
        "sync_token": token,
        "guide_pin_hash": hash_pin(PIN, n=2**10),
    })
    services.visitor.settings = services.settings
    services.visitor.reset()
    window = build_window(services, kiosk_mode=False, voice=False, sync=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.sync_controller is not None, timeout=5000)
    yield window
    assert window.sync_controller.stop(10000)


def lesson_card_texts(window) -> str:
    return " ".join(card.title for card in window.screens["lessons"].cards.values())


def retitle(pack, title: str) -> None:
    path = pack / "lessons" / "lesson-1.json"
    data = read(path)
    data["title"]["ko"] = title
    write(path, data)


def test_guide_syncs_now_and_a_visitor_mid_list_is_not_disturbed(qtbot, kiosk_window, fleet):
    window = kiosk_window
    repo, pack, *_ = fleet
    with qtbot.waitSignal(window.sync_controller.content_updated, timeout=15000):
        window.sync_now()
    assert window.services.content.lesson("lesson-1").summary["ko"] != LOCAL_SUMMARY

    retitle(pack, "새 제목")
    repo.publish(pack)
    window.go("lessons", category="basics")
    assert "수업 1" in lesson_card_texts(window)
    with qtbot.waitSignal(window.sync_controller.content_updated, timeout=15000):
        window.sync_now()
    assert "수업 1" in lesson_card_texts(window), "the visitor's screen must not change under them"
    click(qtbot, window.bar.home)
    window.go("lessons", category="basics")
    assert "새 제목" in lesson_card_texts(window)

    # The next publication arrives while nobody is there: an untouched Home shows it at once.
    click(qtbot, window.bar.home)
    edit_lesson(pack, summary="새 소식")
    repo.publish(pack)
    with qtbot.waitSignal(window.sync_controller.content_updated, timeout=15000):
        window.sync_now()
    # The window hears of it on its own thread's next turn (the blocker above may wake first).
    qtbot.waitUntil(lambda: window.services.content.lesson("lesson-1").summary["ko"] == "새 소식", timeout=5000)


def test_sync_page_button_runs_a_real_sync_and_shows_the_revision(qtbot, kiosk_window):
    window = kiosk_window
    window.open_guide_pin()
    type_pin(qtbot, window, PIN)
    panel = window.screens["guide_panel"]
    click(qtbot, panel.tab_buttons["sync"])
    section = panel.sections["sync"]
    never = section.values["success"].text()
    click(qtbot, section.sync_button)
    # The page updates by itself when the worker reports, with no one touching it.
    qtbot.waitUntil(lambda: section.values["success"].text() != never, timeout=15000)
    assert section.status.last_success is not None and section.status.last_error == ""


def test_call_a_guide_reaches_the_server_at_once(qtbot, kiosk_window, fleet):
    window = kiosk_window
    *_, sessions, _token = fleet
    window.go("categories")
    click(qtbot, window.bar.help)

    def uploaded():
        with sessions() as session:
            return session.scalars(select(Event).where(Event.kind == "help_request")).all()

    qtbot.waitUntil(lambda: len(uploaded()) == 1, timeout=15000)
    assert uploaded()[0].payload["screen"] == "categories"


def test_a_guide_sees_and_closes_a_request_from_another_kiosk_of_the_center(qtbot, kiosk_window, fleet, tmp_path):
    import requests

    from server.models import HelpDone
    from tests.plugins.sync import client

    window = kiosk_window
    repo, _pack, url, sessions, _token = fleet
    with sessions.begin() as session:
        for kiosk in session.scalars(select(auth.Kiosk)):
            kiosk.center = "gangnam-welfare"
        other_token = auth.enroll(session, "kiosk-b", center="gangnam-welfare")
        elsewhere_token = auth.enroll(session, "kiosk-c", center="mapo-senior")
    other = open_kiosk(tmp_path / "kiosk-b")
    other.helpdesk.request_help("player", "lesson-2", 3)
    assert client(other, url + "/repo/", repo.public, api_url=url, token=other_token).run().uploaded >= 1

    window.open_guide_pin()
    type_pin(qtbot, window, PIN)
    panel = window.screens["guide_panel"]
    section = panel.sections["help"]
    window.sync_now()  # what the minute's poll would do
    qtbot.waitUntil(lambda: any(item.kiosk == "kiosk-b" for item in section.items), timeout=15000)
    item = next(item for item in section.items if item.kiosk == "kiosk-b")
    assert item.lesson_id == "lesson-2" and item.step == 3
    # A kiosk of another center is not told.
    answer = requests.get(url + "/api/v1/help/open", headers={"Authorization": f"Bearer {elsewhere_token}"}, timeout=5)
    assert answer.json()["requests"] == []

    click(qtbot, section.done_buttons[item.key])
    assert all(entry.key != item.key for entry in section.items)  # gone at once, before the server knows
    window.sync_now()

    def closed():
        with sessions() as session:
            return session.scalars(select(HelpDone)).all()

    qtbot.waitUntil(lambda: len(closed()) == 1, timeout=15000)
