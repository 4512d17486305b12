"""An admin writes content in a real browser (Debian's Chromium through Playwright) and a real
kiosk gets it over loopback: a new lesson with a phone photo and a voice recorded from the
(fake) microphone, previewed with the kiosk's own screens, published with a note; the kiosk
syncs, shows the lesson and plays the recording; the earlier version is restored and the
kiosk follows; a center's account cannot change a city program."""

from __future__ import annotations

import io
import re
import wave
from pathlib import Path

from PIL import Image
from tests.plugins.browser import DESKTOP, log_in, new_page, scrolls_sideways
from tests.plugins.speech import FakeEngine
from tests.plugins.sync import client, open_kiosk

from server.scope import Role

DEMO = Path(__file__).resolve().parent.parent / "resources" / "content"
PREVIEW_TIMEOUT_MS = 120_000  # the kiosk draws 6 panel and text sizes in one process (about 6 s here)


def phone_photo(path: Path) -> Path:
    """A 4032x3024 photo as a phone takes it (noise, so it is a real photo's size)."""
    image = Image.effect_noise((1008, 756), 60).convert("RGB").resize((4032, 3024))
    image.save(path, "JPEG", quality=95)
    return path


def page_with_microphone(browser):
    page = new_page(browser, DESKTOP)
    page.context.grant_permissions(["microphone"])
    return page


def test_a_lesson_written_in_the_browser_reaches_a_kiosk_and_an_old_version_comes_back(
        admin_server, media_chromium, tmp_path, qtbot):
    server = admin_server
    demo_revision = server.publish(DEMO, note="demo content")
    page = page_with_microphone(media_chromium)
    log_in(page, server, "city-admin")

    # A new lesson, from the lesson list.
    page.goto(f"{server.url}/admin/content?kind=lesson")
    page.click('a[href="/admin/content/lesson/new?lesson_kind=lesson"]')
    page.select_option("select[name=category]", "everyday-services")
    for name, value in {"title.ko": "버스 카드 충전하기", "title.ja": "バスカードのチャージ", "title.en": "Top up a bus card",
                        "summary.ko": "편의점에서 교통카드를 충전해요.", "summary.ja": "コンビニで交通カードをチャージします。",
                        "summary.en": "Top up a transit card at a convenience store.",
                        "steps.0.text.ko": "카드와 현금을 계산대에 내밀어요.", "steps.0.text.ja": "カードと現金をレジに出します。",
                        "steps.0.text.en": "Hand the card and the cash to the cashier."}.items():
        page.fill(f'[name="{name}"]', value)
    page.set_input_files('input[name="upload:steps.0.picture"]', str(phone_photo(tmp_path / "IMG_0001.jpg")))
    recorder = page.locator('.recorder[data-input="f-upload-steps-0-narration-ko"]')
    recorder.locator("button.record").click()
    recorder.locator(".status").filter(has_text=re.compile(r"[1-9]\s*초")).wait_for()  # a second of voice
    recorder.locator("button.record").click()
    page.wait_for_function("() => document.querySelector('.recorder[data-input=\"f-upload-steps-0-narration-ko\"]')"
                           ".dataset.recordedSeconds !== undefined")
    page.get_by_role("button", name="임시 저장").click()
    page.wait_for_url(re.compile(r".*/admin/content/lesson/top-up-a-bus-card\?saved=1.*"))
    assert "임시 저장했습니다" in page.inner_text("[role=status]")
    picture = page.locator('#f-steps-0-picture img')
    picture.scroll_into_view_if_needed()  # the editor's pictures load as they come into view
    page.wait_for_function("() => { const i = document.querySelector('#f-steps-0-picture img');"
                           " return i.complete && i.naturalWidth > 0; }")
    assert 0 < picture.evaluate("img => img.naturalWidth") <= 1600  # made smaller for the kiosk
    assert page.locator('#f-steps-0-narration audio[src]').count() == 1
    assert not scrolls_sideways(page) and not page.script_errors

    # The kiosk's own screens for the draft.
    page.click("text=키오스크 화면으로 미리 보기")
    page.wait_for_url(re.compile(r".*/preview$"), timeout=PREVIEW_TIMEOUT_MS)
    shots = page.locator(".content-preview img")
    assert shots.count() >= 6 * 3  # lesson list, the step, the finish screen at 2 sizes x 3 text sizes
    widths = set()
    for source in shots.evaluate_all("imgs => imgs.map(i => i.src)"):
        drawn = page.request.get(source)  # with the admin's own session: drafts are not public
        assert drawn.ok and drawn.headers["content-type"] == "image/png"
        widths.add(Image.open(io.BytesIO(drawn.body())).size[0])
    assert widths == {1920, 1280}

    # Publish with a note; the revision says who, when, why and what.
    page.goto(f"{server.url}/admin/content/publish")
    assert "버스 카드 충전하기" in page.inner_text("main")
    page.fill("#note", "교통카드 충전 수업 추가")
    page.get_by_role("button", name="키오스크에 게시").click()
    page.wait_for_url(re.compile(r".*/admin/content/revisions/\d+\?published=1"))
    new_revision = int(re.search(r"/revisions/(\d+)", page.url).group(1))
    assert new_revision == demo_revision + 1
    assert "교통카드 충전 수업 추가" in page.inner_text("main") and "city-admin" in page.inner_text("main")

    # A kiosk syncs over loopback, shows the lesson and plays the recorded voice.
    kiosk = open_kiosk(tmp_path / "kiosk")
    result = client(kiosk, f"{server.url}/repo/", server.public_key, clock=server.clock).run(upload=False)
    assert result.ok, result.message
    kiosk.content.reload()
    lesson = kiosk.content.lesson("top-up-a-bus-card")
    assert lesson is not None and lesson.title["ja"] == "バスカードのチャージ"
    with Image.open(kiosk.content.media_file(lesson.steps[0].picture)) as shown:
        assert max(shown.size) <= 1600 and shown.format == "JPEG"
    narration = kiosk.content.media_file(lesson.steps[0].narration["ko"])
    with wave.open(str(narration)) as audio:
        assert audio.getnframes() / audio.getframerate() >= 1.0
    played = plays_the_recording(qtbot, kiosk, tmp_path, "top-up-a-bus-card")
    assert "카드와 현금을 계산대에 내밀어요." not in played  # the recording was played, not a synthetic voice

    # The earlier version is published again, as a new revision; the kiosk follows.
    page.goto(f"{server.url}/admin/content/revisions/{demo_revision}")
    page.fill("#note", "되돌림")
    page.get_by_role("button", name=re.compile("새 판으로 다시 게시")).click()
    page.wait_for_url(re.compile(r".*/admin/content/revisions/\d+\?restored=1"))
    assert page.url.split("/revisions/")[1].startswith(str(new_revision + 1))
    result = client(kiosk, f"{server.url}/repo/", server.public_key, clock=server.clock).run(upload=False)
    assert result.ok, result.message
    kiosk.content.reload()
    assert kiosk.content.lesson("top-up-a-bus-card") is None
    assert kiosk.content.lesson("video-call") is not None


