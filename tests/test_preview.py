"""The admin's preview of a draft is the kiosk's own screens (server/preview.py runs `main.py --tour
--only KIND:ID --sizes ... --text-sizes ...`, ui/tour.py): every screen of the item at every panel
size and text size, drawn once per draft and served only by what a preview lists."""

from __future__ import annotations

import json
import shutil
import struct
import time
from pathlib import Path

import pytest

from kiosk.services import KioskServices
from server import i18n
from server.admin_routes import AdminSite
from server.preview import PreviewCache, PreviewError, group_shots, render_preview
from tests.plugins.packs import read, text, write
from tests.test_cli import run_kiosk

DEMO = Path(__file__).resolve().parent.parent / "resources" / "content"
LESSON = "send-voice-message"  # 7 steps, in family-and-friends
PRACTICE = "practice-scam-text"  # 5 screens


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_a_lesson_is_drawn_at_both_panels_and_every_text_size(tmp_path):
    started = time.perf_counter()
    shots = render_preview(DEMO, f"lesson:{LESSON}", tmp_path / "out")
    seconds = time.perf_counter() - started
    print(f"one render of 6 combinations of a 7-step lesson: {seconds:.1f} s")

    expected = ["lessons", *(f"player-{LESSON}-{n:02d}" for n in range(1, 8)), f"finish-{LESSON}"]
    combos = [(size, text_size) for size in ("1920x1080", "1280x800") for text_size in ("normal", "large", "largest")]
    for size, text_size in combos:
        names = [shot.name for shot in shots if (shot.size, shot.text_size) == (size, text_size)]
        assert names == expected, (size, text_size)
    width_height = {"1920x1080": (1920, 1080), "1280x800": (1280, 800)}
    for shot in shots:
        assert shot.path.is_file()
        assert png_size(shot.path) == width_height[shot.size], shot
    by_key = {(shot.size, shot.text_size, shot.name): shot.path.read_bytes() for shot in shots}
    for size in width_height:
        for name in expected:
            assert by_key[(size, "largest", name)] != by_key[(size, "normal", name)], (size, name)
    assert [size for size, _ in group_shots(shots)] == ["1920x1080", "1280x800"]
    assert [text_size for text_size, _ in group_shots(shots)[1][1]] == ["normal", "large", "largest"]


def test_a_practice_shows_each_screen_with_its_hint_and_its_finish(tmp_path):
    shots = render_preview(DEMO, f"lesson:{PRACTICE}", tmp_path / "out",
                           sizes=((1280, 800),), text_sizes=("largest",))
    names = [shot.name for shot in shots]
    assert names[0] == "lessons"
    for n in range(1, 6):
        assert f"practice-{PRACTICE}-{n:02d}" in names and f"practice-{PRACTICE}-{n:02d}-hint" in names
    assert names[-1] == f"practice-{PRACTICE}-finish"
    assert {png_size(shot.path) for shot in shots} == {(1280, 800)}


def test_an_id_the_draft_has_not_is_a_plain_error(tmp_path):
    with pytest.raises(PreviewError) as raised:
        render_preview(DEMO, "lesson:no-such-lesson", tmp_path / "out", sizes=((1280, 800),), text_sizes=("normal",))
    assert "The kiosk found nothing to show for lesson:no-such-lesson" in str(raised.value)
    assert "there is no lesson 'no-such-lesson' in this content" in str(raised.value)
    assert "Traceback" not in str(raised.value)
    korean = raised.value.say(i18n.Translator("ko"))
    assert "키오스크" in korean and "no-such-lesson" in korean


