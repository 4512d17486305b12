"""Lists at catalog scale: the demo pack against a generated city catalog, in the same run.

    python bench/catalog.py [--lessons 5000] [--runs 3] [--no-topics] [--keep DIR | --catalog DIR]

The catalog is the bundled demo pack plus N generated lessons spread over its categories, each
with a picture of its own (a JPEG, 800x600) and, unless --no-topics, a topic: every category gets
10-14 topics in categories.json (schema 1.2). For the demo pack and for the catalog it measures:

- tap to painted list: a real mouse tap on each category's card (and on each topic's card, where
  a category is browsed by topic) until the next screen's list has painted (p50, p95, max);
- opening a lesson: a tap on a lesson's card until its screen has painted;
- scrolling: each lesson list moved down a screenful at a time (up to 5) until painted, cards and
  pictures new to it (a flick's worst frames; a scroll bar step, not a finger's drag);
- memory (VmRSS) after visiting every screen;
- first start (a fresh data dir importing the pack) and restart (Home from its snapshot), median of
  --runs, against a bare PySide6 window in the same run; and the longest event-loop stall while
  the content loads behind Home (main.py's LOADED line).

The taps run in a separate process per pack (``--drive DATA_DIR``, offscreen, 1920x1080, no voice,
no sync), so one pack's memory and caches never colour the other's figures. Targets missed are
marked NOT MET; the exit code is 0 all the same (this is a measurement). Everything is generated in
a temporary folder and removed afterwards; --keep DIR keeps the generated catalog in DIR, and
--catalog DIR measures a catalog kept before instead of generating one.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.startup import BARE_WINDOW, time_until_ready  # noqa: E402
from kiosk.paths import BUNDLED_CONTENT  # noqa: E402

PICTURE_SIZE = (800, 600)
PICTURE_QUALITY = 80
STEPS_PER_LESSON = (3, 6)  # fewest, most
TOPICS_PER_CATEGORY = (10, 14)
LESSON_ORDER_START = 1000  # after the demo's own lessons
WINDOW_SIZE = (1920, 1080)
# A visitor never taps again within this (the pictures in view have arrived before it starts).
PAUSE_BETWEEN_TAPS_MS = 100
WAIT_FOR_SCREEN_S = 20  # one tap, at most (a bound, not an expectation)
WAIT_FOR_PICTURES_S = 5  # after the list, for the pictures in view
WAKE_MS = 100
DRIVE_TIMEOUT_S = 900  # one pack's whole walk through the screens
TOPIC_KEY_PREFIX = "topic:"  # how ui/screens/lessons.py keys a topic's card
FLICK_SCREENS = 5  # screenfuls scrolled down each lesson list

TARGET_TAP_P95_MS = 50
TARGET_TAP_VS_DEMO = 3.0
TARGET_MEMORY_MB = 250
TARGET_RESTART_VS_BARE = 1.6
TARGET_STALL_MS = 50

# Sub-topics a city's lessons fall into, in the pack's three languages (ko, ja, en).
TOPIC_NAMES = (
    ("기초", "基本", "Basics"),
    ("설정", "設定", "Settings"),
    ("메시지", "メッセージ", "Messages"),
    ("사진", "写真", "Photos"),
    ("안전", "安全", "Safety"),
    ("결제", "支払い", "Paying"),
    ("지도", "地図", "Maps"),
    ("건강", "健康", "Health"),
    ("쇼핑", "買い物", "Shopping"),
    ("은행", "銀行", "Banking"),
    ("민원", "行政手続き", "Public services"),
    ("여가", "余暇", "Leisure"),
    ("뉴스", "ニュース", "News"),
    ("앱 설치", "アプリの入れ方", "Installing apps"),
)


# The catalog ---------------------------------------------------------------------------------
def generate_catalog(pack_dir: Path, lessons: int, topics: bool = True) -> None:
    """A copy of the bundled demo pack in ``pack_dir`` plus ``lessons`` generated lessons, each with
    a JPEG of its own; with ``topics`` every category gets topics and each generated lesson one
    of its category's (the demo's own lessons keep none)."""
    from PIL import ImageFont

    from kiosk.content.schema import SCHEMA_VERSION

    pack_dir = Path(pack_dir)
    shutil.copytree(BUNDLED_CONTENT, pack_dir, dirs_exist_ok=True)
    manifest = read_json(pack_dir / "pack.json")
    write_json(pack_dir / "pack.json", {**manifest, "schema_version": SCHEMA_VERSION})
    categories = read_json(pack_dir / "categories.json")
    topic_ids: dict[str, list[str]] = {}
    for number, category in enumerate(categories):
        count = TOPICS_PER_CATEGORY[0] + number % (TOPICS_PER_CATEGORY[1] - TOPICS_PER_CATEGORY[0] + 1)
        category_topics = [topic(k) for k in range(1, count + 1)] if topics else []
        if category_topics:
            category["topics"] = category_topics
        topic_ids[category["id"]] = [t["id"] for t in category_topics]
    write_json(pack_dir / "categories.json", categories)

    media = pack_dir / "media" / "catalog"
    media.mkdir(parents=True, exist_ok=True)
    font = ImageFont.load_default(size=PICTURE_SIZE[1] // 5)
    for n in range(1, lessons + 1):
        category = categories[(n - 1) % len(categories)]
        known = topic_ids[category["id"]]
        picture = f"media/catalog/lesson-{n}.jpg"
        write_picture(pack_dir / picture, n, font)
        lesson_topic = known[((n - 1) // len(categories)) % len(known)] if known else None
        write_json(pack_dir / "lessons" / f"catalog-{n}.json", lesson(n, category, lesson_topic, picture))


def topic(k: int) -> dict:
    ko, ja, en = TOPIC_NAMES[(k - 1) % len(TOPIC_NAMES)]
    return {"id": f"t-{k}", "order": k, "title": {"ko": ko, "ja": ja, "en": en}}


def lesson(n: int, category: dict, lesson_topic: str | None, picture: str) -> dict:
    subject = category["title"]
    steps = STEPS_PER_LESSON[0] + n % (STEPS_PER_LESSON[1] - STEPS_PER_LESSON[0] + 1)
    data = {
        "id": f"catalog-{n}",
        "category": category["id"],
        "kind": "lesson",
        "order": LESSON_ORDER_START + n,
        "title": {
            "ko": f"{subject['ko']} {n}번 수업", "ja": f"{subject['ja']} 第{n}課", "en": f"{subject['en']}, lesson {n}",
        },
        "summary": {
            "ko": f"{n}번 수업에서 한 걸음씩 따라 해 봐요.",
            "ja": f"第{n}課を一歩ずつやってみましょう。",
            "en": f"Try lesson {n} one step at a time.",
        },
        "steps": [
            {
                "text": {
                    "ko": f"{n}번 수업의 {s}단계예요. 화면을 보고 천천히 따라 해요.",
                    "ja": f"第{n}課のステップ{s}です。画面を見て、ゆっくりやってみましょう。",
                    "en": f"Step {s} of lesson {n}. Look at the screen and follow along slowly.",
                },
                **({"picture": picture} if s == 1 else {}),
            }
            for s in range(1, steps + 1)
        ],
    }
    if lesson_topic is not None:
        data["topic"] = lesson_topic
    return data


def write_picture(path: Path, n: int, font) -> None:
    """A picture no other lesson has: its own colours and shapes, and its number on it."""
    from PIL import Image, ImageDraw

    width, height = PICTURE_SIZE
    image = Image.new("RGB", PICTURE_SIZE, ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256))
    draw = ImageDraw.Draw(image)
    for k in range(4):
        x, y = (n * 13 + k * 170) % (width - 160), (n * 29 + k * 110) % (height - 120)
        draw.ellipse((x, y, x + 160, y + 120), fill=((n + k * 60) % 256, (n * 7 + k * 30) % 256, (k * 80) % 256))
        draw.rectangle((y, x % (height - 80), y + 140, x % (height - 80) + 80),
                       fill=((k * 50) % 256, (n * 3) % 256, (n * 11 + k) % 256))
    draw.text((width // 2, height // 2), str(n), fill="white", font=font, anchor="mm", stroke_width=6, stroke_fill="black")
    image.save(path, "JPEG", quality=PICTURE_QUALITY)


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


# The driver: one pack's screens, tapped for real, in its own process ---------------------------
def drive(data_dir: Path, pause_ms: int = PAUSE_BETWEEN_TAPS_MS) -> dict:
    """Tap through every list of the kiosk over ``data_dir`` (a pack imported there before) and
    time each tap to the next screen painted; then the memory held. Returns the figures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import Launch, build_for
    from ui.main_thread_gc import MainThreadGarbageCollector

    app = QApplication([sys.argv[0]])
    collector = MainThreadGarbageCollector(app)  # noqa: F841 (as main.py runs the kiosk)
    window = build_for(app, Launch(data_dir=data_dir, kiosk_mode=False, voice=False, sync=False))
    window.resize(*WINDOW_SIZE)
    window.show()
    taps = TapTimer(app, window, pause_ms)
    if window.starting:
        taps.wait_until(lambda: not window.starting, "the services to load")
    taps.pause()
    figures = Walk(window, taps).every_screen()
    # Quit from the event loop, as the kiosk does: aboutToQuit stops the runner's workers (ui/app.py).
    QTimer.singleShot(0, app.quit)
    app.exec()
    return figures


