"""The admin web, served for real and driven by a real browser: fixture ``admin_server`` (the
server app on 127.0.0.1 with an injected clock, centers, staff accounts, kiosks that upload
through the real API) and fixture ``chromium`` (Debian's Chromium through Playwright; the
tests that use it skip, saying why, only when /usr/bin/chromium is absent).

Every wait is bounded: pages time out after 10 s, the browser's launch after 30 s.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from tests.plugins.server_database import Clock, csrf_of

from protocol.events import EventKind, HelpRequestPayload
from protocol.help import new_help_key

# The server's modules are imported where used: this plugin loads for every test, and the
# kiosk's tests must run where only the kiosk is installed.

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
MEDIA_ARGS = ["--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required"]
PAGE_TIMEOUT_MS = 10_000
PHONE = {"width": 390, "height": 844}  # a common phone, in CSS pixels
DESKTOP = {"width": 1366, "height": 900}
PASSWORD = "seoul-kiosk-2030!"
CITY_ADMIN = "city-admin"
T0 = dt.datetime(2030, 3, 5, 1, 0)  # naive UTC: 10:00 on a Tuesday in Seoul


@dataclass
class AdminServer:
    url: str
    app: Any
    clock: Clock
    repo_dir: Path
    signer: Any = None  # protocol.signing.Signer: the server's signing key
    tokens: dict[str, str] = field(default_factory=dict)  # kiosk name -> its API token
    _seq: int = 0

    @property
    def sessions(self):
        return self.app.state.sessions

    # Set-up, straight into the database (as `kiosk-server center add` / `enroll` do) ---------
    def add_center(self, center_id: str, district: str, name_ko: str, name_en: str) -> None:
        from server.centers import make_center, parse_windows, put_center

        center = make_center({
            "id": center_id, "district": district,
            "name": {"ko": name_ko, "ja": f"{name_ko}(日本語)", "en": name_en},
            "address": {"ko": f"{name_ko} 주소", "ja": "住所", "en": "Address"}, "phone": "02-000-0000",
            "open_times": parse_windows("mon-fri 09:00-18:00"), "guide_times": parse_windows("tue,thu 10:00-16:00"),
        }, center_id)
        with self.sessions.begin() as session:
            put_center(session, center, self.clock())

    def add_staff(self, login: str, role: str, *, center: str | None = None, district: str | None = None,
                  locale: str = "ko", display_name: str | None = None) -> str:
        """An account (server.staff); ``role`` a server.scope.Role; the password is PASSWORD."""
        from server.staff import create_staff

        with self.sessions.begin() as session:
            create_staff(session, login=login, password=PASSWORD, display_name=display_name or login, role=role,
                         district=district, center=center, by="test", now=self.clock(), locale=locale)
        return login

    def enroll(self, kiosk: str, center: str | None) -> str:
        from server import auth

        with self.sessions.begin() as session:
            self.tokens[kiosk] = auth.enroll(session, kiosk, center=center)
        return self.tokens[kiosk]

    def publish(self, pack: Path, note: str | None = None) -> int:
        """Publish a content pack as `kiosk-server publish` does (with the server's own key);
        returns the revision."""
        from server.audit import COMMAND_LINE
        from server.centers import all_centers
        from server.content_store import record_publication
        from server.publish import publish

        with self.sessions() as session:
            centers = all_centers(session)
        result = publish(pack, self.repo_dir, self.signer, now=self.clock(), centers=centers)
        if result.changed:
            with self.sessions.begin() as session:
                record_publication(session, result, COMMAND_LINE, note, self.clock())
        return result.revision

    @property
    def public_key(self) -> str:
        """What a kiosk trusts to verify this server's indexes."""
        from protocol.signing import public_key_text

        return public_key_text(self.signer.key)

    # A kiosk, through the real API -------------------------------------------------------------
    def ask_for_help(self, kiosk: str, screen: str = "player", lesson: str | None = "lesson-1",
                     step: int | None = 3, at: dt.datetime | None = None) -> str:
        """The kiosk uploads a help request, as its sync does; returns the request's help key."""
        import httpx

        at = at or self.clock()
        key = new_help_key()
        self._seq += 1
        record = {"key": key, "kind": EventKind.HELP_REQUEST, "seq": self._seq, "created_at": at.isoformat(),
                  "payload": HelpRequestPayload(created_at=at.isoformat(), screen=screen, lesson_id=lesson,
                                                step=step).to_dict()}
        response = httpx.post(f"{self.url}/api/v1/events", json={"events": [record]},
                              headers={"Authorization": f"Bearer {self.tokens[kiosk]}"}, timeout=10)
        assert response.status_code == 200, response.text
        return key

    def kiosk_closes(self, kiosk: str, key: str) -> None:
        """The asking kiosk's guide panel closed it (a help_done record)."""
        import httpx

        self._seq += 1
        record = {"key": uuid.uuid4().hex, "kind": EventKind.HELP_DONE, "seq": self._seq,
                  "created_at": self.clock().isoformat(), "payload": {"key": key}}
        response = httpx.post(f"{self.url}/api/v1/events", json={"events": [record]},
                              headers={"Authorization": f"Bearer {self.tokens[kiosk]}"}, timeout=10)
        assert response.status_code == 200, response.text

    # A person over plain HTTP ------------------------------------------------------------------
    def client(self):
        import httpx

        return httpx.Client(base_url=self.url, follow_redirects=False, timeout=10)

    def log_in_http(self, http, login: str, password: str = PASSWORD) -> str:
        """Log ``http`` in through the login form; returns the help page's form token."""
        response = http.post("/admin/login", data={"login": login, "password": password})
        assert response.status_code == 303, response.text
        return csrf_of(http.get("/admin/help").text)


@pytest.fixture
def admin_server(tmp_path, database_url) -> Iterator[AdminServer]:
    from server.app import create_app
    from server.devserver import run_app
    from server.scope import Role

    from protocol.signing import Signer, generate_private_pem, load_private

    clock = Clock(T0)
    repo_dir = tmp_path / "repo"
    signer = Signer(load_private(generate_private_pem()))
    app = create_app(database_url, repo_dir, clock=clock, signer=lambda: signer)
    with run_app(app) as url:
        server = AdminServer(url=url, app=app, clock=clock, repo_dir=repo_dir, signer=signer)
        server.add_staff(CITY_ADMIN, Role.CITY)  # without one, the login page asks for the first admin
        yield server


# The browser ------------------------------------------------------------------------------------
@pytest.fixture
def chromium():
    """A fresh headless Chromium (its own new profile) for one test."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package (scripts/setup.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
                                             timeout=30_000)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def media_chromium():
    """Chromium with Chromium's fake microphone (a beep each second) and sound that plays
    without a tap: for recording narration and playing it back."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package (scripts/setup.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS + MEDIA_ARGS, timeout=30_000)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, viewport: dict = PHONE, locale: str = "ko-KR", **options):
    """A page in a new browser context (its own cookies: one person), with bounded timeouts;
    ``options`` go to Playwright's new_context (e.g. java_script_enabled=False)."""
    phone = viewport == PHONE
    context = browser.new_context(viewport=viewport, locale=locale, is_mobile=phone, has_touch=phone, **options)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.set_default_navigation_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.script_errors = errors  # the test asserts none
    return page


def log_in(page, server: AdminServer, login: str, password: str = PASSWORD) -> None:
    """Through the real login form, as a person does."""
    page.goto(f"{server.url}/admin/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("form[action=\"/admin/login\"] button[type=submit]")
    page.wait_for_url(f"{server.url}/admin")


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth > window.innerWidth")
