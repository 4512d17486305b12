"""Remote care in a real browser (Chromium through Playwright, tests/plugins/browser.py): a
center's guide asks their kiosk for a screenshot and sends a message; the "kiosk" (this test,
with the kiosk's own token over real HTTP) fetches the commands and answers; the reloaded page
shows the picture with its time and the message as done. On a phone nothing scrolls sideways."""

from __future__ import annotations

import datetime as dt
import io

import httpx
from PIL import Image, ImageDraw
from tests.plugins.browser import PHONE, log_in, new_page, scrolls_sideways

from protocol.commands import API_KIOSK_COMMANDS, command_done_path, command_screenshot_path, read_commands_answer
from server.scope import Role

DESKTOP = {"width": 1280, "height": 800}
MESSAGE = "2시에 사무실로 전화해 주세요."


def kiosk_screen() -> bytes:
    """A PNG like a kiosk's screen: a dark bar and a big green button."""
    picture = Image.new("RGB", (1280, 800), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 1280, 120), fill="#1d2b44")
    draw.rectangle((440, 350, 840, 500), fill="#0b5d1e")
    data = io.BytesIO()
    picture.save(data, "PNG")
    return data.getvalue()


def fetch(url: str, token: str):
    response = httpx.get(f"{url}{API_KIOSK_COMMANDS}", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert response.status_code == 200, response.text
    return read_commands_answer(response.json())[0]


def test_staff_ask_for_a_screenshot_and_send_a_message_and_see_the_kiosks_answers(admin_server, chromium, tmp_path):
    server = admin_server
    server.add_center("mapo-senior", "mapo", "마포노인복지관", "Mapo Senior Center")
    server.add_staff("guide", Role.CENTER, center="mapo-senior", display_name="김안내")
    token = server.enroll("mapo-1", "mapo-senior")
    kiosk = {"Authorization": f"Bearer {token}"}

    page = new_page(chromium, DESKTOP)
    log_in(page, server, "guide")
    page.goto(f"{server.url}/admin/kiosks/mapo-1")
    care = page.locator("#care")
    assert "아직 화면 캡처가 없습니다" in care.inner_text()
    assert "사용 중인 분은 하던 곳을 잃게 됩니다" in care.inner_text()  # said before anyone restarts it
    care.get_by_role("button", name="화면 캡처 보내기").click()
    page.wait_for_url(f"{server.url}/admin/kiosks/mapo-1#care")
    assert "키오스크 연락 기다리는 중" in care.locator("li.command").first.inner_text()

    # The kiosk's next contact: it takes the picture and sends it.
    [command] = fetch(server.url, token)
    assert (command.kind, command.asked_by) == ("screenshot", "김안내")
    shot = kiosk_screen()
    sent = httpx.post(f"{server.url}{command_screenshot_path(command.id)}", content=shot,
                      headers={**kiosk, "Content-Type": "image/png"}, timeout=10)
    assert sent.status_code == 200, sent.text

    server.clock.now += dt.timedelta(minutes=3)
    page.reload()
    image = care.locator("img.shot")
    image.wait_for()
    assert page.wait_for_function("img => img.complete && img.naturalWidth === 1280", arg=image.element_handle())
    assert "3분 전 찍음" in care.locator("#screenshot-time").inner_text()
    assert "완료" in care.locator(f"#command-{command.id}").inner_text()

    # A message to the guide, answered by the kiosk once shown.
    page.fill("#care-message", MESSAGE)
    care.get_by_role("button", name="메시지 보내기").click()
    page.wait_for_url(f"{server.url}/admin/kiosks/mapo-1#care")
    [message] = fetch(server.url, token)
    assert (message.kind, message.text) == ("message", MESSAGE)
    item = care.locator(f"#command-{message.id}")
    assert "전달됨" not in item.inner_text()  # the page shows what it knew when drawn
    page.reload()
    assert "전달됨" in item.inner_text()
    answered = httpx.post(f"{server.url}{command_done_path(message.id)}", json={"ok": True}, headers=kiosk, timeout=10)
    assert answered.status_code == 200
    page.reload()
    assert "완료" in item.inner_text() and MESSAGE in item.inner_text() and "김안내" in item.inner_text()
    page.screenshot(path=str(tmp_path / "care-desktop.png"), full_page=True)
    assert page.script_errors == []

    # On a phone: the picture shrinks to the screen, nothing scrolls sideways.
    phone = new_page(chromium, PHONE)
    log_in(phone, server, "guide")
    phone.goto(f"{server.url}/admin/kiosks/mapo-1#care")
    phone.locator("#care img.shot").wait_for()
    assert not scrolls_sideways(phone)
    width = phone.evaluate("document.querySelector('#care img.shot').getBoundingClientRect().width")
    assert 0 < width <= PHONE["width"]
    phone.screenshot(path=str(tmp_path / "care-phone.png"), full_page=True)