class TapTimer:
    """Taps with real mouse events and times each to the end of the next screen's first paint:
    a card list's ``painted``, or for a screen without one (the player) the event-loop turn after
    its first paint event, by when all its children have painted too. For a card list it also
    times the tap to the first paint with every picture in view drawn (``pictures_ms``): they
    are decoded off the GUI thread and arrive after the list."""

    def __init__(self, app, window, pause_ms: int):
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.app, self.window, self.pause_ms = app, window, pause_ms
        self.started = 0.0
        self.finished: float | None = None
        self.pictures_shown: float | None = None
        self._armed = False  # a tap is being timed
        self._list = None  # the card list being timed, if the screen has one
        self._watched: list[Callable[[], None]] = []  # how to stop watching what was watched
        self._wake = QTimer()  # so a wait checks its deadline even when no event comes
        self._wake.setInterval(WAKE_MS)
        timer = self

        class FirstPaint(QObject):
            def eventFilter(self, watched, event):  # noqa: N802 (Qt naming)
                if event.type() == QEvent.Type.Paint and timer.finished is None:
                    QTimer.singleShot(0, timer._screen_painted)
                return False

        self._first_paint = FirstPaint()
        window.screen_changed.connect(self._screen_changed)

    @property
    def pictures_ms(self) -> float | None:
        return None if self.pictures_shown is None else (self.pictures_shown - self.started) * 1000

    def tap(self, widget, point=None) -> float:
        """Milliseconds from a tap on ``widget`` (at ``point``, its coordinates) to the next screen painted."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.pause()
        self.finished = self.pictures_shown = None
        self._list = None
        self._armed = True
        self.started = time.perf_counter()
        if point is None:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        self.wait_until(lambda: self.finished is not None, f"the screen after tapping {widget.objectName() or widget}")
        try:
            self.wait_until(lambda: self.pictures_shown is not None, "the pictures in view", WAIT_FOR_PICTURES_S)
        except TimeoutError:
            pass  # a picture that cannot be read never arrives: pictures_ms stays None
        self._armed = False
        self._stop_watching()
        return (self.finished - self.started) * 1000

    def tap_card(self, screen, key: str) -> float:
        from PySide6.QtWidgets import QScroller

        card_list = screen.list
        point = card_list.tap_point(key)  # scrolls the card into view: that paint is not the tap's
        self.settle()
        # QScroller holds a press back to tell a tap from a flick, and under the offscreen platform
        # the replayed press is lost (tests/plugins/touch.py): the flick steps aside for the tap.
        viewport = card_list.viewport()
        QScroller.ungrabGesture(viewport)
        try:
            return self.tap(viewport, point)
        finally:
            QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)

    def scroll_screenful(self, card_list) -> float | None:
        """Milliseconds from moving ``card_list`` on by a screenful to its rows painted (cards not
        drawn before, pictures not yet decoded: a flick's worst frame); None at the list's end."""
        bar = card_list.verticalScrollBar()
        if bar.value() >= bar.maximum():
            return None
        painted: list[float] = []

        def note() -> None:
            painted.append(time.perf_counter())

        card_list.painted.connect(note)
        try:
            started = time.perf_counter()
            bar.setValue(min(bar.maximum(), bar.value() + card_list.viewport().height()))
            self.wait_until(lambda: bool(painted), "the list to paint after scrolling")
        finally:
            card_list.painted.disconnect(note)
        return (painted[0] - started) * 1000

    def _screen_changed(self, _name: str) -> None:
        if not self._armed:
            return
        self._stop_watching()
        screen = self.window.current_screen()
        card_list = getattr(screen, "list", None)
        painted = getattr(card_list, "painted", None)
        if painted is not None and card_list.isVisibleTo(screen):
            self._list = card_list
            painted.connect(self._list_painted)
            self._watched.append(lambda: painted.disconnect(self._list_painted))
        else:
            screen.installEventFilter(self._first_paint)
            self._watched.append(lambda: screen.removeEventFilter(self._first_paint))

    def _list_painted(self) -> None:
        now = time.perf_counter()
        if self.finished is None:
            self.finished = now
        if self.pictures_shown is None and self._all_pictures_cached(self._list):
            self.pictures_shown = now

    def _screen_painted(self) -> None:
        if self.finished is None:
            self.finished = self.pictures_shown = time.perf_counter()

    @staticmethod
    def _all_pictures_cached(card_list) -> bool:
        # get() on a miss asks for the decode, as the paint just did: the same request, not a second.
        return all(card_list.thumbnails.get(card.picture) is not None
                   for card, _rect in card_list.visible_cards() if card.picture is not None)

    def _stop_watching(self) -> None:
        for stop in self._watched:
            stop()
        self._watched = []

    def wait_until(self, done: Callable[[], bool], what: str, timeout_s: float = WAIT_FOR_SCREEN_S) -> None:
        run_until(self.app, self._wake, done, what, timeout_s)

    def pause(self) -> None:
        """The visitor's moment between taps, with the event loop running."""
        from PySide6.QtCore import QTimer

        over = []
        QTimer.singleShot(self.pause_ms, lambda: over.append(True))
        self.wait_until(lambda: bool(over), "a pause")

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()


class Walk:
    """Every list of the kiosk, the way a visitor would go: Learn, each category (each of its
    topics), a lesson from each list, back; then programs (and one program's page) and notices."""

    def __init__(self, window, taps: TapTimer):
        self.window, self.taps = window, taps
        self.figures: dict[str, list[float]] = {
            "category": [], "topic": [], "lesson": [], "back": [], "other": [],
            "pictures": [],  # a category's or topic's tap to every picture in view drawn
            "scroll": [],  # a lesson list moved on by a screenful, to painted
        }
        self.lessons_shown = 0

    def every_screen(self) -> dict:
        window, home = self.window, self.window.screens["home"]
        self.figures["other"].append(self.taps.tap(home.learn))
        categories = window.screens["categories"]
        for key in list(categories.cards):
            self.tap_list("category", categories, key)
            self.browse_category(key)
            self.back_to("categories")
        self.figures["other"] += [self.taps.tap(window.bar.home), self.taps.tap(home.programs)]
        programs = window.screens["programs"]
        if programs.cards:  # a program's page, and back
            self.figures["other"].append(self.taps.tap_card(programs, next(iter(programs.cards))))
            self.back_to("programs")
        self.figures["other"] += [self.taps.tap(window.bar.home), self.taps.tap(home.notices)]
        self.taps.pause()
        return {
            "taps_ms": {kind: [round(ms, 2) for ms in values] for kind, values in self.figures.items()},
            "categories": len(categories.cards),
            "lessons_in_lists": self.lessons_shown,
            "memory_mb": resident_mb(),
            "peak_memory_mb": resident_mb("VmHWM"),
        }

    def browse_category(self, category_id: str) -> None:
        topic_ids = {topic.id for topic in self.window.services.content.topics(category_id)}
        screen = self.window.current_screen()
        shown = list(screen.cards)
        # A topic's card is keyed by its id, as ui/screens/lessons.py writes it ("topic:<id>").
        topic_keys = [key for key in shown if key.removeprefix(TOPIC_KEY_PREFIX) in topic_ids]
        lesson_keys = [key for key in shown if key not in topic_keys]
        for key in topic_keys:
            self.tap_list("topic", screen, key)
            topic_screen = self.window.current_screen()
            self.lessons_shown += len(topic_screen.cards)
            self.flick(topic_screen)
            self.open_lesson(topic_screen, next(iter(topic_screen.cards)))
            self.back_to(screen.name, topic_key_gone=True)
        if lesson_keys:
            self.lessons_shown += len(lesson_keys)
            if not topic_keys:
                self.flick(screen)
            self.open_lesson(screen, lesson_keys[0])

    def tap_list(self, kind: str, screen, key: str) -> None:
        self.figures[kind].append(self.taps.tap_card(screen, key))
        if self.taps.pictures_ms is not None:
            self.figures["pictures"].append(self.taps.pictures_ms)

    def flick(self, screen) -> None:
        """Down a lesson list a screenful at a time, as a flick passes over it."""
        for _ in range(FLICK_SCREENS):
            frame = self.taps.scroll_screenful(screen.list)
            if frame is None:
                break
            self.figures["scroll"].append(frame)

    def open_lesson(self, screen, key: str) -> None:
        name = self.window.current_name()
        self.figures["lesson"].append(self.taps.tap_card(screen, key))
        self.back_to(name)

    def back_to(self, name: str, topic_key_gone: bool = False) -> None:
        """Back (the bar's button) until ``name`` shows again; from a topic's lessons to the topics
        when both are the same screen (``topic_key_gone``: until it no longer has a topic in its params)."""
        for _ in range(len(self.window.history)):
            here = self.window.current_name()
            params = self.window.history[-1][1]
            if here == name and not (topic_key_gone and params.get("topic")):
                return
            self.figures["back"].append(self.taps.tap(self.window.bar.back))
        raise RuntimeError(f"Back never came to the {name} screen")


def run_until(app, wake, done: Callable[[], bool], what: str, timeout_s: float) -> None:
    """The event loop run until ``done()``; ``wake`` (a QTimer) makes it check the deadline even
    when no event comes. TimeoutError after ``timeout_s``: a bound, not an expectation."""
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + timeout_s
    wake.start()
    try:
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"waited {timeout_s} s for {what}")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents | QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        wake.stop()


