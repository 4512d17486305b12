"""The content editors' two scripts in Debian's Chromium: server/static/recorder.js records
narration from a (fake) microphone into the form's file input, and server/static/regions.js
draws a practice screen's tappable region on its picture with a mouse or a finger.

A tiny app of the test's own serves a form in the scripts' DOM contracts, with the admin pages'
CSP (plus blob: for playing a recording back and showing a chosen picture), and keeps what the
form sends, as the real editor would receive it."""

from __future__ import annotations

import html
import io
import wave
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tests.plugins.browser import DESKTOP, PAGE_TIMEOUT_MS

pytest.importorskip("fastapi", reason="the server's (pip install -e .[server])")
pytest.importorskip("PIL", reason="the server's (pip install -e .[server])")

from fastapi import Request  # noqa: E402 (at module level: FastAPI reads the routes' annotations here)

STATIC = Path(__file__).resolve().parent.parent / "server" / "static"
SCRIPTS = ("recorder.js", "recorder-worklet.js", "regions.js")
PICTURE_SIZE = (800, 600)  # the picture's own pixels; the page shows it at half that
SHOWN_WIDTH = 400
# The fake microphone: tests.plugins.browser's media_chromium; a context that is not granted
# "microphone" is refused it.


def media_csp() -> str:
    """The admin pages' CSP, with blob: in media-src and img-src (as the editor pages have it)."""
    from server.admin_routes import CSP

    directives = [part.strip() for part in CSP.split(";")]
    for index, directive in enumerate(directives):
        if directive.split()[0] in ("media-src", "img-src") and "blob:" not in directive.split():
            directives[index] = directive + " blob:"
    return "; ".join(directives)


def recorder(index: int, max_seconds: str = "") -> str:
    limit = f' data-max-seconds="{int(max_seconds)}"' if max_seconds else ""
    return f"""
      <label for="narration-{index}">Narration {index + 1}</label>
      <input type="file" id="narration-{index}" name="upload:steps.{index}.narration.ko" accept="audio/*">
      <div class="recorder" id="recorder-{index}" data-input="narration-{index}"{limit} data-label-record="Record"
           data-label-stop="Stop" data-label-recording="Recording %s s"
           data-label-recorded="Recorded %s seconds. It is uploaded when you save."
           data-label-denied="The microphone is not allowed. Allow it in the browser, or upload a file."
           data-label-unavailable="Recording does not work in this browser. Upload a file instead.">
        <button type="button" class="record">Record</button>
        <span class="status" aria-live="polite"></span>
        <audio controls hidden></audio>
      </div>"""


def numbers(prefix: str, names: tuple[str, ...], values: dict[str, str]) -> str:
    return "".join(f'<label>{name} <input type="number" name="{prefix}.{name}" value="{html.escape(values.get(name, ""))}">'
                   f"</label>" for name in names)


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Editor</title>
<meta name="viewport" content="width=device-width"></head><body>
<form method="post" action="/submit" enctype="multipart/form-data">
  {recorders}
  <input type="file" name="upload:screens.0.picture" accept="image/*">
  <div class="region-editor" data-field="screens.0">
    <img src="/picture.{picture}" alt="The phone's message screen" width="{shown}">
  </div>
  {target}{size}
  <button type="submit" id="save">Save</button>
