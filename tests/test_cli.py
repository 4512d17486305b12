"""The command line: --tour previews every screen; a bad --content keeps the old content."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent


def run_kiosk(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT
    )


def test_tour_saves_every_screen(tmp_path, pack_dir):
    out = tmp_path / "tour"
    result = run_kiosk("--tour", str(out), "--data-dir", str(tmp_path / "data"), "--content", str(pack_dir), "--size", "1280x800")
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in out.glob("*.png"))
    kinds = {name.split("-", 1)[1].rsplit(".", 1)[0] for name in names}
    for expected in ("home", "categories", "lessons", "player-lesson-1-01", "player-lesson-1-04", "finish-lesson-1",
                     "programs", "programs-filtered", "program-program-3", "notices", "help-called", "help-called-strip", "text-size-chooser", "idle-prompt",
                     "guide-pin", "guide-help", "guide-messages", "guide-usage", "guide-sync", "guide-settings", "guide-assist"):
        assert expected in kinds
    # Home, topics, lessons; 3 lessons x (4 steps + finish); programs, filtered, choosing; 4 programs;
    # notices, text size, help called (dialog, strip); PIN, 6 guide panel pages, idle prompt.
    assert len(names) == 3 + 3 * 5 + 3 + 4 + 1 + 1 + 2 + 1 + 6 + 1
    image = QImage(str(out / names[0]))
    assert (image.width(), image.height()) == (1280, 800)
    colors = {image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colors) > 3, "the screenshot is not blank"
    assert f"saved {len(names)} screens" in result.stdout


def test_bad_content_is_refused_and_the_old_content_kept(tmp_path, pack_dir):
    data = tmp_path / "data"
    assert run_kiosk("--tour", str(tmp_path / "t1"), "--data-dir", str(data), "--content", str(pack_dir)).returncode == 0
    (pack_dir / "lessons" / "lesson-1.json").write_text("{ not json", encoding="utf-8")
    result = run_kiosk("--tour", str(tmp_path / "t2"), "--data-dir", str(data), "--content", str(pack_dir))
    assert result.returncode == 0
    assert "lessons/lesson-1.json: not valid JSON at line 1, column 3" in result.stderr
    assert "The kiosk keeps its current content." in result.stderr
    assert any("player-lesson-1" in p.name for p in (tmp_path / "t2").glob("*.png"))
