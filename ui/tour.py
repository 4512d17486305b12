"""`--tour OUTDIR`: visit every screen with the current content and save one PNG each.

Admins use it to preview a content pack before publishing it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.content.kinds import screen_for, step_count
from ui.main_window import MainWindow


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


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
    for program in content.programs():
        steps.append((f"program-{program.id}", lambda p=program.id: window.go("program", program=p)))
    steps.append(("notices", lambda: window.go("notices")))
    steps.append(("help-called", window.call_guide))
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


def run_tour(window: MainWindow, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for name, action in tour_steps(window):
        window.notice.hide()
        window.idle_prompt.hide()
        action()
        _settle()
        path = out_dir / f"{len(saved) + 1:03d}-{name}.png"
        window.grab().save(str(path))
        saved.append(path)
    return saved
