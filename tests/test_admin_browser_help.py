"""The help page in a real browser (Chromium, headless): a digital guide keeps it open on a
phone, a kiosk of their center asks for help through the real API, and the request appears
at the top without a reload, with the lesson's title and step, and a chime is played (tried:
headless audio cannot be heard, so the page counts its attempts); Done removes it in place.
Also: nothing scrolls sideways on a phone, another center's guide never sees it, a district
admin's desktop shows each request's center, and with scripts off the page still works."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from tests.plugins.browser import DESKTOP, PHONE, T0, log_in, new_page, scrolls_sideways
from tests.plugins.packs import make_pack

from server import admin_help, help_queries
from server.scope import Role, Scope

JONGNO, GANGNAM = "jongno-welfare", "gangnam-welfare"
MINUTE = dt.timedelta(minutes=1)
LIVE_WAIT_MS = 10_000  # the page asks every second here (POLL_SECONDS below): plenty


@pytest.fixture
def site(admin_server, tmp_path, monkeypatch):
    monkeypatch.setattr(admin_help, "POLL_SECONDS", 1)
    admin_server.add_center(JONGNO, "jongno", "종로노인복지관", "Jongno Senior Welfare Center")
    admin_server.add_center(GANGNAM, "gangnam", "강남구립노인복지관", "Gangnam Senior Welfare Center")
    admin_server.enroll("jongno-1", JONGNO)
    admin_server.enroll("jongno-2", JONGNO)
    admin_server.enroll("gangnam-1", GANGNAM)
    admin_server.add_staff("guide-jongno", Role.CENTER, center=JONGNO, display_name="김안내")
    admin_server.add_staff("guide-gangnam", Role.CENTER, center=GANGNAM, display_name="박안내")
    admin_server.add_staff("district-jongno", Role.DISTRICT, district="jongno", locale="en")
    admin_server.publish(make_pack(tmp_path / "pack"))
    return admin_server


def open_help(browser, site, login: str, viewport: dict = PHONE, **context):
    page = new_page(browser, viewport, **context)
    log_in(page, site, login)
    page.goto(f"{site.url}/admin/help")
    return page


def polls_after(page, count: int) -> None:
    """Wait until the page's script has asked the server ``count`` more times."""
    start = int(page.get_attribute("#help-live", "data-polls") or 0)
    # A function, not an expression: the page's CSP forbids evaluating strings.
    page.wait_for_function("want => Number(document.getElementById('help-live').dataset.polls || 0) >= want",
                           arg=start + count, timeout=LIVE_WAIT_MS)


def open_keys(site, scope: Scope) -> list[str]:
    with site.sessions() as session:
        return [record.event.key for record in help_queries.open_requests(session, scope, T0 - dt.timedelta(days=7))]


def test_a_guide_on_a_phone_sees_a_new_request_at_once_hears_it_and_closes_it(chromium, site):
    from playwright.sync_api import expect

    earlier = site.ask_for_help("jongno-2", screen="practice", lesson="lesson-2", step=1, at=T0 - 10 * MINUTE)
    page = open_help(chromium, site, "guide-jongno")
    cards = page.locator("#help-list > li")
    expect(cards).to_have_count(1)
    expect(page).to_have_title(re.compile(r"^\(1\) 도움 요청"))
    page.evaluate("window.stillTheSamePage = true")  # gone if the page reloads

    sound = page.locator("#help-sound")
    expect(sound).to_have_text("소리 켜기")
    sound.tap()
    expect(sound).to_have_attribute("aria-pressed", "true")
    root = page.locator("#help-live")
    expect(root).to_have_attribute("data-chimes", "0")

    key = site.ask_for_help("jongno-1", screen="player", lesson="lesson-1", step=3, at=T0 - 2 * MINUTE)

    newest = cards.first
    expect(newest).to_have_attribute("id", f"help-{key}", timeout=LIVE_WAIT_MS)
    expect(cards).to_have_count(2)
    expect(newest.locator("[data-field=kiosk]")).to_have_text("jongno-1")
    expect(newest.locator("[data-field=lesson]")).to_have_text("수업 1")
    expect(newest.locator("[data-field=step_text]")).to_have_text("3단계")
    expect(newest.locator("[data-field=screen]")).to_have_text("수업 단계")
    expect(newest.locator("[data-field=ago]")).to_have_text("2분 전")
    expect(cards.nth(1).locator("[data-field=lesson]")).to_have_text("수업 2")
    expect(page).to_have_title(re.compile(r"^\(2\) 도움 요청"))
    expect(page.locator("#help-waiting")).to_have_text("2명이 도움을 기다리고 있어요.")
    expect(page.locator('header a[href="/admin/help"]')).to_have_text("도움 요청 (2)")
    expect(root).to_have_attribute("data-chimes", "1")  # one new request, one chime
    assert page.evaluate("window.stillTheSamePage") is True

    # A phone: nothing sideways, a Done button a thumb finds.
    assert not scrolls_sideways(page)
    done = newest.get_by_role("button", name=re.compile("^완료: 키오스크 jongno-1의"))
    box = done.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 300, box
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#help-list [data-field=lesson]')).fontSize)")
    assert font >= 18

    polls_after(page, 2)
    expect(root).to_have_attribute("data-chimes", "1")  # nothing new, no chime again

    done.tap()
    expect(page.locator(f"#help-{key}")).to_have_count(0)
    expect(cards).to_have_count(1)
    expect(page).to_have_title(re.compile(r"^\(1\) 도움 요청"))
    expect(page.locator(f"#closed-{key} [data-field=done_by]")).to_have_text("김안내")
    assert open_keys(site, Scope(Role.CENTER, "jongno", JONGNO)) == [earlier]
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.script_errors == []