</form>
<script src="/static/recorder.js"></script><script src="/static/regions.js"></script>
</body></html>"""


# A drawing with only a viewBox (no width or height): a browser says it is 300 x 150.
DRAWING = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 1200">'
           b'<rect width="1600" height="1200" fill="#eee"/><rect x="160" y="120" width="800" height="600" fill="#258"/></svg>')


@dataclass
class Received:
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # name -> (filename, data)


@pytest.fixture
def editor_app():
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse, Response
    from PIL import Image, ImageDraw

    from server.devserver import run_app

    csp = media_csp()
    received: list[Received] = []
    app = FastAPI()
    picture = Image.new("RGB", PICTURE_SIZE, (240, 240, 240))
    ImageDraw.Draw(picture).rectangle((80, 60, 480, 360), fill=(40, 90, 200))
    picture_png = io.BytesIO()
    picture.save(picture_png, "PNG")
    page_values: dict[str, dict[str, str]] = {"target": {}, "size": {}}

    @app.get("/form")
    def form(recorders: int = 1, max_seconds: str = "", picture: str = "png") -> HTMLResponse:
        body = PAGE.format(recorders="".join(recorder(i, max_seconds) for i in range(recorders)), shown=SHOWN_WIDTH,
                           picture="svg" if picture == "svg" else "png",
                           target=numbers("screens.0.target", ("x", "y", "width", "height"), page_values["target"]),
                           size=numbers("screens.0.picture_size", ("0", "1"), page_values["size"]))
        return HTMLResponse(body, headers={"Content-Security-Policy": csp})

    @app.get("/static/{name}")
    def script(name: str) -> Response:
        assert name in SCRIPTS
        return Response((STATIC / name).read_bytes(), media_type="text/javascript; charset=utf-8")

    @app.get("/picture.png")
    def picture_file() -> Response:
        return Response(picture_png.getvalue(), media_type="image/png")

    @app.get("/picture.svg")
    def drawing_file() -> Response:
        return Response(DRAWING, media_type="image/svg+xml")

    @app.get("/favicon.ico")
    def no_icon() -> Response:
        return Response(status_code=204)

    @app.post("/submit")
    async def submit(request: Request) -> HTMLResponse:
        got = Received()
        async with request.form() as data:
            for name, value in data.multi_items():
                if isinstance(value, str):
                    got.fields[name] = value
                elif value.filename:
                    got.files[name] = (value.filename, await value.read())
        received.append(got)
        return HTMLResponse("<p id=saved>Saved</p>", headers={"Content-Security-Policy": csp})

    with run_app(app) as url:
        yield url, received, page_values


def open_page(browser, url: str, microphone: bool = True, touch: bool = False):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", has_touch=touch,
                                  permissions=["microphone"] if microphone else [])
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    return page, errors


def record_one_second(page, index: int = 0) -> None:
    button = page.locator(f"#recorder-{index} button.record")
    status = page.locator(f"#recorder-{index} .status")
    button.click()
    # The recorder counts what it has taken from the microphone: at 1 s of sound, stop.
    status.filter(has_text="Recording 1 s").wait_for()
    assert button.text_content() == "Stop" and button.get_attribute("aria-pressed") == "true"
    button.click()
    page.wait_for_function(f"() => document.getElementById('recorder-{index}').dataset.recordedSeconds !== undefined")


# Recording --------------------------------------------------------------------------------------
def test_a_recording_from_the_microphone_is_uploaded_by_the_form_as_a_wav(media_chromium, editor_app):
    from server.media_intake import take_narration

    url, received, _ = editor_app
    page, errors = open_page(media_chromium, f"{url}/form?recorders=2")
    record_one_second(page, 1)

    recorder_root = page.locator("#recorder-1")
    assert recorder_root.locator("button.record").text_content() == "Record"
    status = recorder_root.locator(".status").text_content()
    assert status.startswith("Recorded ") and status.endswith(" seconds. It is uploaded when you save.")
    player = recorder_root.locator("audio")
    assert player.is_visible() and player.get_attribute("src").startswith("blob:")
    assert page.evaluate("document.getElementById('narration-1').files[0].name") == "recording.wav"
    # The other recorder's input is untouched: each works on its own.
    assert page.evaluate("document.getElementById('narration-0').files.length") == 0
    assert not page.locator("#recorder-0 audio").is_visible()
    # The player can play it back under the page's CSP (blob: in media-src).
    page.wait_for_function("() => document.querySelector('#recorder-1 audio').readyState >= 1")
    assert page.evaluate("document.querySelector('#recorder-1 audio').duration") > 0.5
    shown = float(recorder_root.get_attribute("data-recorded-seconds"))

    page.click("#save")
    page.locator("#saved").wait_for()
    assert len(received) == 1
    assert "upload:steps.0.narration.ko" not in received[0].files
    filename, data = received[0].files["upload:steps.1.narration.ko"]
    assert filename == "recording.wav"
    with wave.open(io.BytesIO(data)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
        assert wav.getnframes() > 0
    narration = take_narration(data, filename)  # sound in it (the fake microphone's beep), and PCM
    assert narration.suffix == ".wav" and 0.9 <= narration.seconds <= 3.0
    assert shown == pytest.approx(narration.seconds, abs=0.1)
    assert not errors, errors


def test_without_audio_worklets_a_recording_stops_by_itself_at_its_limit(media_chromium, editor_app):
    """The older ScriptProcessorNode where a browser has no AudioWorklet; the recorder's own limit
    (120 s on the pages, 1 s here) ends the recording with no Stop."""
    from server.media_intake import take_narration

    url, received, _ = editor_app
    context = media_chromium.new_context(viewport=DESKTOP, permissions=["microphone"])
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.add_init_script("delete window.AudioWorkletNode;")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{url}/form?max_seconds=1")
    page.click("#recorder-0 button.record")
    page.wait_for_function("() => document.getElementById('recorder-0').dataset.recordedSeconds !== undefined")
    assert page.locator("#recorder-0 button.record").text_content() == "Record"
    assert page.locator("#recorder-0 .status").text_content() == "Recorded 1.0 seconds. It is uploaded when you save."
    page.click("#save")
    page.locator("#saved").wait_for()
    filename, data = received[0].files["upload:steps.0.narration.ko"]
    assert take_narration(data, filename).seconds == pytest.approx(1.0, abs=0.01)
    assert not errors, errors


def test_a_microphone_not_allowed_is_said_and_the_file_input_still_works(media_chromium, editor_app):
    url, _, _ = editor_app
    page, errors = open_page(media_chromium, f"{url}/form", microphone=False)
    page.click("#recorder-0 button.record")
    page.locator("#recorder-0 .status").filter(has_text="The microphone is not allowed.").wait_for()
    assert page.locator("#recorder-0 button.record").text_content() == "Record"
    assert page.locator("#recorder-0 button.record").is_enabled()
    assert page.evaluate("document.getElementById('narration-0').files.length") == 0
    assert not errors, errors


# Regions ----------------------------------------------------------------------------------------
def target_of(page) -> tuple[int, ...]:
    return tuple(int(page.input_value(f"input[name='screens.0.target.{name}']") or -1)
                 for name in ("x", "y", "width", "height"))


def box_on_picture(page) -> tuple[float, ...]:
    """Where the drawn rectangle is, in CSS pixels from the picture's top-left corner."""
    return tuple(page.evaluate("""() => {
        const img = document.querySelector('.region-editor img').getBoundingClientRect();
        const box = document.querySelector('.region-editor .region-box');
        if (getComputedStyle(box).display === 'none') return [-1, -1, -1, -1];
        const r = box.getBoundingClientRect();
        return [r.left - img.left, r.top - img.top, r.width, r.height];
    }"""))


