"""The kiosk's "Connect this kiosk" screen against a real server on loopback: the code and its
QR, "trying again" while the server is away, Home with the center once connected, the guide
panel's way back to it, and the layout and accessibility floors every screen meets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from sqlalchemy import select
from tests.plugins.a11y import violations
from tests.plugins.packs import make_pack
from tests.plugins.sync import open_kiosk
from tests.plugins.touch import click
from tests.test_onboarding import GANGNAM, MAPO

from kiosk.choices import LOCALES, TEXT_SIZES
from kiosk.guide.pin import hash_pin
from kiosk.settings import SettingsStore
from kiosk.sync.state import get_state
from protocol import onboarding as wire
from protocol.signing import generate_private_pem, load_private, public_key_text
from server import onboarding
from server.app import create_app
from server.centers import put_center
from server.devserver import free_socket, run_app
from server.models import Kiosk
from server.publish import publish
from ui.app import build_window, start_onboarding
from ui.layout_check import check_window
from ui.tasks import TaskRunner
from ui.i18n import tr
from ui.tour import PANELS, settle, visit_as

PIN = "482916"


@pytest.fixture
def server(tmp_path):
    """(app, sock): the city's server, not yet listening on its socket (``run_app(app, sock=sock)``)."""
    key = load_private(generate_private_pem())
    repo_dir = tmp_path / "server" / "repo"
    # The kiosk window syncs on the real clock, so the repository is signed now, as a live one is.
    publish(make_pack(tmp_path / "pack"), repo_dir, key, centers=[GANGNAM, MAPO])
    app = create_app(f"sqlite:///{tmp_path / 'server.db'}", repo_dir, root_public_key=public_key_text(key))
    with app.state.sessions.begin() as session:
        for each in (GANGNAM, MAPO):
            put_center(session, each, app.state.clock())
    sock = free_socket()
    yield app, sock
    app.state.sessions.kw["bind"].dispose()