def resident_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"/proc/self/status has no {field}")


# The parent: start-up times and one driver per pack ----------------------------------------------
def measure(packs: dict[str, Path], work: Path, runs: int, pause_ms: int, env: dict[str, str]) -> dict:
    kiosk = [sys.executable, "main.py", "--windowed", "--no-voice", "--exit-when-ready"]
    figures: dict = {name: {"first": [], "restart": [], "loaded": [], "stall": []} for name in packs}
    figures["bare"] = []
    data_dirs: dict[str, Path] = {}
    for run in range(runs):  # interleaved, so every figure sees the same machine load
        figures["bare"].append(one_start([sys.executable, "-c", BARE_WINDOW], env)[0])
        for name, pack in packs.items():
            data_dirs[name] = data_dir = work / f"data-{name}-{run + 1}"
            first, _, _ = one_start(kiosk + ["--data-dir", str(data_dir), "--content", str(pack)], env)
            restart, loaded, stall = one_start(kiosk + ["--data-dir", str(data_dir)], env)
            for key, value in (("first", first), ("restart", restart), ("loaded", loaded), ("stall", stall)):
                figures[name][key].append(value)
    for name, data_dir in data_dirs.items():  # the last run's data dirs, started from their snapshots
        figures[name]["drive"] = run_driver(data_dir, pause_ms, env)
    return figures


