"""`--tour OUTDIR`: visit every screen with the current content and save one PNG each.

Admins use it to preview a content pack before publishing it; `--matrix` does it at every
panel size, text size and language and lists what does not fit (ui/layout_check.py). A tour
is a preview: the window's services record nothing of it (KioskServices.open(preview=True)).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QApplication

from kiosk.choices import LOCALES, TEXT_SIZES
from kiosk.content.kinds import screen_for
from kiosk.content.cards import LessonCard
from kiosk.content.schema import Targeted
from ui.layout_check import Fault, check_window
from ui.main_window import MainWindow

# The panels centers buy: full HD, the commonest cheap touch monitor, a 16:10 tablet-style
# panel, and portrait full HD (ordering-style kiosks).
PANELS: tuple[QSize, ...] = (QSize(1920, 1080), QSize(1366, 768), QSize(1280, 800), QSize(1080, 1920))


def settle() -> None:
    """Let the layouts asked for by the last change run, as the event loop would."""
    for _ in range(3):
        QApplication.processEvents()
    # Outside a running event loop Qt keeps deleteLater()'d widgets (a list's old cards) alive;
    # a long walk would pile them up, so delete them as the event loop would.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def tour_steps(window: MainWindow) -> list[tuple[str, Callable[[], None]]]:
    content = window.services.content
    steps: list[tuple[str, Callable[[], None]]] = [("home", window.home), ("categories", lambda: window.go("categories"))]
    categories = content.categories()
    if categories:
        steps.append(("lessons", lambda: window.go("lessons", category=categories[0].id)))
    for lesson in content.lessons():
        steps += lesson_steps(window, lesson)
    steps.append(("programs", lambda: window.go("programs")))
    themes = content.themes()
    if themes:
        steps.append(("programs-filtered", lambda: window.go("programs", theme=themes[0].id)))
        # Where the theme chips fold into one button, the chips it opens in the list's place.
        steps.append(("programs-choosing-theme", lambda: (window.go("programs"), window.screens["programs"].show_chips())))
    for program in content.programs():
        steps.append((f"program-{program.id}", lambda p=program.id: window.go("program", program=p)))
    steps.append(("notices", lambda: window.go("notices")))
    steps.append(("text-size-chooser", window.bar.text_size.click))
    steps.append(("help-called", window.call_guide))
    steps.append(("help-called-strip", lambda: window.go("categories")))
    steps.append(("guide-pin", window.open_guide_pin))
    from ui.screens.guide_panel import SECTIONS

    for section in SECTIONS:
        steps.append((f"guide-{section}", lambda section=section: _open_guide_section(window, section)))
    steps.append(("idle-prompt", lambda: (window.leave_guide_mode(), window.go("categories"), window.idle_prompt.ask(20))))
    return steps


def lesson_steps(window: MainWindow, lesson: LessonCard) -> list[tuple[str, Callable[[], None]]]:
    """Every screen a visitor sees inside one lesson: each step (a practice's with its hint
    too) and the screen that ends it. None when its kind has no screen in this kiosk."""
    screen = screen_for(lesson)
    if screen not in window.screens:
        return []
    steps: list[tuple[str, Callable[[], None]]] = []
    count = lesson.step_count
    for index in range(count):
        steps.append(
            (f"{screen}-{lesson.id}-{index + 1:02d}", lambda l=lesson.id, i=index, s=screen: window.go(s, lesson=l, step=i))
        )
        if screen == "practice":
            # The same mock screen with its hint written out and the right place glowing.
            steps.append((f"practice-{lesson.id}-{index + 1:02d}-hint", lambda: window.screens["practice"].give_hint()))
    if screen == "player":
        steps.append((f"finish-{lesson.id}", lambda l=lesson.id: window.go("finish", lesson=l)))
    elif screen == "practice":
        steps.append(
            (f"practice-{lesson.id}-finish", lambda l=lesson.id, n=count: window.go("practice", lesson=l, step=n, hints=1, seconds=95))
        )
    return steps


def _open_guide_section(window: MainWindow, section: str) -> None:
    if not window.guide_mode:
        window.enter_guide_mode()
    window.screens["guide_panel"].show_section(section)


def walk(window: MainWindow, steps: list[tuple[str, Callable[[], None]]] | None = None) -> Iterator[str]:
    """Show each screen of the tour (or of ``steps``) in turn, yielding its name while it is on screen."""
    for name, action in tour_steps(window) if steps is None else steps:
        for overlay in (window.notice, window.idle_prompt, window.text_size_chooser):
            overlay.hide()
        action()
        settle()
        yield name


def run_tour(window: MainWindow, out_dir: Path, steps: list[tuple[str, Callable[[], None]]] | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for name in walk(window, steps):
        path = out_dir / f"{len(saved) + 1:03d}-{name}.png"
        window.grab().save(str(path))
        saved.append(path)
    return saved


def visit_as(window: MainWindow, panel: QSize, locale: str, text_size: str) -> None:
    """Start a fresh visit in this language and text size on a panel this big; the tour's own
    resets (leaving guide mode) come back to the same choices."""
    services = window.services
    services.use_settings(services.settings.model_copy(update={"default_locale": locale, "default_text_size": text_size}))
    if services.preview:  # the last pretend visit's call is answered, so each starts as a room would
        for key in services.helpdesk.open_keys():
            services.helpdesk.mark_done(key)
        window.guide_alert.update()
    window.resize(panel)
    window.reset_visitor()
    settle()


def combinations() -> Iterator[tuple[QSize, str, str]]:
    for panel in PANELS:
        for text_size in TEXT_SIZES:
            for locale in LOCALES:
                yield panel, text_size, locale


def label(panel: QSize, text_size: str, locale: str) -> str:
    return f"{panel.width()}x{panel.height()}-{text_size}-{locale}"


def check_walk(window: MainWindow, panel: QSize, shots: Path | None = None) -> list[tuple[str, Fault]]:
    """Every fault of every tour screen as the window is now set up; with ``shots``, a PNG each."""
    found: list[tuple[str, Fault]] = []
    for index, name in enumerate(walk(window), start=1):
        if shots is not None:
            window.grab().save(str(shots / f"{index:03d}-{name}.png"))
        found += [(name, fault) for fault in check_window(window, panel)]
    return found


def run_matrix(window: MainWindow, out_dir: Path) -> tuple[int, list[str]]:
    """`--tour OUT --matrix`: a folder of screenshots per combination, and OUT/faults.txt."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots, lines = 0, []
    for panel, text_size, locale in combinations():
        folder = out_dir / label(panel, text_size, locale)
        folder.mkdir(exist_ok=True)
        visit_as(window, panel, locale, text_size)
        lines += [f"{label(panel, text_size, locale)} {screen}: {fault}" for screen, fault in check_walk(window, panel, folder)]
        shots += len(list(folder.glob("*.png")))
    (out_dir / "faults.txt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return shots, lines


# `--tour OUT --only KIND:ID --sizes ... --text-sizes ...`: the admin page's preview of one draft item
# (server/preview.py runs it). Qt's start-up is most of the time, so one run does every panel and
# text size asked for, each into OUT/<W>x<H>-<text size>/.

ONLY_KINDS = ("lesson", "program", "notice", "category", "theme")


class UnknownTarget(ValueError):
    """What ``--only`` names is not in the content (the message says so in plain words)."""


def parse_sizes(text: str) -> list[QSize]:
    """``1920x1080,1280x800`` as panel sizes; ValueError in plain words otherwise."""
    panels = []
    for part in text.split(","):
        width, sep, height = part.strip().lower().partition("x")
        if not sep or not width.isdigit() or not height.isdigit() or not (200 <= int(width) <= 8000 and 200 <= int(height) <= 8000):
            raise ValueError(f"a panel size is written like 1920x1080, not {part.strip()!r}")
        panels.append(QSize(int(width), int(height)))
    return panels


def parse_text_sizes(text: str) -> list[str]:
    sizes = [part.strip() for part in text.split(",")]
    for size in sizes:
        if size not in TEXT_SIZES:
            raise ValueError(f"a text size is one of {', '.join(TEXT_SIZES)}, not {size!r}")
    return sizes


def only_steps(window: MainWindow, target: str) -> list[tuple[str, Callable[[], None]]]:
    """The screens that show one item of the content, named as the whole tour names them."""
    kind, _, item_id = target.partition(":")
    if kind not in ONLY_KINDS or not item_id:
        raise UnknownTarget(f"--only takes KIND:ID, where KIND is one of {', '.join(ONLY_KINDS)}; got {target!r}")
    snapshot = window.services.content.snapshot
    items = {"lesson": snapshot.lessons, "program": snapshot.programs, "notice": snapshot.notices,
             "category": snapshot.categories, "theme": snapshot.themes}[kind]
    item = next((i for i in items if i.id == item_id), None)
    if item is None:
        problems = "".join(f"\n{line}" for line in window.services.problems)
        raise UnknownTarget(f"there is no {kind} {item_id!r} in this content{problems}")
    if isinstance(item, Targeted):
        _stand_where_meant(window, item)
        _pin_clock_when_shown(window, item)
    if kind == "lesson":
        where = {"category": item.category, **({"topic": item.topic} if item.topic else {})}
        steps = [("lessons", lambda: _go_showing(window, "lessons", item.id, **where))]
        steps += lesson_steps(window, item)
        if len(steps) == 1:
            raise UnknownTarget(f"lesson {item_id!r} is of a kind this kiosk has no screen for")
        return steps
    if kind == "program":
        return [("programs-filtered", lambda: _go_showing(window, "programs", item.id, theme=item.theme)),
                (f"program-{item.id}", lambda: window.go("program", program=item.id))]
    if kind == "notice":
        return [("home", window.home), ("notices", lambda: window.go("notices"))]
    if kind == "category":
        return [("categories", lambda: window.go("categories")),
                ("lessons", lambda: window.go("lessons", category=item.id))]
    return [("programs", lambda: window.go("programs")),
            ("programs-filtered", lambda: window.go("programs", theme=item.id))]


def _go_showing(window: MainWindow, screen: str, card: str, **params) -> None:
    """A list screen scrolled so the item's card is in view, however far down the list it is."""
    window.go(screen, **params)
    settle()
    window.screens[screen].list.scroll_to_key(card)


def _stand_where_meant(window: MainWindow, item: Targeted) -> None:
    """An item meant only for some centers or districts: the preview stands the kiosk in one of
    them, so the admin sees it as a senior there will (a kiosk with no center id sees only what is
    for the whole city)."""
    content = window.services.content
    center = content.center()
    if center is None or item.aimed_at.everywhere or (center.id and item.meant_for(center.id, center.district)):
        return
    audience = item.aimed_at
    there = center.model_copy(update={
        "id": audience.centers[0] if audience.centers else "preview",
        "district": None if audience.centers else audience.districts[0],
    })
    snapshot = content.snapshot
    # The repository reads its center from the snapshot; a preview has no other center to keep.
    content._snapshot = dataclasses.replace(snapshot, manifest=snapshot.manifest.model_copy(update={"center": there}))


def _pin_clock_when_shown(window: MainWindow, item: Targeted) -> None:
    """An item not shown now (a notice from next month, a program in its evening hours) is shown
    at the first moment within the next year that it would be: the kiosk's clock stops there."""
    content = window.services.content
    now = content.moment()
    if item.shown_at(now):
        return
    start = max(now.date(), item.valid_from or now.date())
    starts = sorted({w.start for w in item.times}) or [now.time()]
    for offset in range(366):
        day = start + dt.timedelta(days=offset)
        for time in starts:
            moment = dt.datetime.combine(day, time, tzinfo=now.tzinfo)
            if item.shown_at(moment):
                content.now = lambda moment=moment: moment
                content.today = None
                return
    if item.valid_until and item.valid_until < now.date():
        # Past its last day: show it on that day rather than not at all.
        last = dt.datetime.combine(item.valid_until, starts[0], tzinfo=now.tzinfo)
        content.now = lambda: last


def run_preview(window: MainWindow, out_dir: Path, only: str | None, sizes: str | None, text_sizes: str | None,
                locale: str | None) -> int:
    """Screens of the whole tour, or of ``only`` one item, at each panel size and text size asked
    for: OUT/<W>x<H>-<text size>/NNN-<screen>.png. The exit code: 2 for what cannot be done."""
    try:
        panels = parse_sizes(sizes) if sizes else [window.size()]
        texts = parse_text_sizes(text_sizes) if text_sizes else [window.services.settings.default_text_size]
        steps = only_steps(window, only) if only else None
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    locale = locale or window.services.settings.default_locale
    saved = 0
    for panel in panels:
        for text_size in texts:
            visit_as(window, panel, locale, text_size)
            saved += len(run_tour(window, out_dir / f"{panel.width()}x{panel.height()}-{text_size}", steps))
    print(f"saved {saved} screens to {out_dir}")
    return 0