def picture_corner(page) -> tuple[float, float]:
    """The picture's top-left corner on the page, once the editor knows the picture's size."""
    page.wait_for_function("() => document.querySelector('.region-editor img').complete")
    page.wait_for_function("() => document.querySelector(\"input[name='screens.0.picture_size.0']\").value !== ''")
    rect = page.locator(".region-editor img").bounding_box()
    assert rect["width"] == SHOWN_WIDTH and rect["height"] == SHOWN_WIDTH * PICTURE_SIZE[1] / PICTURE_SIZE[0]
    return rect["x"], rect["y"]


def test_a_region_dragged_with_the_mouse_is_written_in_picture_coordinates(media_chromium, editor_app):
    url, received, _ = editor_app
    page, errors = open_page(media_chromium, f"{url}/form")
    left, top = picture_corner(page)
    # The picture's size is filled from the picture itself (the inputs were empty).
    assert page.input_value("input[name='screens.0.picture_size.0']") == "800"
    assert page.input_value("input[name='screens.0.picture_size.1']") == "600"
    assert box_on_picture(page) == (-1, -1, -1, -1)

    page.mouse.move(left + 240, top + 180)  # drawn from bottom-right to top-left: the same box
    page.mouse.down()
    page.mouse.move(left + 140, top + 100, steps=4)
    page.mouse.move(left + 40, top + 30, steps=4)
    page.mouse.up()
    # Shown at half size: 40,30 .. 240,180 on the screen is 80,60 .. 480,360 in the picture.
    assert target_of(page) == (80, 60, 400, 300)
    assert box_on_picture(page) == pytest.approx((40, 30, 200, 150), abs=1)

    # A tap is an accident: nothing changes.
    page.mouse.click(left + 300, top + 250)
    assert target_of(page) == (80, 60, 400, 300)
    assert box_on_picture(page) == pytest.approx((40, 30, 200, 150), abs=1)

    # A drag past the picture's edge stops at the edge.
    page.mouse.move(left + 300, top + 200)
    page.mouse.down()
    page.mouse.move(left + SHOWN_WIDTH + 150, top + 400, steps=5)
    page.mouse.up()
    assert target_of(page) == (600, 400, 200, 200)

    # Numbers typed by hand (the keyboard's way) move the rectangle.
    page.fill("input[name='screens.0.target.x']", "200")
    page.fill("input[name='screens.0.target.y']", "100")
    page.fill("input[name='screens.0.target.width']", "100")
    page.fill("input[name='screens.0.target.height']", "50")
    assert box_on_picture(page) == pytest.approx((100, 50, 50, 25), abs=1)

    page.click("#save")
    page.locator("#saved").wait_for()
    fields = received[0].fields
    assert [fields[f"screens.0.target.{name}"] for name in ("x", "y", "width", "height")] == ["200", "100", "100", "50"]
    assert (fields["screens.0.picture_size.0"], fields["screens.0.picture_size.1"]) == ("800", "600")
    assert not errors, errors


