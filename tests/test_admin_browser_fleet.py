"""Kiosk management in a real browser (Chromium through Playwright, tests/plugins/browser.py):
center staff connect a new kiosk by the code its screen shows (the kiosk asks through the real
onboarding API), see it on their fleet, and revoke it, which the API then enforces; a district
admin opening another district's center by its URL is refused."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
from tests.plugins.browser import DESKTOP, PHONE, log_in, new_page, scrolls_sideways

from protocol.signing import generate_private_pem, load_private, public_key_text
from server.scope import Role


def heartbeat(at: dt.datetime) -> dict:
    return {"key": uuid.uuid4().hex, "kind": "heartbeat", "seq": 1, "created_at": at.isoformat(),
            "payload": {"at": at.isoformat(), "app_version": "0.3.0", "content_revision": 1, "repo_revision": 1,
                        "last_sync": "unchanged", "last_sync_message": "", "free_disk": 9_000_000_000}}


def upload(url: str, token: str, at: dt.datetime) -> httpx.Response:
    return httpx.post(f"{url}/api/v1/events", json={"events": [heartbeat(at)]},
                      headers={"Authorization": f"Bearer {token}"}, timeout=10)


def test_center_staff_connect_a_kiosk_by_its_code_see_it_and_revoke_it(admin_server, chromium):
    server = admin_server
    server.app.state.root_public_key = public_key_text(load_private(generate_private_pem()))
    server.add_center("mapo-senior", "mapo", "마포노인복지관", "Mapo Senior Center")
    server.add_staff("guide", Role.CENTER, center="mapo-senior", display_name="김안내")
    # A new kiosk, switched on: it asks for a code and shows it on its screen.
    asked = httpx.post(f"{server.url}/api/v1/onboarding", json={"app_version": "0.3.0"}, timeout=10)
    assert asked.status_code == 200
    code, secret = asked.json()["code"], asked.json()["secret"]

    page = new_page(chromium, DESKTOP)
    log_in(page, server, "guide")
    page.goto(f"{server.url}/admin/kiosks")
    page.fill("#code", f"{code[:3].lower()}-{code[3:].lower()}")  # typed off the screen, as it comes
    page.get_by_role("button", name="다음").click()
    page.wait_for_url(f"{server.url}/admin/kiosks/connect?**")
    assert page.input_value("#code") == f"{code[:3]}-{code[3:]}"
    assert page.input_value("#name") == "mapo-senior-1"
    assert page.locator("#center option:checked").inner_text().startswith("마포노인복지관")
    assert "키오스크가 기다리고 있습니다" in page.inner_text("main")
    page.get_by_role("button", name="연결", exact=True).click()
    page.wait_for_url(f"{server.url}/admin/kiosks?**")
    assert "mapo-senior-1이(가) 연결되었습니다" in page.inner_text("[role=status]")

    # The kiosk collects its key by itself and reports; the fleet shows it.
    collected = httpx.post(f"{server.url}/api/v1/onboarding/poll", json={"secret": secret}, timeout=10).json()
    assert collected["state"] == "delivered" and collected["center"] == "mapo-senior"
    assert upload(server.url, collected["token"], server.clock()).status_code == 200
    page.goto(f"{server.url}/admin")
    fleet_row = page.locator("#kiosk-mapo-senior-1")
    assert "0.3.0" in fleet_row.inner_text() and "정상" in fleet_row.inner_text()

    page.goto(f"{server.url}/admin/kiosks")
    page.get_by_text("mapo-senior-1 바꾸기").click()  # opens the kiosk's own page
    page.wait_for_url(f"{server.url}/admin/kiosks/mapo-senior-1")
    page.get_by_role("button", name="mapo-senior-1 연결 해제").click()
    page.wait_for_url(f"{server.url}/admin/kiosks?**")
    assert "연결을 해제했습니다" in page.inner_text("[role=status]")
    assert "연결 해제됨" in page.locator("#kiosk-mapo-senior-1").inner_text()
    refused = upload(server.url, collected["token"], server.clock())
    assert refused.status_code == 403 and refused.json()["error"] == "kiosk_revoked"
    assert page.script_errors == []

    # On a phone the list fits: wide tables scroll inside their box, never the page.
    phone = new_page(chromium, PHONE)
    log_in(phone, server, "guide")
    for path in ("/admin", "/admin/kiosks", f"/admin/kiosks/connect?code={code}"):
        phone.goto(f"{server.url}{path}")
        assert not scrolls_sideways(phone), path


def test_a_district_admin_opening_another_districts_center_is_refused(admin_server, chromium):
    server = admin_server
    server.add_center("mapo-senior", "mapo", "마포노인복지관", "Mapo Senior Center")
    server.add_center("gangnam-welfare", "gangnam", "강남구립노인복지관", "Gangnam Senior Welfare Center")
    server.enroll("gangnam-1", "gangnam-welfare")
    server.add_staff("mapo-admin", Role.DISTRICT, district="mapo")
    page = new_page(chromium, DESKTOP)
    log_in(page, server, "mapo-admin")
    assert page.locator("#centers-mapo-senior").count() == 1  # their own district's fleet

    response = page.goto(f"{server.url}/admin/centers/gangnam-welfare")
    assert response.status == 403
    assert "담당 센터가 아닙니다" in page.inner_text("[role=alert]")
    assert "gangnam-1" not in page.content()
    response = page.goto(f"{server.url}/admin/districts/gangnam")
    assert response.status == 403 and "담당 자치구가 아닙니다" in page.inner_text("[role=alert]")
