"""The checks behind scripts/wheel_check.sh (CI runs the script itself on a built wheel)."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

from kiosk.content.loader import load_pack
from kiosk.paths import BUNDLED_CONTENT, TRANSLATIONS_DIR
from tests.plugins.packs import make_pack

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "wheel_check.py"
_spec = importlib.util.spec_from_file_location("wheel_check", SCRIPT)
wheel_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wheel_check)


def test_a_source_file_left_out_of_the_wheel_is_named(tmp_path):
    copy = tmp_path / "src"
    for name in ("main.py", "kiosk/app.py", "resources/i18n/kiosk_ko.qm", "tests/test_x.py", "README.md"):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_text("x")
    wheel = tmp_path / "kiosk-1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("main.py", "x")
        archive.writestr("kiosk/app.py", "x")
    # tests/ and README.md are not for the wheel; the translation is.
    assert wheel_check.check_contents(wheel, copy) == [
        f"resources/i18n/kiosk_ko.qm is in the source tree but not in {wheel.name}"
    ]


def test_the_pack_to_publish_is_one_revision_on_with_one_summary_changed(tmp_path):
    source = make_pack(tmp_path / "pack", revision=4)
    lesson_id = wheel_check.next_revision_pack(source, tmp_path / "next")
    before, after = load_pack(source), load_pack(tmp_path / "next")
    assert after.manifest.revision == before.manifest.revision + 1 == 5
    changed = {lesson.id: lesson.summary["ko"] for lesson in after.lessons}
    assert changed.pop(lesson_id) == wheel_check.CHANGED_SUMMARY
    assert changed == {lesson.id: lesson.summary["ko"] for lesson in before.lessons if lesson.id != lesson_id}


def test_the_bundled_pack_to_publish_still_loads(tmp_path):
    lesson_id = wheel_check.next_revision_pack(BUNDLED_CONTENT, tmp_path / "next")
    assert any(lesson.id == lesson_id for lesson in load_pack(tmp_path / "next").lessons)


def test_only_finished_free_function_translations_are_expected(tmp_path):
    ts = tmp_path / "kiosk_ko.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="ko_KR">'
        "<context><name></name>"
        "<message><source>OK</source><translation>확인</translation></message>"
        '<message><source>Later</source><translation type="unfinished">나중에</translation></message>'
        "<message><source>Empty</source><translation></translation></message>"
        "</context>"
        "<context><name>QDialog</name><message><source>Close</source><translation>닫기</translation></message></context>"
        "</TS>",
        encoding="utf-8",
    )
    assert wheel_check.finished_messages(ts) == {"OK": "확인"}


def test_the_translations_load_and_translate(qapp):
    assert wheel_check.check_translations(TRANSLATIONS_DIR) == []
