"""`--tour OUTDIR`: visit every screen with the current content and save one PNG each.

Admins use it to preview a content pack before publishing it; `--matrix` does it at every
panel size, text size and language and lists what does not fit (ui/layout_check.py). A tour
is a preview: the window's services record nothing of it (KioskServices.open(preview=True)).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QApplication

from kiosk.choices import LOCALES, TEXT_SIZES
from kiosk.content.kinds import screen_for, step_count
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
        screen = screen_for(lesson)
        if screen not in window.screens:
            continue
        count = step_count(lesson)
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


def _open_guide_section(window: MainWindow, section: str) -> None:
    if not window.guide_mode:
        window.enter_guide_mode()
    window.screens["guide_panel"].show_section(section)


def walk(window: MainWindow) -> Iterator[str]:
    """Show each screen of the tour in turn, yielding its name while it is on screen."""
    for name, action in tour_steps(window):
        for overlay in (window.notice, window.idle_prompt, window.text_size_chooser):
            overlay.hide()
        action()
        settle()
        yield name


def run_tour(window: MainWindow, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for name in walk(window):
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
