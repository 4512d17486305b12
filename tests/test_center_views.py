"""Each kiosk shows its own center, and exactly what is meant for it and its time (issue 12).

Two kiosks get the demo pack with the same city-wide, district and center items; only the
center view (center.json, as a synced center view brings it) differs. Real SQLite, real
windows driven with qtbot; every moment is injected, so no date here ever expires.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from tests.plugins.guide import type_pin
from tests.plugins.fit import fit_faults, settle, window_as
from tests.plugins.packs import read, text, write
from tests.plugins.touch import click, tap_card

from kiosk.guide.pin import hash_pin
from kiosk.idle import IdleTracker
from kiosk.paths import BUNDLED_CONTENT
from kiosk.services import KioskServices
from kiosk.sync.state import get_state
from ui.tour import PANELS

SEOUL = dt.timezone(dt.timedelta(hours=9))
# 2026-12-01 is a Tuesday; the demo pack's notices of the season are valid then.
TUESDAY = dt.date(2026, 12, 1)
PIN = "482916"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SEOUL)


GANGNAM = {
    "id": "gangnam-senior",
    "district": "gangnam",
    "name": text("강남구립노인복지관", "江南区立老人福祉館", "Gangnam Senior Welfare Center"),
    "address": text("서울 강남구 삼성로 628", "ソウル江南区三成路628", "628 Samseong-ro, Gangnam-gu"),
    "opening_hours": text("평일 9시~18시", "平日9時~18時", "Weekdays 9 to 6"),
    "phone": "02-3423-5000",
    "guide_times": [
        {"days": ["tue"], "start": "10:00", "end": "12:00"},
        {"days": ["thu"], "start": "14:00", "end": "16:00"},
    ],
}
MAPO = {
    "id": "mapo-happy",
    "district": "mapo",
    "name": text("마포 행복경로당", "麻浦ハッピー敬老堂", "Mapo Happy Senior Center"),
    "address": text("서울 마포구 월드컵로 212", "ソウル麻浦区ワールドカップ路212", "212 World Cup-ro, Mapo-gu"),
    "opening_hours": text("매일 10시~17시", "毎日10時~17時", "Every day 10 to 5"),
    "phone": "02-3153-8000",
}


def notice(notice_id: str, title: str, **fields) -> dict:
    return {"id": notice_id, "title": text(title, f"{title}(日本語)", f"{title} (English)"),
            "body": text("내용", "内容", "Body"), "valid_from": "2026-11-01", "valid_until": "2026-12-31", **fields}


def program(pack: Path, program_id: str, **fields) -> dict:
    like = read(pack / "programs.json")[0]
    return {**like, "id": program_id, "title": text(program_id, program_id, program_id), **fields}


def center_pack(root: Path, center: dict | None) -> Path:
    """The demo pack with items aimed at districts, centers and times; ``center`` is its center view."""
    pack = root
    shutil.copytree(BUNDLED_CONTENT, pack)
    manifest = read(pack / "pack.json")
    write(pack / "pack.json", {**manifest, "schema_version": "1.1"})
    if center is not None:
        write(pack / "center.json", center)
    write(pack / "notices.json", read(pack / "notices.json") + [
        notice("gangnam-district", "강남구 안내", aimed_at={"districts": ["gangnam"]}),
        notice("mapo-center", "마포 경로당 안내", aimed_at={"centers": ["mapo-happy"]}),
        notice("weekday-mornings", "아침 안내",
               times=[{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "12:00"}]),
        notice("two-days-only", "이틀 안내", valid_from="2026-12-02", valid_until="2026-12-03"),
    ])
    write(pack / "programs.json", read(pack / "programs.json") + [
        program(pack, "mapo-walking", theme="health", aimed_at={"districts": ["mapo"]}),
        program(pack, "gangnam-phone-clinic", theme="digital", aimed_at={"centers": ["gangnam-senior"]},
                valid_until="2026-12-31"),
    ])
    # A topic only Mapo's center has: elsewhere it must not show as an empty topic.
    write(pack / "categories.json", read(pack / "categories.json") + [
        {"id": "mapo-special", "order": 9, "title": text("마포 특강", "麻浦特別講座", "Mapo special"),
         "description": text("마포만", "麻浦だけ", "Mapo only")},
    ])
    lesson = read(pack / "lessons" / "phone-power-and-unlock.json")
    write(pack / "lessons" / "mapo-lesson.json", {
        **lesson, "id": "mapo-lesson", "category": "mapo-special", "next_lessons": [],
        "aimed_at": {"centers": ["mapo-happy"]},
    })
    # The first lesson suggests Mapo's lesson next: a kiosk elsewhere suggests the usual one.
    write(pack / "lessons" / "phone-power-and-unlock.json", {**lesson, "next_lessons": ["mapo-lesson"]})
    return pack


def open_kiosk(root: Path, center: dict | None, moment: dt.datetime) -> KioskServices:
    services = KioskServices.open(root / "data", center_pack(root / "pack", center))
    assert not services.problems, services.problems
    services.use_settings(services.settings.model_copy(update={
        "voice_on": False, "guide_pin_hash": hash_pin(PIN, n=2**10)}))
    services.visitor.reset()
    services.content.now = lambda: moment
    return services


@pytest.fixture
def kiosk(qtbot, tmp_path):
    """kiosk(name, center, moment) -> a shown window over its own data dir, on that moment."""
    from ui.main_window import MainWindow

    def build(name: str, center: dict | None, moment: dt.datetime = at(TUESDAY, 11), size=(1920, 1080), **kwargs):
        services = open_kiosk(tmp_path / name, center, moment)
        window = MainWindow(services, **kwargs)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return build


def set_clock(window, moment: dt.datetime) -> None:
    window.services.content.now = lambda: moment


def notice_ids(qtbot, window) -> list[str]:
    click(qtbot, window.bar.home)
    click(qtbot, window.screens["home"].notices)
    titles = {window.screens["notices"].text(n.title): n.id for n in window.services.content.snapshot.notices}
    return [titles[title] for title, _ in window.screens["notices"].items]


def program_ids(qtbot, window) -> list[str]:
    click(qtbot, window.bar.home)
    click(qtbot, window.screens["home"].programs)
    return list(window.screens["programs"].cards)


def enter_guide_mode(qtbot, window) -> None:
    window.open_guide_pin()
    type_pin(qtbot, window, PIN)
    assert window.guide_mode and window.current_name() == "guide_panel"


# Two kiosks, two centers ----------------------------------------------------------------------
def test_two_centers_show_their_own_name_notices_and_programs(qtbot, kiosk):
    gangnam, mapo = kiosk("gangnam", GANGNAM), kiosk("mapo", MAPO)
    assert gangnam.screens["home"].title.text() == "강남구립노인복지관"
    assert mapo.screens["home"].title.text() == "마포 행복경로당"
    assert gangnam.screens["home"].hours.text() == "운영: 평일 9시~18시"
    assert mapo.screens["home"].hours.text() == "운영: 매일 10시~17시"

    city = ["guide-on-duty", "beginner-class-wednesday", "flu-vaccination", "weekday-mornings"]
    assert sorted(notice_ids(qtbot, gangnam)) == sorted(city + ["gangnam-district"])
    assert sorted(notice_ids(qtbot, mapo)) == sorted(city + ["mapo-center"])

    gangnam_programs, mapo_programs = program_ids(qtbot, gangnam), program_ids(qtbot, mapo)
    assert "gangnam-phone-clinic" in gangnam_programs and "mapo-walking" not in gangnam_programs
    assert "mapo-walking" in mapo_programs and "gangnam-phone-clinic" not in mapo_programs
    assert set(gangnam_programs) - {"gangnam-phone-clinic"} == set(mapo_programs) - {"mapo-walking"}


def test_a_synced_center_view_shows_on_home_and_at_the_next_start(qtbot, kiosk, tmp_path):
    from kiosk.boot import read_snapshot
    from kiosk.content.loader import load_pack
    from kiosk.content.store import apply_pack

    window = kiosk("gangnam", None)
    services = window.services
    assert window.screens["home"].title.text() == "행복 경로당 디지털 배움터"
    # What the sync client does with a new center view: apply it to the database, then the
    # window learns new content arrived (ui/sync_worker.py content_updated).
    view = tmp_path / "gangnam" / "pack"
    write(view / "center.json", GANGNAM)
    write(view / "pack.json", {**read(view / "pack.json"), "revision": 3})
    assert apply_pack(services.sessions, services.media, load_pack(view), view)
    window._content_arrived(3)
    assert window.screens["home"].title.text() == "강남구립노인복지관"
    snapshot = read_snapshot(services.data_dir)
    assert snapshot is not None and snapshot.center.name["ko"] == "강남구립노인복지관", "the next start's Home"
    assert "gangnam-district" in notice_ids(qtbot, window)


def test_a_kiosk_without_a_center_view_sees_only_what_is_for_the_whole_city(qtbot, kiosk):
    window = kiosk("unassigned", None)
    assert window.screens["home"].title.text() == "행복 경로당 디지털 배움터", "the pack's default center"
    shown = notice_ids(qtbot, window)
    assert "weekday-mornings" in shown
    assert not {"gangnam-district", "mapo-center"} & set(shown)
    assert not {"gangnam-phone-clinic", "mapo-walking"} & set(program_ids(qtbot, window))


def test_lessons_and_topics_for_another_center_are_not_there(qtbot, kiosk):
    gangnam, mapo = kiosk("gangnam", GANGNAM), kiosk("mapo", MAPO)
    click(qtbot, mapo.screens["home"].learn)
    assert "mapo-special" in mapo.screens["categories"].cards
    click(qtbot, gangnam.screens["home"].learn)
    assert "mapo-special" not in gangnam.screens["categories"].cards, "no empty topic"
    assert gangnam.services.content.lesson("mapo-lesson") is None, "not even by its id (an old link)"
    gangnam.go("lessons", category="mapo-special")
    assert gangnam.screens["lessons"].cards == {}

    # "Try this next": the author's next is Mapo's lesson; Gangnam gets the topic's next instead.
    for window in (gangnam, mapo):
        window.go("finish", lesson="phone-power-and-unlock")
    assert list(mapo.screens["finish"].cards)[0] == "mapo-lesson"
    assert "mapo-lesson" not in gangnam.screens["finish"].cards
    assert list(gangnam.screens["finish"].cards) == ["bigger-text-on-phone"]


# Time windows and dates -----------------------------------------------------------------------
def test_a_morning_notice_goes_at_noon_on_the_next_showing_and_after_the_idle_return(qtbot, kiosk):
    clock = {"now": 1000.0}
    window = kiosk("gangnam", GANGNAM, at(TUESDAY, 11, 59), idle_tracker=IdleTracker(120, 20, lambda: clock["now"]))
    window.idle.timer.stop()
    assert "weekday-mornings" in notice_ids(qtbot, window)
    set_clock(window, at(TUESDAY, 12, 0))
    assert window.current_name() == "notices"
    clock["now"] += 145  # the visitor walked away: the prompt, then the reset to Home
    window.idle.poll()
    window.idle.poll()
    assert window.current_name() == "home"
    assert "weekday-mornings" not in notice_ids(qtbot, window)
    set_clock(window, at(TUESDAY + dt.timedelta(days=1), 9, 0))  # Wednesday morning: back
    assert "weekday-mornings" in notice_ids(qtbot, window)
    set_clock(window, at(dt.date(2026, 12, 5), 10, 0))  # Saturday: not a weekday
    assert "weekday-mornings" not in notice_ids(qtbot, window)


def test_validity_dates_run_to_the_end_of_their_last_day(qtbot, kiosk):
    window = kiosk("mapo", MAPO, at(TUESDAY, 23, 59))
    assert "two-days-only" not in notice_ids(qtbot, window)
    set_clock(window, at(dt.date(2026, 12, 2), 0, 0))
    assert "two-days-only" in notice_ids(qtbot, window)
    set_clock(window, at(dt.date(2026, 12, 3), 23, 59))
    assert "two-days-only" in notice_ids(qtbot, window)
    set_clock(window, at(dt.date(2026, 12, 4), 0, 0))
    assert "two-days-only" not in notice_ids(qtbot, window)

    gangnam = kiosk("gangnam", GANGNAM, at(dt.date(2026, 12, 31), 18))
    assert "gangnam-phone-clinic" in program_ids(qtbot, gangnam)
    set_clock(gangnam, at(dt.date(2027, 1, 1), 9))
    assert "gangnam-phone-clinic" not in program_ids(qtbot, gangnam)


def test_a_lesson_whose_window_closes_keeps_the_visitor_inside(qtbot, kiosk, tmp_path):
    window = kiosk("mapo", MAPO, at(TUESDAY, 11, 58))
    pack = tmp_path / "mapo" / "pack"
    lesson = read(pack / "lessons" / "mapo-lesson.json")
    write(pack / "lessons" / "mapo-lesson.json", {
        **lesson, "times": [{"days": ["tue"], "start": "09:00", "end": "12:00"}]})
    assert window.services.load_content(pack), window.services.problems
    click(qtbot, window.bar.home)
    click(qtbot, window.screens["home"].learn)
    tap_card(qtbot, window.screens["categories"], "mapo-special")
    tap_card(qtbot, window.screens["lessons"], "mapo-lesson")
    player = window.screens["player"]
    set_clock(window, at(TUESDAY, 12, 1))
    click(qtbot, player.next)
    window.go("notices")
    click(qtbot, window.bar.back)
    assert window.current_name() == "player" and player.lesson.id == "mapo-lesson" and player.step_index == 1
    click(qtbot, window.bar.home)
    click(qtbot, window.screens["home"].learn)
    assert "mapo-special" not in window.screens["categories"].cards, "offered to no one new"


# Guide hours from the center ------------------------------------------------------------------
def test_call_a_guide_follows_the_center_s_hours(qtbot, kiosk):
    gangnam = kiosk("gangnam", GANGNAM, at(TUESDAY, 13))  # after Tuesday's 10-12
    gangnam.change_locale("en")
    click(qtbot, gangnam.bar.help)
    assert gangnam.notice.heading.text() == "No guide is here right now"
    message = gangnam.notice.message.text()
    assert "A digital guide is here Tuesday, 10:00–12:00; Thursday, 14:00–16:00." in message
    assert "Next: Thursday 14:00." in message and "02-3423-5000" in message
    assert gangnam.help_strip.label.text() == "No guide is here now. Next: Thursday 14:00. Center phone: 02-3423-5000"

    # Mapo's center has no guide hours from the city: the kiosk's own (weekdays 10-16) apply.
    mapo = kiosk("mapo", MAPO, at(TUESDAY, 13))
    mapo.change_locale("en")
    click(qtbot, mapo.bar.help)
    assert mapo.notice.heading.text() == "A guide is coming"


def test_the_settings_page_says_the_city_s_hours_come_first(qtbot, kiosk):
    for center, expected in (
        (GANGNAM, "이 센터의 안내사 시간은 시에서 정했어요: 화요일 10:00~12:00 / 목요일 14:00~16:00."),
        (MAPO, "시에서 이 센터의 안내사 시간을 정하면"),
    ):
        window = kiosk(center["id"], center)
        enter_guide_mode(qtbot, window)
        panel = window.screens["guide_panel"]
        click(qtbot, panel.tab_buttons["settings"])
        assert expected in panel.sections["settings"].hours_note.text()


# Content out of date --------------------------------------------------------------------------
def expire_index(services, at_utc: dt.datetime) -> None:
    with services.sessions.begin() as session:
        get_state(session).index_expires_at = at_utc


@pytest.mark.parametrize("size", [(1366, 768), (1080, 1920)], ids=["1366x768", "portrait"])
def test_the_guide_is_told_when_the_index_has_expired(qtbot, kiosk, size):
    window = kiosk("gangnam", GANGNAM, size=size)
    window.change_locale("en")
    expire_index(window.services, dt.datetime(2026, 12, 1, 3, 0))  # 12:00 in Seoul
    panel_clock = {"now": at(TUESDAY, 11, 59)}
    window.screens["guide_panel"].now = lambda: panel_clock["now"]
    enter_guide_mode(qtbot, window)
    panel = window.screens["guide_panel"]
    assert not panel.out_of_date.isVisible(), "not yet expired"
    window.reset_visitor()
    panel_clock["now"] = at(TUESDAY, 13, 0)
    enter_guide_mode(qtbot, window)
    assert panel.out_of_date.isVisible()
    assert panel.out_of_date.text() == (
        "콘텐츠가 2026-12-01 12:00부터 최신이 아닐 수 있어요. 키오스크가 시 서버에서 새 콘텐츠를 받지 못했어요."
    )
    for section in ("help", "sync", "settings"):
        click(qtbot, panel.tab_buttons[section])
        settle()
        assert panel.out_of_date.isVisible(), section
        assert fit_faults(window, size, on="GuidePanelScreen") == [], section
    click(qtbot, window.guide_banner.leave)
    assert not panel.isVisible() and window.current_name() == "home", "visitors never see it"


# A long center name -----------------------------------------------------------------------------
LONG_NAMED = {
    **GANGNAM,
    "name": text("서울특별시 강남구립 노인종합복지관 디지털 배움터 어르신 교실",
                 "ソウル特別市江南区立老人総合福祉館デジタル学習所シニア教室",
                 "Seoul Gangnam-gu Senior Comprehensive Welfare Center Digital Learning Spot"),
    "opening_hours": text("월~금 09:00~18:00, 토 09:00~13:00 (공휴일 휴관, 디지털 안내사 화·목 10:00~16:00)",
                          "月～金 09:00～18:00、土 09:00～13:00（祝日休館、デジタル案内士は火・木 10:00～16:00）",
                          "Mon–Fri 09:00–18:00, Sat 09:00–13:00 (closed on public holidays; guide Tue, Thu 10:00–16:00)"),
}


@pytest.mark.parametrize("locale", ["ko", "ja", "en"])
def test_a_long_center_name_steps_down_and_home_still_fits(qtbot, kiosk, locale):
    """Centers' names are the city's data: the longest still leaves Home whole at the largest text."""
    stepped = 0
    for number, panel in enumerate(PANELS):
        size = (panel.width(), panel.height())
        window = window_as(lambda s: kiosk(f"long-{number}", LONG_NAMED, size=s), size, locale, "largest")
        settle()
        assert fit_faults(window, size, on="HomeScreen") == [], size
        title = window.screens["home"].title
        assert title.text() == LONG_NAMED["name"][locale]
        stepped += bool(title.styleSheet())
    if locale == "en":  # the longest of the three: at 1366x768 and 1280x800 it takes a smaller size
        assert stepped >= 2, "the English name had to step down from title size"