def test_what_is_not_a_target_is_refused_before_the_kiosk_starts(tmp_path):
    for target in ("lesson", "lesson:", "lesson:--data-dir=/", "screen:home", "lesson:../x"):
        with pytest.raises(PreviewError, match="is not something a preview can show"):
            render_preview(DEMO, target, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_kiosk_says_no_such_item_with_exit_code_2(tmp_path, pack_dir):
    result = run_kiosk("--tour", str(tmp_path / "out"), "--only", "program:nope", "--data-dir", str(tmp_path / "data"),
                       "--content", str(pack_dir), "--sizes", "1280x800")
    assert result.returncode == 2
    assert "there is no program 'nope' in this content" in result.stderr
    assert not list((tmp_path / "out").rglob("*.png"))


def test_the_same_draft_is_drawn_once_and_a_changed_one_again(tmp_path):
    pack = tmp_path / "draft"
    shutil.copytree(DEMO, pack)
    runs = []

    def counting_render(*args, **kwargs):
        runs.append(args[1])
        return render_preview(*args, **kwargs)

    cache = PreviewCache(tmp_path / "cache", keep=2, sizes=((1280, 800),), text_sizes=("normal",), render=counting_render)
    first = cache.get_or_render(pack, f"lesson:{LESSON}", "ko")
    again = cache.get_or_render(pack, f"lesson:{LESSON}", "ko")
    assert len(runs) == 1 and again == first
    key, name = PreviewCache.address(first[1])
    assert cache.file(key, name) == first[1].path

    lesson_file = pack / "lessons" / f"{LESSON}.json"
    lesson = read(lesson_file)
    lesson["steps"][0]["text"]["ko"] = "바뀐 글이에요. 이 글이 미리 보기에 나와야 해요."
    write(lesson_file, lesson)
    changed = cache.get_or_render(pack, f"lesson:{LESSON}", "ko")
    assert len(runs) == 2
    changed_key, changed_name = PreviewCache.address(changed[1])
    assert changed_key != key and changed_name == name
    assert changed[1].path.read_bytes() != first[1].path.read_bytes()  # the new words are on step 1
    assert changed[2].path.read_bytes() == first[2].path.read_bytes()  # step 2 did not change

    cache.get_or_render(pack, f"lesson:{LESSON}", "en")  # a third entry: the least recently used goes
    assert len(runs) == 3
    assert cache.file(key, name) is None and cache.file(changed_key, changed_name) is not None


def test_only_files_a_preview_lists_are_served(tmp_path):
    entry = tmp_path / "cache" / ("a" * 64)
    (entry / "1280x800-normal").mkdir(parents=True)
    (entry / "1280x800-normal" / "001-lessons.png").write_bytes(b"png")
    (entry / "secret.txt").write_text("not a shot")
    (tmp_path / "outside.png").write_bytes(b"png")
    (entry / "shots.json").write_text(json.dumps(
        [{"size": "1280x800", "text_size": "normal", "name": "lessons", "file": "1280x800-normal/001-lessons.png"}]))
    cache = PreviewCache(tmp_path / "cache")
    assert cache.file("a" * 64, "1280x800-normal/001-lessons.png") == entry / "1280x800-normal" / "001-lessons.png"
    for key, name in (("a" * 64, "secret.txt"), ("a" * 64, "shots.json"), ("a" * 64, "../../outside.png"),
                      ("a" * 64, "/etc/passwd"), ("..", "outside.png"), ("A" * 64, "1280x800-normal/001-lessons.png"),
                      ("b" * 64, "1280x800-normal/001-lessons.png")):
        assert cache.file(key, name) is None, (key, name)


def test_the_shots_partial_captions_each_group_in_the_admins_language(tmp_path):
    from server.preview import Shot

    shots = [Shot(size, text_size, f"player-{LESSON}-02", tmp_path / f"{size}-{text_size}.png")
             for size in ("1920x1080", "1280x800") for text_size in ("normal", "largest")]
    site = AdminSite(sessions=None)
    for locale, caption, step in (("ko", "1280 × 800 화면, 가장 큰 글자", "2단계"), ("en", "1280 × 800, largest text", "Step 2")):
        template = site.templates(site.translator(locale)).get_template("content_preview_shots.html")
        html = template.render(shots=group_shots(shots), url_of=lambda shot: f"/shots/{shot.size}/{shot.text_size}")
        assert caption in html and f"<figcaption>{step} " in html
        assert html.count('loading="lazy"') == 4
        assert 'src="/shots/1280x800/largest"' in html
        assert html.index("1920 × 1080") < html.index("1280 × 800")


def test_a_notice_of_next_year_and_a_lesson_for_one_district_are_shown_in_their_preview(tmp_path, pack_dir, make_window):
    """What the kiosk would not show today, or here, is what an admin most wants to see before it is
    published: the preview stands the kiosk on a day and in a district where it is shown."""
    from ui.tour import only_steps, walk

    notices = read(pack_dir / "notices.json")
    notices.append({"id": "spring-2031", "title": text("2031년 봄 안내"), "body": text("봄 내용"),
                    "valid_from": "2031-03-01", "valid_until": "2031-03-31",
                    "times": [{"days": ["sat"], "start": "10:00", "end": "12:00"}]})
    write(pack_dir / "notices.json", notices)
    lesson = read(pack_dir / "lessons" / "lesson-1.json")
    write(pack_dir / "lessons" / "lesson-1.json", {**lesson, "aimed_at": {"districts": ["jongno"]}})
    services = KioskServices.open(tmp_path / "preview-data", pack_dir, preview=True)
    window = make_window(services=services)

    steps = only_steps(window, "notice:spring-2031")
    assert [name for name in walk(window, steps)] == ["home", "notices"]
    titles = [title for title, _ in window.screens["notices"].items]
    assert "2031년 봄 안내" in titles
    assert window.services.content.moment().date().isoformat() == "2031-03-01"  # the first Saturday

    steps = only_steps(window, "lesson:lesson-1")
    assert [name for name in walk(window, steps)][:2] == ["lessons", "player-lesson-1-01"]
    assert "lesson-1" in window.screens["lessons"].cards


def test_a_kiosk_that_does_not_finish_in_time_is_stopped_and_said_so(tmp_path):
    # Python alone takes longer than this to start, so the kiosk is always stopped mid-way.
    with pytest.raises(PreviewError, match="took longer than 0 seconds"):
        render_preview(DEMO, f"lesson:{LESSON}", tmp_path / "out", sizes=((1280, 800),), text_sizes=("normal",),
                       timeout=0.01)


def test_the_server_side_imports_neither_qt_nor_the_kiosk_ui():
    import subprocess
    import sys

    probe = "import sys, server.preview; print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui')))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_program_is_previewed_in_its_themes_list_and_on_its_page(window):
    from ui.tour import UnknownTarget, only_steps, walk

    steps = only_steps(window, "program:program-3")
    assert list(walk(window, steps)) == ["programs-filtered", "program-program-3"]
    assert window.current_name() == "program"
    window.back()
    assert window.screens["programs"].theme == "welfare" and "program-3" in window.screens["programs"].cards
    assert list(walk(window, only_steps(window, "theme:health"))) == ["programs", "programs-filtered"]
    assert list(walk(window, only_steps(window, "category:safety"))) == ["categories", "lessons"]
    assert "lesson-2" in window.screens["lessons"].cards
    for target in ("theme:nope", "lesson", "video:x"):
        with pytest.raises(UnknownTarget):
            only_steps(window, target)
