"""`python -m ui.i18n_build`: refresh the .ts files from the code and compile them to .qm.

Translators edit resources/i18n/kiosk_<locale>.ts (Qt Linguist works); the kiosk loads the .qm.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.paths import TRANSLATIONS_DIR

LOCALES = ("ko", "ja")
UI_DIR = Path(__file__).resolve().parent


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


def ts_path(locale: str) -> Path:
    return TRANSLATIONS_DIR / f"kiosk_{locale}.ts"


def compile_ts(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main() -> int:
    sources = sorted(str(path) for path in UI_DIR.rglob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", *(str(ts_path(loc)) for loc in LOCALES)], check=True
    )
    for locale in LOCALES:
        compile_ts(ts_path(locale), ts_path(locale).with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