def test_a_guide_of_another_center_never_sees_it(chromium, site):
    from playwright.sync_api import expect

    gangnam = open_help(chromium, site, "guide-gangnam")
    jongno = open_help(chromium, site, "guide-jongno")
    jongno.locator("#help-sound").tap()
    gangnam.locator("#help-sound").tap()

    key = site.ask_for_help("jongno-1", at=T0 - 1 * MINUTE)
    expect(jongno.locator(f"#help-{key}")).to_have_count(1, timeout=LIVE_WAIT_MS)
    polls_after(gangnam, 2)  # it has asked since, more than once
    expect(gangnam.locator("#help-list > li")).to_have_count(0)
    expect(gangnam.locator("#help-waiting")).to_have_text("도움을 기다리는 분이 없어요.")
    expect(gangnam.locator("#help-live")).to_have_attribute("data-chimes", "0")
    expect(gangnam).to_have_title(re.compile(r"^도움 요청"))

    own = site.ask_for_help("gangnam-1", at=T0)
    expect(gangnam.locator(f"#help-{own}")).to_have_count(1, timeout=LIVE_WAIT_MS)
    expect(gangnam.locator("#help-live")).to_have_attribute("data-chimes", "1")
    polls_after(jongno, 2)
    expect(jongno.locator(f"#help-{own}")).to_have_count(0)
    assert gangnam.script_errors == [] and jongno.script_errors == []


def test_a_district_admin_on_a_desktop_sees_each_requests_center(chromium, site):
    from playwright.sync_api import expect

    site.ask_for_help("jongno-1", at=T0 - 2 * MINUTE)
    site.ask_for_help("gangnam-1", at=T0 - 1 * MINUTE)  # another district's
    page = open_help(chromium, site, "district-jongno", DESKTOP, locale="en-GB")
    cards = page.locator("#help-list > li")
    expect(cards).to_have_count(1)
    expect(cards.first.locator("[data-field=center]")).to_have_text("Jongno Senior Welfare Center")
    expect(cards.first.locator("[data-field=lesson]")).to_have_text("Lesson 1")
    expect(cards.first.locator("[data-field=step_text]")).to_have_text("Step 3")
    expect(page.locator("#help-sound")).to_have_text("Turn on sound")

    later = site.ask_for_help("jongno-2", screen="program", lesson=None, step=None, at=T0)
    expect(cards.first).to_have_attribute("id", f"help-{later}", timeout=LIVE_WAIT_MS)
    expect(cards.first.locator("[data-field=screen]")).to_have_text("Program details")
    expect(cards.first.locator("[data-field=lesson]")).to_be_hidden()  # no lesson: nothing, not a dash
    # The sound is off: the new request is shown, but no sound is tried.
    expect(page.locator("#help-live")).to_have_attribute("data-chimes", "0")
    assert not scrolls_sideways(page)
    assert page.script_errors == []


def test_with_scripts_off_the_page_still_lists_and_closes(chromium, site):
    from playwright.sync_api import expect

    key = site.ask_for_help("jongno-1", at=T0 - 1 * MINUTE)
    page = open_help(chromium, site, "guide-jongno", java_script_enabled=False)
    card = page.locator(f"#help-{key}")
    expect(card.locator("[data-field=lesson]")).to_have_text("수업 1")
    expect(page.locator("#help-tools")).to_be_hidden()  # the sound button needs the script
    expect(page.locator("noscript").first).to_be_attached()
    assert not scrolls_sideways(page)

    card.get_by_role("button").click()
    page.wait_for_url(f"{site.url}/admin/help")
    expect(page.locator(f"#help-{key}")).to_have_count(0)
    expect(page.locator("#help-waiting")).to_have_text("도움을 기다리는 분이 없어요.")
    assert open_keys(site, Scope.city()) == []


def test_the_sound_choice_outlives_a_reload_and_a_logged_out_page_says_so(chromium, site):
    from playwright.sync_api import expect
    from sqlalchemy import delete

    from server.models import StaffSession

    page = open_help(chromium, site, "guide-jongno")
    page.locator("#help-sound").tap()
    page.reload()
    expect(page.locator("#help-sound")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#help-sound")).to_have_text("소리 켜짐 (누르면 꺼져요)")

    with site.sessions.begin() as session:  # the session ends (logged out elsewhere, or expired)
        session.execute(delete(StaffSession))
    expect(page.locator("#help-live")).to_have_attribute("data-state", "logged-out", timeout=LIVE_WAIT_MS)
    expect(page.locator("#help-status")).to_have_text("로그아웃되었어요. 화면을 새로 고쳐 다시 로그인해 주세요.")
    assert page.script_errors == []
