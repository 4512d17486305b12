"""The checks scripts/wheel_check.sh runs, one subcommand each (standard library only until told).

`copy-source SRC DST` the source tree as git lists it, copied to build from
`contents WHEEL COPY` every module and resource of that copy is in the wheel
`pack SRC DST`        a copy of a content pack one revision on, with one lesson's summary changed
`installed CHECKOUT`  run by the wheel's venv: code and resources come from site-packages, not
                      the checkout, and the Korean and Japanese translations load and translate
`shows DATA LESSON`   run by the wheel's venv: the kiosk in DATA shows the pack `pack` made
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

# What the kiosk and server need at run time; tests/, bench/ and scripts/ stay out of the wheel.
SHIPPED_TOP = ("kiosk", "ui", "db", "server", "protocol", "resources")
SHIPPED_FILES = ("main.py",)
CHANGED_SUMMARY = "wheel check: a changed summary"


def source_files(src: Path) -> list[str]:
    """Tracked and new (not ignored) files, as git sees them: what a clean clone would hold."""
    listed = subprocess.run(
        ["git", "-C", str(src), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True, capture_output=True, text=True,
    ).stdout.split("\0")
    return sorted(name for name in listed if name and (src / name).is_file())


def copy_source(src: Path, dst: Path) -> int:
    """Copy the source tree (as git lists it) so the build leaves nothing in the checkout."""
    files = source_files(src)
    for name in files:
        target = dst / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src / name, target)
    return len(files)


def check_contents(wheel: Path, copy: Path) -> list[str]:
    """`copy` is the tree the wheel was built from (the checkout may have changed since)."""
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    files = sorted(path.relative_to(copy).as_posix() for path in copy.rglob("*") if path.is_file())
    wanted = [name for name in files if name in SHIPPED_FILES or (name.split("/", 1)[0] in SHIPPED_TOP and "/" in name)]
    return [f"{name} is in the source tree but not in {wheel.name}" for name in wanted if name not in in_wheel]


def next_revision_pack(src: Path, dst: Path) -> str:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    pack_file = dst / "pack.json"
    pack = json.loads(pack_file.read_text(encoding="utf-8"))
    pack["revision"] = int(pack.get("revision", 1)) + 1
    pack_file.write_text(json.dumps(pack, ensure_ascii=False, indent=1), encoding="utf-8")
    lesson_file = sorted((dst / "lessons").glob("*.json"))[0]
    lesson = json.loads(lesson_file.read_text(encoding="utf-8"))
    lesson["summary"]["ko"] = CHANGED_SUMMARY
    lesson_file.write_text(json.dumps(lesson, ensure_ascii=False, indent=1), encoding="utf-8")
    return lesson["id"]


def check_shows(data_dir: Path, lesson_id: str) -> list[str]:
    """The kiosk, opened on its data dir as at its next start, shows the synced revision."""
    from kiosk.services import KioskServices

    content = KioskServices.open(data_dir).content
    center = content.center()
    if center is None or center.id != "wheel-center":
        return [f"the kiosk in {data_dir} does not show its own center 'wheel-center' after the sync"]
    lesson = content.lesson(lesson_id)
    if lesson is None:
        return [f"the kiosk in {data_dir} has no lesson '{lesson_id}' after the sync"]
    if lesson.summary["ko"] != CHANGED_SUMMARY:
        return [f"lesson '{lesson_id}' in {data_dir} still reads {lesson.summary['ko']!r}, not the published summary"]
    print(f"  the kiosk shows its center '{center.name['ko']}' and the published summary of lesson '{lesson_id}'")
    return []


def finished_messages(ts: Path) -> dict[str, str]:
    """Source -> translation of the free-function tr() strings (empty context) a translator finished."""
    import xml.etree.ElementTree as ElementTree

    found = {}
    for context in ElementTree.parse(ts).getroot().iter("context"):
        if (context.findtext("name") or "") != "":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                found[message.findtext("source")] = translation.text
    return found


def check_installed(checkout: Path) -> list[str]:
    import importlib

    problems = []
    checkout = checkout.resolve()
    for name in ("main", "kiosk", "ui", "db", "server", "resources", *(["protocol"] if (checkout / "protocol").is_dir() else [])):
        try:
            module = importlib.import_module(name)
        except ImportError as error:
            problems.append(f"module {name} does not import from the wheel: {error}")
            continue
        where = Path(module.__file__).resolve()
        if where.is_relative_to(checkout):
            problems.append(f"module {name} came from the checkout ({where}), not the installed wheel")
    from kiosk.paths import BUNDLED_CONTENT, TRANSLATIONS_DIR

    for label, path in (("bundled content", BUNDLED_CONTENT / "pack.json"), ("translations", TRANSLATIONS_DIR)):
        if not path.exists():
            problems.append(f"{label}: {path} does not exist in the installed wheel")
        elif path.resolve().is_relative_to(checkout):
            problems.append(f"{label} read from the checkout ({path}), not the installed wheel")
    if not problems:
        problems += check_translations(TRANSLATIONS_DIR)
    return problems


def check_translations(translations: Path) -> list[str]:
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import LanguageSwitcher, tr

    app = QCoreApplication.instance() or QCoreApplication([])
    switcher = LanguageSwitcher.for_app(app)
    problems = []
    for locale in ("ko", "ja"):
        expected = finished_messages(translations / f"kiosk_{locale}.ts")
        if not expected:
            problems.append(f"{translations / f'kiosk_{locale}.ts'} has no finished translation to check against")
            continue
        switcher.switch(locale)
        wrong = [source for source, translation in expected.items() if tr(source) != translation]
        if wrong:
            problems.append(f"locale {locale}: {len(wrong)} of {len(expected)} strings untranslated, e.g. {wrong[0]!r} "
                            f"(is {translations / f'kiosk_{locale}.qm'} in the wheel and built from the .ts?)")
        else:
            print(f"  {locale}: {len(expected)} interface strings translated")
    switcher.switch("en")
    return problems


def main(argv: list[str]) -> int:
    command, *args = argv
    if command == "copy-source":
        print(f"  copied {copy_source(Path(args[0]), Path(args[1]))} files")
        return 0
    if command == "pack":
        print(next_revision_pack(Path(args[0]), Path(args[1])))
        return 0
    if command == "contents":
        problems = check_contents(Path(args[0]), Path(args[1]))
    elif command == "shows":
        problems = check_shows(Path(args[0]), args[1])
    else:
        problems = check_installed(Path(args[0]))
    for problem in problems:
        print(f"  FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