def new_kiosk(qtbot, tmp_path, url: str, **settings):
    services = open_kiosk(tmp_path / "kiosk")
    services.save_settings(services.settings.model_copy(update={
        "voice_on": False, "sync_server_url": url, "guide_pin_hash": hash_pin(PIN, n=2**10), **settings}))
    services.visitor.reset()
    window = build_window(services, kiosk_mode=False, voice=False, sync=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    runner = TaskRunner(window)
    start_onboarding(window.services, window, runner, poll_ms=50, retry_ms=50)
    return window


def claim(app, code: str, name: str = "gangnam-1", center: str | None = "gangnam-welfare") -> None:
    with app.state.sessions.begin() as session:
        request = onboarding.find_open(session, code, app.state.clock())
        onboarding.claim(session, request, name=name, center=center, by="staff kim", now=app.state.clock())


def shown_code(window) -> str:
    return window.screens["onboarding"].code.text()


def test_a_new_kiosk_shows_its_code_and_goes_home_to_its_center_once_connected(qtbot, tmp_path, server):
    app, sock = server
    with run_app(app, sock=sock) as url:
        window = new_kiosk(qtbot, tmp_path, url)
        assert window.current_name() == "onboarding", "a kiosk not yet connected starts here"
        screen = window.screens["onboarding"]
        qtbot.waitUntil(lambda: len(shown_code(window)) == 7, timeout=5000)
        code = wire.normalise_code(shown_code(window))
        assert code is not None and shown_code(window) == wire.show_code(code)
        assert screen.qr.isVisible() and screen.qr.data == wire.connect_link(url, code)
        assert screen.status.text().startswith(tr("Waiting for the code to be entered. A new code comes by itself "
                                                  "after {time}.").split("{time}")[0])
        window.reset_visitor()  # an idle reset keeps the kiosk on its code, not on Home
        assert window.current_name() == "onboarding"

        claim(app, code)
        qtbot.waitUntil(lambda: window.onboarding.state == "connected", timeout=10000)
        saved, _ = SettingsStore(window.services.settings_store.path).load()
        assert saved.sync_token.startswith("kiosk_") and saved.sync_center == "gangnam-welfare"
        qtbot.waitUntil(lambda: window.current_name() == "home", timeout=20000)
        assert window.screens["home"].title.text().startswith("강남구립노인복지관")
        assert window.sync_controller is not None
        with app.state.sessions() as session:
            qtbot.waitUntil(lambda: session.scalar(select(Kiosk.last_seen_at)) is not None, timeout=10000)
        assert window.sync_controller.stop(10000)


def test_no_server_yet_says_so_and_keeps_trying(qtbot, tmp_path, server):
    app, sock = server
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    window = new_kiosk(qtbot, tmp_path, url)
    screen = window.screens["onboarding"]
    qtbot.waitUntil(lambda: window.onboarding.state == "offline", timeout=10000)
    assert screen.status.text() == tr("No connection to the server yet. Trying again...")
    assert "could not be reached" in screen.detail.text()
    assert not screen.qr.isVisible() and not screen.code.isVisible()
    with run_app(app, sock=sock):
        qtbot.waitUntil(lambda: len(shown_code(window)) == 7, timeout=10000)
    window.onboarding.stop()


def test_staff_can_use_the_kiosk_meanwhile_and_connect_it_later_from_the_guide_panel(qtbot, tmp_path, server):
    app, sock = server
    with run_app(app, sock=sock) as url:
        window = new_kiosk(qtbot, tmp_path, url)
        screen = window.screens["onboarding"]
        qtbot.waitUntil(lambda: len(shown_code(window)) == 7, timeout=5000)
        click(qtbot, screen.meanwhile)
        assert window.current_name() == "home" and not window.onboarding.active
        window.reset_visitor()
        assert window.current_name() == "home", "once set aside, the kiosk's own Home comes first"
        window.enter_guide_mode()
        panel = window.current_screen()
        panel.show_section("sync")
        section = panel.sections["sync"]
        assert section.connection.isVisible() and section.connect_button in panel.main_actions()
        click(qtbot, section.connect_button)
        assert window.current_name() == "onboarding" and window.onboarding.active
        window.onboarding.stop()


def test_a_revoked_kiosk_says_so_on_the_guide_panel(qtbot, tmp_path, server):
    app, sock = server
    with run_app(app, sock=sock) as url:
        window = new_kiosk(qtbot, tmp_path, url, sync_token="kiosk_revoked_one", sync_public_key="x" * 44)
        assert window.current_name() == "home", "a kiosk with a token starts as always"
        window.enter_guide_mode()
        panel = window.current_screen()
        panel.show_section("sync")
        section = panel.sections["sync"]
        assert not section.connection.isVisible(), "nothing to say before the server has answered"
        window.leave_guide_mode()
        # What a sync refused by the server leaves behind (kiosk.sync.client), as after a restart.
        with window.services.sessions.begin() as session:
            state = get_state(session)
            state.last_attempt_at = app.state.clock()
            state.last_result = "revoked: This kiosk was removed from the fleet on the admin page."
        window.enter_guide_mode()
        panel.show_section("sync")
        assert section.connection.isVisible()
        assert section.connection.text().startswith(tr("This kiosk was removed from the fleet on the admin page, "
                                                       "so it no longer syncs. Ask a city or district admin to "
                                                       "connect it again.")[:20])
        click(qtbot, section.connect_button)
        assert window.current_name() == "onboarding" and window.onboarding.active
        qtbot.waitUntil(lambda: len(shown_code(window)) == 7, timeout=5000)
        window.onboarding.stop()


def combinations():
    for panel in PANELS:
        for text_size in TEXT_SIZES:
            for locale in LOCALES:
                yield panel, text_size, locale


def test_the_screen_fits_every_panel_and_meets_the_accessibility_floor(qtbot, tmp_path, server):
    app, sock = server
    with run_app(app, sock=sock) as url:
        window = new_kiosk(qtbot, tmp_path, url)
        qtbot.waitUntil(lambda: len(shown_code(window)) == 7, timeout=5000)
        window.onboarding.stop()  # the code stays on screen while every combination is looked at
        faults, floor = [], []
        for panel, text_size, locale in combinations():
            visit_as(window, panel, locale, text_size)
            assert window.current_name() == "onboarding"
            settle()
            where = f"{panel.width()}x{panel.height()}-{text_size}-{locale}"
            faults += [f"{where}: {fault}" for fault in check_window(window, panel)]
            if panel in (QSize(1920, 1080), QSize(1280, 800)) and locale == "ko":
                window.repaint()
                floor += [f"{where}: {problem}" for problem in violations(window, window)]
        assert faults == [], "\n".join(faults)
        assert floor == [], "\n".join(floor)
