"""A draft as the kiosk will show it: its own Qt screens, drawn offscreen, for the admin pages.

The server never imports Qt or the kiosk's ui: it runs the kiosk (`main.py --tour OUT --only
KIND:ID --sizes ... --text-sizes ...`, ui/tour.py run_preview) in a subprocess over a throwaway
data folder, with voice off, and reads the PNGs it saved. One run draws every panel size and
text size asked for, since starting Qt is most of its time.

``PreviewCache`` keeps the last few previews on disk, keyed by what was drawn (every file of the
pack folder, the item, the language and the sizes), so the same draft is drawn once however
often its page is opened; ``PreviewCache.file`` hands out only files a preview it made lists.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from server.i18n import N_, PlainError

# The panels the issue asks the admin to see: full HD, and the commonest small 16:10 panel.
SIZES: tuple[tuple[int, int], ...] = ((1920, 1080), (1280, 800))
TEXT_SIZES: tuple[str, ...] = ("normal", "large", "largest")
LOCALES: tuple[str, ...] = ("ko", "ja", "en")
TARGET_KINDS: tuple[str, ...] = ("lesson", "program", "notice", "category", "theme")
_TARGET = re.compile(r"^(%s):[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$" % "|".join(TARGET_KINDS))
_KEY = re.compile(r"^[0-9a-f]{64}$")
MANIFEST = "shots.json"
# Lines of the kiosk's stderr that say nothing about a failure (its log of the database set-up, Qt's
# offscreen platform) or say again what it prints last (a rejected pack): the rest is shown.
_NOISE = re.compile(r"^(INFO |WARNING |This plugin does not support)")
PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Shot:
    """One screen as the kiosk drew it: ``size`` like "1920x1080", ``name`` as the tour names it
    ("player-video-call-02", "lessons")."""

    size: str
    text_size: str
    name: str
    path: Path

    @property
    def label(self) -> tuple[str, dict[str, object]]:
        """What the screen is, for a person: an English msgid and its fields (the template's caption)."""
        return screen_label(self.name)


# The tour's screen names (ui/tour.py) as the admin reads them.
SCREEN_LABELS = {
    "home": N_("Home"), "categories": N_("The list of categories"), "lessons": N_("A category's list of lessons (or its topics)"),
    "programs": N_("The list of programs"), "programs-filtered": N_("The programs of this theme"),
    "notices": N_("Notices"),
}
_STEP = re.compile(r"^(player|practice)-.+-(\d{2})(-hint)?$")


def screen_label(name: str) -> tuple[str, dict[str, object]]:
    if name in SCREEN_LABELS:
        return SCREEN_LABELS[name], {}
    step = _STEP.match(name)
    if step:
        message = N_("Step %(n)d with its hint") if step.group(3) else N_("Step %(n)d")
        return message, {"n": int(step.group(2))}
    if name.startswith("finish-") or name.endswith("-finish"):
        return N_("The end of the lesson"), {}
    if name.startswith("program-"):
        return N_("The program's page"), {}
    return N_("Screen %(name)s"), {"name": name}


class PreviewError(PlainError, RuntimeError):
    """Why no preview could be drawn, in plain English with %-style fields; ``say`` gives it in a
    page's language (the kiosk's own words, ``detail``, stay as it wrote them)."""


def kiosk_command() -> list[str]:
    """The kiosk's launcher beside this package (a checkout, or site-packages where main.py is
    installed as a module), else the installed module by name."""
    main_py = PROJECT_DIR / "main.py"
    return [sys.executable, str(main_py)] if main_py.is_file() else [sys.executable, "-m", "main"]


def size_label(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def check_request(target: str, locale: str, sizes: Sequence[tuple[int, int]], text_sizes: Sequence[str]) -> None:
    if not _TARGET.match(target):
        raise PreviewError(N_("'%(target)s' is not something a preview can show; it is written KIND:ID, "
                              "where KIND is lesson, program, notice, category or theme."), target=target)
    if locale not in LOCALES:
        raise PreviewError(N_("The kiosk has no language '%(locale)s'; use ko, ja or en."), locale=locale)
    if not sizes or not text_sizes or any(t not in TEXT_SIZES for t in text_sizes) or any(
            not (200 <= w <= 8000 and 200 <= h <= 8000) for w, h in sizes):
        raise PreviewError(N_("A preview needs panel sizes between 200 and 8000 pixels and text sizes "
                              "among normal, large and largest."))


def render_preview(
    pack_dir: Path,
    target: str,
    out_dir: Path,
    locale: str = "ko",
    sizes: Sequence[tuple[int, int]] = SIZES,
    text_sizes: Sequence[str] = TEXT_SIZES,
    timeout: float = 120,
) -> list[Shot]:
    """The kiosk's screens for ``target`` ("lesson:video-call") in ``pack_dir`` at every size and
    text size, saved under ``out_dir``/<W>x<H>-<text size>/; PreviewError when it cannot."""
    check_request(target, locale, sizes, text_sizes)
    out_dir.mkdir(parents=True, exist_ok=True)
    for size in sizes:  # what an earlier run left there must not pass for this one's
        for text_size in text_sizes:
            shutil.rmtree(out_dir / f"{size_label(size)}-{text_size}", ignore_errors=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    with tempfile.TemporaryDirectory(prefix="kiosk-preview-data-") as data_dir:
        command = [
            *kiosk_command(), "--tour", str(out_dir), "--only", target, "--locale", locale,
            "--sizes", ",".join(size_label(size) for size in sizes), "--text-sizes", ",".join(text_sizes),
            "--data-dir", data_dir, "--content", str(pack_dir), "--no-voice",
        ]
        try:
            result = subprocess.run(command, env=env, cwd=data_dir, capture_output=True, text=True,
                                    encoding="utf-8", errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PreviewError(N_("The kiosk took longer than %(seconds)d seconds to draw the preview. "
                                  "Try again; if it happens again, the server may be too busy."),
                               seconds=round(timeout)) from None
    detail = last_lines(result.stderr)
    if result.returncode == 2:
        raise PreviewError(N_("The kiosk found nothing to show for %(target)s in this content: %(detail)s"),
                           target=target, detail=detail)
    if result.returncode != 0:
        raise PreviewError(N_("The kiosk could not draw the preview (it stopped with code %(code)d): %(detail)s"),
                           code=result.returncode, detail=detail)
    shots = collect_shots(out_dir, sizes, text_sizes)
    drawn = {(shot.size, shot.text_size) for shot in shots}
    if len(drawn) != len(sizes) * len(text_sizes):
        raise PreviewError(N_("The kiosk finished but saved no screens for some sizes: %(detail)s"),
                           detail=detail or result.stdout.strip())
    return shots


def last_lines(stderr: str, count: int = 8) -> str:
    lines = [line for line in stderr.splitlines() if line.strip() and not _NOISE.match(line)]
    return "\n".join(lines[-count:]) or "(it wrote no reason)"


def collect_shots(out_dir: Path, sizes: Iterable[tuple[int, int]], text_sizes: Iterable[str]) -> list[Shot]:
    """The PNGs of each size and text size, in the order the kiosk showed them."""
    text_sizes = list(text_sizes)
    shots = []
    for size in sizes:
        for text_size in text_sizes:
            folder = out_dir / f"{size_label(size)}-{text_size}"
            for path in sorted(folder.glob("*.png")):
                name = path.stem.split("-", 1)[1] if "-" in path.stem else path.stem  # "002-lessons" -> "lessons"
                shots.append(Shot(size_label(size), text_size, name, path))
    return shots


def group_shots(shots: Iterable[Shot]) -> list[tuple[str, list[tuple[str, list[Shot]]]]]:
    """Shots by panel size, then text size, in their order: what the template's headings follow."""
    grouped: dict[str, dict[str, list[Shot]]] = {}
    for shot in shots:
        grouped.setdefault(shot.size, {}).setdefault(shot.text_size, []).append(shot)
    return [(size, list(by_text.items())) for size, by_text in grouped.items()]


def pack_digest(pack_dir: Path) -> str:
    """Every file of the pack folder, by relative path and content: a change anywhere is a new draft."""
    digest = hashlib.sha256()
    for path in sorted(p for p in pack_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(pack_dir).as_posix().encode("utf-8")
        digest.update(len(relative).to_bytes(4, "big") + relative)
        digest.update(path.stat().st_size.to_bytes(8, "big"))
        with path.open("rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


Renderer = Callable[..., list[Shot]]


class PreviewCache:
    """Previews on disk under ``root``/<key>/, at most ``keep`` of them (the least recently used
    go first). One preview is drawn at a time: the server's cores are few, and a second request
    for the same draft while it is drawn then finds it done."""

    def __init__(
        self,
        root: Path,
        keep: int = 20,
        sizes: Sequence[tuple[int, int]] = SIZES,
        text_sizes: Sequence[str] = TEXT_SIZES,
        timeout: float = 120,
        render: Renderer = render_preview,
    ):
        self.root = root
        self.keep = keep
        self.sizes = tuple(tuple(size) for size in sizes)
        self.text_sizes = tuple(text_sizes)
        self.timeout = timeout
        self.render = render
        self._lock = threading.Lock()

    def key(self, pack_dir: Path, target: str, locale: str) -> str:
        what = json.dumps([pack_digest(pack_dir), target, locale, self.sizes, self.text_sizes])
        return hashlib.sha256(what.encode("utf-8")).hexdigest()

    def get_or_render(self, pack_dir: Path, target: str, locale: str = "ko") -> list[Shot]:
        check_request(target, locale, self.sizes, self.text_sizes)
        key = self.key(pack_dir, target, locale)
        shots = self.cached(key)
        if shots is not None:
            return shots
        with self._lock:
            shots = self.cached(key)  # drawn while this request waited
            if shots is not None:
                return shots
            self.root.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=".drawing-", dir=self.root))
            try:
                drawn = self.render(pack_dir, target, work, locale=locale, sizes=self.sizes,
                                    text_sizes=self.text_sizes, timeout=self.timeout)
                listing = [{"size": s.size, "text_size": s.text_size, "name": s.name,
                            "file": s.path.relative_to(work).as_posix()} for s in drawn]
                (work / MANIFEST).write_text(json.dumps(listing), encoding="utf-8")
                entry = self.root / key
                shutil.rmtree(entry, ignore_errors=True)  # a half-written entry from a crash
                work.rename(entry)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            self._prune()
        shots = self.cached(key)
        assert shots is not None
        return shots

    def cached(self, key: str) -> list[Shot] | None:
        entry = self.root / key
        try:
            listing = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
            os.utime(entry / MANIFEST)  # used now: the last to be pruned
        except (OSError, ValueError):
            return None
        return [Shot(item["size"], item["text_size"], item["name"], entry / item["file"]) for item in listing]

    def file(self, key: str, name: str) -> Path | None:
        """The PNG ``name`` ("1920x1080-large/002-lessons.png") of preview ``key``, only if that
        preview lists it: nothing else under the cache, or outside it, can be asked for."""
        if not _KEY.match(key):
            return None
        try:
            listing = json.loads((self.root / key / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if name not in {item["file"] for item in listing}:
            return None
        path = self.root / key / name
        return path if path.is_file() else None

    @staticmethod
    def address(shot: Shot) -> tuple[str, str]:
        """The (key, name) that ``file`` serves this shot by: what a page's image URL carries."""
        return shot.path.parent.parent.name, f"{shot.path.parent.name}/{shot.path.name}"

    def _prune(self) -> None:
        entries = []
        for entry in self.root.iterdir():
            manifest = entry / MANIFEST
            if _KEY.match(entry.name) and manifest.is_file():
                entries.append((manifest.stat().st_mtime_ns, entry))
        entries.sort()
        for _, entry in entries[: max(0, len(entries) - self.keep)]:
            shutil.rmtree(entry, ignore_errors=True)