def plays_the_recording(qtbot, services, tmp_path: Path, lesson: str) -> list[str]:
    """Open the lesson on the kiosk's real screen with voice on; returns what was synthesized."""
    from kiosk.speech import SpeechService
    from ui.main_window import MainWindow
    from ui.speech import SpeechController

    engine = FakeEngine(seconds_per_char=0.01)
    services.visitor.voice_on = True
    window = MainWindow(services, kiosk_mode=False)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    controller = SpeechController(SpeechService(tmp_path / "speech", engine_factory=lambda: engine), warm_locales=())
    heard: list[tuple[int, int, str]] = []
    controller.sentence_started.connect(lambda item, sentence, text: heard.append((item, sentence, text)))
    window.attach_speech(controller)
    try:
        window.go("player", lesson=lesson)
        assert window.screens["player"].isVisible()
        with qtbot.waitSignal(controller.finished, timeout=20_000):
            pass
        assert any(item == 1 for item, _, _ in heard)  # the step's own words were played
        return [text for text, _, _ in engine.saved]
    finally:
        controller.shutdown()
        # Nothing it still has in flight may reach the window once the test has closed it.
        controller.sentence_started.disconnect()
        controller.finished.disconnect()


def test_a_center_account_cannot_change_a_city_program(admin_server, chromium):
    server = admin_server
    server.publish(DEMO)
    server.add_center("mapo-senior", "mapo", "마포노인복지관", "Mapo Senior Center")
    server.add_staff("mapo-guide", Role.CENTER, center="mapo-senior")
    page = new_page(chromium, DESKTOP)
    log_in(page, server, "mapo-guide")
    page.goto(f"{server.url}/admin/content?kind=program")
    assert "보기만 가능" in page.locator('.content-row[data-id="safety-net-income-trial"]').inner_text()
    page.click('a[href="/admin/content/program/safety-net-income-trial"]')
    assert page.get_by_role("button", name="임시 저장").count() == 0
    assert page.locator('[name="title.ko"]').get_attribute("readonly") is not None
    # The form posted anyway (as a crafted request would) is refused.
    status = page.evaluate("""async () => {
        const form = new FormData(); form.append('csrf', document.querySelector('[name=csrf]').value);
        form.append('title.ko', '바뀐 제목'); form.append('do', 'save');
        return (await fetch(location.pathname, {method: 'POST', body: form})).status; }""")
    assert status == 403
    assert not page.script_errors


def test_the_place_to_tap_is_drawn_on_the_practice_screen(admin_server, chromium):
    """With the mouse, on the picture as the editor shows it: saved in the picture's own
    coordinates, and the kiosk's loader accepts it."""
    import json

    server = admin_server
    server.publish(DEMO)
    page = new_page(chromium, DESKTOP)
    log_in(page, server, "city-admin")
    page.goto(f"{server.url}/admin/content/lesson/practice-scam-text")
    editor = page.locator('.region-editor[data-field="screens.0"]')
    editor.scroll_into_view_if_needed()
    page.wait_for_function("() => { const i = document.querySelector('.region-editor[data-field=\"screens.0\"] img');"
                           " return i.complete && i.naturalWidth > 0; }")
    box = editor.locator("img").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6, steps=8)
    page.mouse.up()
    page.get_by_role("button", name="임시 저장").click()
    page.wait_for_url(re.compile(r".*\?saved=1.*"))
    assert page.locator("[role=status]").count() == 1  # saved, and nothing to fix
    width, height = json.loads((DEMO / "lessons" / "practice-scam-text.json").read_text())["screens"][0]["picture_size"]
    target = {name: float(page.input_value(f'[name="screens.0.target.{name}"]')) for name in ("x", "y", "width", "height")}
    assert abs(target["x"] - width * 0.25) <= width * 0.02 and abs(target["y"] - height * 0.5) <= height * 0.02
    assert abs(target["width"] - width * 0.25) <= width * 0.02 and abs(target["height"] - height * 0.1) <= height * 0.02
    assert not page.script_errors