def one_start(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds to Home, seconds to fully loaded, longest stall in ms), from bench/startup.py's
    time_until_ready, which answers with a tuple or (since the stall traces) a Start."""
    start = time_until_ready(command, env)
    return start if isinstance(start, tuple) else (start.ready, start.loaded, start.stall_ms)


def run_driver(data_dir: Path, pause_ms: int, env: dict[str, str]) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--drive", str(data_dir), "--pause-ms", str(pause_ms)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=DRIVE_TIMEOUT_S)
    result = next((line for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
    if done.returncode != 0 or result is None:
        raise RuntimeError(f"the driver for {data_dir} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(result.removeprefix("RESULT "))


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: a value that was measured, never one between two."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


def summary(figures: dict, catalog_info: dict) -> dict:
    out: dict = {"pack": catalog_info, "runs": len(figures["bare"]), "bare_ms": ms(statistics.median(figures["bare"]))}
    for name in ("demo", "catalog"):
        f = figures[name]
        taps = f["drive"]["taps_ms"]
        lists = taps["category"] + taps["topic"]
        out[name] = {
            "list_taps": len(lists),
            "list_p50_ms": percentile(lists, 0.5), "list_p95_ms": percentile(lists, 0.95), "list_max_ms": max(lists),
            "category_p95_ms": percentile(taps["category"], 0.95),
            "topic_taps": len(taps["topic"]),
            "topic_p95_ms": percentile(taps["topic"], 0.95) if taps["topic"] else None,
            "lesson_opens": len(taps["lesson"]),
            "lesson_p50_ms": percentile(taps["lesson"], 0.5), "lesson_p95_ms": percentile(taps["lesson"], 0.95),
            "lesson_max_ms": max(taps["lesson"]),
            "back_p95_ms": percentile(taps["back"], 0.95),
            "scrolls": len(taps["scroll"]),
            "scroll_p95_ms": percentile(taps["scroll"], 0.95) if taps["scroll"] else None,
            "scroll_max_ms": max(taps["scroll"]) if taps["scroll"] else None,
            "pictures_p50_ms": percentile(taps["pictures"], 0.5) if taps["pictures"] else None,
            "pictures_p95_ms": percentile(taps["pictures"], 0.95) if taps["pictures"] else None,
            "other_screens_max_ms": max(taps["other"]),
            "lessons_listed": f["drive"]["lessons_in_lists"],
            "memory_mb": f["drive"]["memory_mb"], "peak_memory_mb": f["drive"]["peak_memory_mb"],
            "first_ms": ms(statistics.median(f["first"])),
            "restart_ms": ms(statistics.median(f["restart"])),
            "loaded_ms": ms(statistics.median(f["loaded"])),
            "stall_ms": max(f["stall"]),
        }
        out[name]["restart_vs_bare"] = round(statistics.median(f["restart"]) / statistics.median(figures["bare"]), 2)
    return out


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def report(s: dict) -> None:
    c, d, info = s["catalog"], s["demo"], s["pack"]
    print(f"catalog: {info['lessons']} lessons ({info['generated']} generated) in {info['categories']} categories, "
          f"{info['topics']} topics, {info['pictures']} pictures ({info['picture_mb']} MB)"
          + (f", generated in {info['generate_s']} s" if info.get("generate_s") is not None else ""))
    print(f"taps per pack: catalog {c['list_taps']} lists ({c['topic_taps']} by topic), {c['lesson_opens']} lessons "
          f"opened; demo pack {d['list_taps']} lists, {d['lesson_opens']} lessons opened")

    def line(label: str, catalog: float | None, demo: float | None, unit: str, target: str = "", met: bool | None = None) -> None:
        shown = "-" if catalog is None else f"{catalog:8.1f} {unit}"
        beside = "-" if demo is None else f"{demo:.1f} {unit}"
        ratio = f"{catalog / demo:.2f}" if catalog is not None and demo else "-"
        verdict = "" if met is None else ("met" if met else "NOT MET")
        aim = f"; target {target}: {verdict}" if target else ""
        print(f"{label:<28}: {shown:>11} (demo pack {beside}, ratio {ratio}){aim}")

    p95_met = c["list_p95_ms"] < TARGET_TAP_P95_MS and c["list_p95_ms"] < TARGET_TAP_VS_DEMO * d["list_p95_ms"]
    line("tap to painted list p50", c["list_p50_ms"], d["list_p50_ms"], "ms")
    line("tap to painted list p95", c["list_p95_ms"], d["list_p95_ms"], "ms",
         f"< {TARGET_TAP_P95_MS} ms and < {TARGET_TAP_VS_DEMO:g}x the demo pack's", p95_met)
    line("tap to painted list max", c["list_max_ms"], d["list_max_ms"], "ms")
    line("  categories p95", c["category_p95_ms"], d["category_p95_ms"], "ms")
    line("  topics p95", c["topic_p95_ms"], d["topic_p95_ms"], "ms")
    line("tap to pictures in view p50", c["pictures_p50_ms"], d["pictures_p50_ms"], "ms")
    line("tap to pictures in view p95", c["pictures_p95_ms"], d["pictures_p95_ms"], "ms")
    line("open a lesson p50", c["lesson_p50_ms"], d["lesson_p50_ms"], "ms")
    line("open a lesson p95", c["lesson_p95_ms"], d["lesson_p95_ms"], "ms")
    line("open a lesson max", c["lesson_max_ms"], d["lesson_max_ms"], "ms")
    line("back p95", c["back_p95_ms"], d["back_p95_ms"], "ms")
    line("scroll a screenful p95", c["scroll_p95_ms"], d["scroll_p95_ms"], "ms")
    line("scroll a screenful max", c["scroll_max_ms"], d["scroll_max_ms"], "ms")
    line("home, programs, notices max", c["other_screens_max_ms"], d["other_screens_max_ms"], "ms")
    line("memory after every screen", c["memory_mb"], d["memory_mb"], "MB", f"< {TARGET_MEMORY_MB} MB",
         c["memory_mb"] < TARGET_MEMORY_MB)
    line("first start", c["first_ms"], d["first_ms"], "ms")
    line("restart (Home, snapshot)", c["restart_ms"], d["restart_ms"], "ms")
    line("restart fully loaded", c["loaded_ms"], d["loaded_ms"], "ms")
    print(f"{'bare PySide6 window':<28}: {s['bare_ms']:8.1f} ms (median of {s['runs']})")
    line("restart / bare window", c["restart_vs_bare"], d["restart_vs_bare"], "x", f"<= {TARGET_RESTART_VS_BARE:g}",
         c["restart_vs_bare"] <= TARGET_RESTART_VS_BARE)
    stall_met = max(c["stall_ms"], d["stall_ms"]) < TARGET_STALL_MS
    line("event-loop stall (worst)", c["stall_ms"], d["stall_ms"], "ms", f"< {TARGET_STALL_MS} ms, both packs", stall_met)
    print(json.dumps(s, ensure_ascii=False))


def describe(pack_dir: Path, generated: int, generate_s: float | None) -> dict:
    from kiosk.content.loader import load_pack

    pack = load_pack(pack_dir)
    pictures = list((pack_dir / "media" / "catalog").glob("*.jpg"))
    return {
        "lessons": len(pack.lessons), "generated": generated, "categories": len(pack.categories),
        "topics": sum(len(category.topics) for category in pack.categories), "pictures": len(pictures),
        "picture_mb": round(sum(p.stat().st_size for p in pictures) / 1e6, 1), "generate_s": generate_s,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", type=int, default=5000, help="lessons generated on top of the demo pack's")
    parser.add_argument("--runs", type=int, default=3, help="start-ups of each kind; the median is reported")
    parser.add_argument("--no-topics", action="store_true", help="generate the catalog without topics")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--keep", type=Path, metavar="DIR", help="generate the catalog into DIR (empty or new) and keep it")
    where.add_argument("--catalog", type=Path, metavar="DIR", help="measure this catalog instead of generating one")
    parser.add_argument("--pause-ms", type=int, default=PAUSE_BETWEEN_TAPS_MS,
                        help="the visitor's pause between taps, after the pictures in view have arrived")
    parser.add_argument("--drive", type=Path, metavar="DATA_DIR", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.drive is not None:
        print("RESULT " + json.dumps(drive(args.drive, args.pause_ms)), flush=True)
        return 0
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        print(f"--keep {args.keep}: that folder is not empty; name a new or empty one", file=sys.stderr)
        return 2
    if args.catalog is not None and not (args.catalog / "pack.json").is_file():
        print(f"--catalog {args.catalog}: no pack.json there; name a folder a --keep run made", file=sys.stderr)
        return 2

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as bench/startup.py: a deployed kiosk keeps its bytecode cache
    work = Path(tempfile.mkdtemp(prefix="kiosk-catalog-"))
    try:
        generate_s = None
        if args.catalog is not None:
            catalog = args.catalog
        else:
            catalog = args.keep if args.keep is not None else work / "catalog"
            started = time.perf_counter()
            generate_catalog(catalog, args.lessons, topics=not args.no_topics)
            generate_s = round(time.perf_counter() - started, 1)
        info = describe(catalog, len(list(catalog.glob("lessons/catalog-*.json"))), generate_s)
        figures = measure({"demo": BUNDLED_CONTENT, "catalog": catalog}, work, args.runs, args.pause_ms, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(summary(figures, info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
