"""Accounts in a real browser (Chromium through Playwright, tests/plugins/browser.py): a new
server's first city admin is made with the setup token; the city admin adds a district admin,
who logs in, sees only the accounts of their district, and adds a digital guide; the guide
logs in on a phone, in Korean, and finds no accounts page; each step is in the audit log."""

from __future__ import annotations

from sqlalchemy import delete, select
from tests.plugins.browser import DESKTOP, PASSWORD, PHONE, log_in, new_page, scrolls_sideways

from server import auth
from server.models import AuditEntry, Staff


def test_the_first_admin_then_each_role_adds_the_next_in_the_browser(admin_server, chromium):
    server = admin_server
    server.add_center("mapo-senior", "mapo", "마포노인복지관", "Mapo Senior Center")
    server.add_center("gangnam-welfare", "gangnam", "강남구립노인복지관", "Gangnam Welfare Center")
    with server.sessions.begin() as session:  # a new server: nobody yet, a setup token from init
        session.execute(delete(Staff))
        setup_token = auth.add_admin_token(session)

    page = new_page(chromium, DESKTOP)
    page.goto(f"{server.url}/admin")
    page.wait_for_url(f"{server.url}/admin/setup")  # nobody can log in yet: set up first
    page.fill("#token", setup_token)
    page.fill("#display_name", "김서울")
    page.fill("#login", "kim.seoul")
    page.fill("#password", PASSWORD)
    page.fill("#password_again", PASSWORD)
    page.get_by_role("button", name="계정 만들기").click()
    page.wait_for_url(f"{server.url}/admin/login")
    log_in(page, server, "kim.seoul")

    page.goto(f"{server.url}/admin/staff")
    page.fill("#display_name", "이마포")
    page.fill("#new-login", "lee.mapo")
    page.select_option("#role", "district")
    page.select_option("#district", "mapo")
    page.fill("#new-password", "mapo district 2030")
    page.get_by_role("button", name="계정 추가").click()
    assert "lee.mapo" in page.inner_text("#staff-lee\\.mapo")
    assert not page.script_errors

    district = new_page(chromium, DESKTOP)
    log_in(district, server, "lee.mapo", "mapo district 2030")
    district.goto(f"{server.url}/admin/staff")
    assert "kim.seoul" not in district.inner_text("main")  # the city's own account is not theirs
    assert district.locator("#role option").all_inner_texts() == ["센터 직원 / 디지털 안내사"]
    assert "강남구립노인복지관" not in district.inner_text("#center")  # only their district's centers
    district.fill("#display_name", "박안내")
    district.fill("#new-login", "park.guide")
    district.select_option("#center", "mapo-senior")
    district.fill("#new-password", "guide password 2030")
    district.get_by_role("button", name="계정 추가").click()
    assert "마포노인복지관" in district.inner_text("#staff-park\\.guide")

    guide = new_page(chromium, PHONE)
    log_in(guide, server, "park.guide", "guide password 2030")
    assert "마포노인복지관" in guide.inner_text("h1")
    assert guide.locator("nav a[href='/admin/staff']").count() == 0
    assert not scrolls_sideways(guide)
    guide.goto(f"{server.url}/admin/staff")
    assert "자치구 관리자에게 요청하세요" in guide.inner_text("main")

    with server.sessions() as session:
        entries = [(e.actor, e.action, e.target) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert entries == [("setup token", "staff.create", "kim.seoul"), ("kim.seoul", "staff.create", "lee.mapo"),
                       ("lee.mapo", "staff.create", "park.guide")]