def test_the_region_a_screen_has_is_shown_and_a_finger_redraws_it(media_chromium, editor_app):
    url, _, page_values = editor_app
    # A screen saved before: the region in a picture_size of its own (an SVG's viewBox 1600x1200).
    page_values["target"].update(x="800", y="600", width="400", height="200")
    page_values["size"].update({"0": "1600", "1": "1200"})
    page, errors = open_page(media_chromium, f"{url}/form", touch=True)
    left, top = picture_corner(page)
    assert box_on_picture(page) == pytest.approx((200, 150, 100, 50), abs=1)
    assert page.input_value("input[name='screens.0.picture_size.0']") == "1600"  # as written, kept

    # A finger, through Chromium's own touch input (pointer events of type "touch").
    touch = page.context.new_cdp_session(page)

    def finger(kind: str, x: float, y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": left + x, "y": top + y, "id": 1}]
        touch.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    page.evaluate("""() => { window.pointerTypes = [];
        document.querySelector('.region-frame').addEventListener('pointerdown', e => pointerTypes.push(e.pointerType)); }""")
    finger("touchStart", 20, 20)
    for step in range(1, 6):
        finger("touchMove", 20 + 20 * step, 20 + 10 * step)
    finger("touchEnd", 120, 70)
    assert page.evaluate("pointerTypes") == ["touch"]
    # 20,20 .. 120,70 shown at a quarter of 1600x1200: 80,80 .. 480,280.
    assert target_of(page) == (80, 80, 400, 200)
    assert box_on_picture(page) == pytest.approx((20, 20, 100, 50), abs=1)
    # The page did not scroll under the finger instead (touch-action: none).
    assert page.evaluate("window.scrollY") == 0
    assert not errors, errors


def test_a_new_picture_chosen_is_shown_with_the_region_at_the_same_place(media_chromium, editor_app, tmp_path):
    from PIL import Image

    url, _, page_values = editor_app
    page_values["target"].update(x="80", y="60", width="400", height="300")
    page, errors = open_page(media_chromium, f"{url}/form")
    picture_corner(page)
    bigger = tmp_path / "photo.png"
    Image.new("RGB", (1600, 1200), (200, 30, 30)).save(bigger)
    page.set_input_files("input[name='upload:screens.0.picture']", str(bigger))
    page.wait_for_function("() => document.querySelector('.region-editor img').src.startsWith('blob:')")
    page.wait_for_function("() => document.querySelector(\"input[name='screens.0.picture_size.0']\").value === '1600'")
    assert page.input_value("input[name='screens.0.picture_size.1']") == "1200"
    assert target_of(page) == (160, 120, 800, 600)
    assert box_on_picture(page) == pytest.approx((40, 30, 200, 150), abs=1)
    assert not errors, errors


def test_an_svg_drawing_is_measured_by_its_viewbox(media_chromium, editor_app, tmp_path):
    url, _, _ = editor_app
    page, errors = open_page(media_chromium, f"{url}/form?picture=svg")
    left, top = picture_corner(page)
    assert (page.input_value("input[name='screens.0.picture_size.0']"),
            page.input_value("input[name='screens.0.picture_size.1']")) == ("1600", "1200")
    page.mouse.move(left + 40, top + 30)
    page.mouse.down()
    page.mouse.move(left + 240, top + 180, steps=4)
    page.mouse.up()
    assert target_of(page) == (160, 120, 800, 600)  # shown at a quarter

    # Another drawing chosen: its own viewBox (800 x 600, half), the region at the same place.
    drawing = tmp_path / "screen.svg"
    drawing.write_bytes(DRAWING.replace(b"0 0 1600 1200", b"0 0 800 600"))
    page.set_input_files("input[name='upload:screens.0.picture']", str(drawing))
    page.wait_for_function("() => document.querySelector(\"input[name='screens.0.picture_size.0']\").value === '800'")
    assert page.input_value("input[name='screens.0.picture_size.1']") == "600"
    assert target_of(page) == (80, 60, 400, 300)
    assert box_on_picture(page) == pytest.approx((40, 30, 200, 150), abs=1)
    assert not errors, errors
