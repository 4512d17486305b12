"""The guide's hours: when a guide is here, when one is next, and how a center sets them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kiosk.content.schema import Center, WeeklyWindow
from kiosk.guide.hours import GuideClock, GuideHours
from kiosk.settings import Settings, SettingsStore

SEOUL = dt.timezone(dt.timedelta(hours=9))
# A week whose days never change meaning: 2026-11-30 is a Monday.
MONDAY = dt.date(2026, 11, 30)


def at(days_after_monday: int, hour: int, minute: int = 0) -> dt.datetime:
    day = MONDAY + dt.timedelta(days=days_after_monday)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SEOUL)


DEFAULT = GuideHours.from_settings(Settings())


def test_the_default_is_weekdays_ten_to_four():
    assert DEFAULT.weekdays == frozenset(range(5)) and DEFAULT.days_are_weekdays()
    (window,) = DEFAULT.windows
    assert (window.start, window.end) == (dt.time(10), dt.time(16))


@pytest.mark.parametrize(
    ("moment", "here"),
    [
        (at(0, 9, 59), False),
        (at(0, 10, 0), True),  # the start is in the hours
        (at(2, 13, 30), True),
        (at(4, 15, 59), True),
        (at(4, 16, 0), False),  # the end is not
        (at(5, 11, 0), False),  # Saturday
        (at(6, 11, 0), False),  # Sunday
    ],
)
def test_a_guide_is_here_only_inside_the_hours(moment, here):
    assert DEFAULT.is_here(moment) is here


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(0, 8, 0), at(0, 10)),  # later today
        (at(1, 17, 0), at(2, 10)),  # tomorrow
        (at(4, 16, 0), at(7, 10)),  # Friday after the hours: Monday
        (at(5, 12, 0), at(7, 10)),  # Saturday: Monday
        (at(2, 11, 0), at(3, 10)),  # during the hours the next start is tomorrow's
    ],
)
def test_the_next_start_is_the_first_one_after_now(moment, expected):
    begins = DEFAULT.next_start(moment)
    assert begins == expected and begins.tzinfo is SEOUL


def test_a_saturday_only_guide_and_a_kiosk_without_any_guide_days():
    saturdays = GuideHours.of([5], "13:00", "17:00")
    assert not saturdays.days_are_weekdays()
    assert saturdays.next_start(at(5, 17, 0)) == at(12, 13)  # a week later
    assert GuideHours.of([], "10:00", "16:00").next_start(at(0, 8)) is None


def test_the_clock_reads_the_hours_when_asked():
    settings = {"value": Settings()}
    now = {"value": at(0, 11)}
    guide = GuideClock(lambda: GuideHours.from_settings(settings["value"]), lambda: now["value"])
    assert guide.is_here()
    settings["value"] = Settings(guide_start="13:00", guide_end="17:00")  # a guide changed them
    assert not guide.is_here() and guide.next_start() == at(0, 13)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"guide_start": "9:00"}, "guide_start"),
        ({"guide_end": "25:00"}, "guide_end"),
        ({"guide_start": "17:00"}, "end (16:00) before they start (17:00)"),
        ({"guide_weekdays": [1, 7]}, "0 (Monday) to 6 (Sunday)"),
    ],
)
def test_bad_guide_hours_in_the_settings_file_are_named(tmp_path, fields, named):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(fields), encoding="utf-8")
    settings, problem = SettingsStore(path).load()
    assert settings == Settings(), "the defaults are used"
    assert str(path) in problem and named in problem


def test_guide_hours_survive_saving_and_loading(tmp_path):
    store = SettingsStore(tmp_path / "config.json")
    store.save(Settings(guide_weekdays=[5, 1, 1], guide_start="09:00", guide_end="12:00"))
    settings, problem = store.load()
    assert problem is None
    assert (settings.guide_weekdays, settings.guide_start, settings.guide_end) == ([1, 5], "09:00", "12:00")


# Hours from the center (the city's data, through sync) ----------------------------------------
TUESDAY_AND_THURSDAY = [
    WeeklyWindow(days=["tue"], start=dt.time(10), end=dt.time(12)),
    WeeklyWindow(days=["thu"], start=dt.time(14), end=dt.time(16)),
]


def center(guide_times: list[WeeklyWindow]) -> Center:
    name = {"ko": "강남구립노인복지관", "ja": "江南区立老人福祉館", "en": "Gangnam Senior Welfare Center"}
    return Center(id="gangnam-senior", district="gangnam", name=name, address=name, opening_hours=name,
                  guide_times=guide_times)


@pytest.mark.parametrize(
    ("moment", "here", "next_start"),
    [
        (at(0, 11), False, at(1, 10)),  # Monday: Tuesday morning
        (at(1, 9, 59), False, at(1, 10)),
        (at(1, 10), True, at(3, 14)),  # inside Tuesday's; the next start is Thursday's
        (at(1, 12), False, at(3, 14)),  # Tuesday's ended at noon
        (at(3, 11), False, at(3, 14)),  # Thursday morning is not Tuesday's window
        (at(3, 15, 59), True, at(8, 10)),
        (at(3, 16), False, at(8, 10)),  # after Thursday's: next week's Tuesday
    ],
)
def test_a_center_with_two_windows_a_week(moment, here, next_start):
    hours = GuideHours.for_kiosk(center(TUESDAY_AND_THURSDAY), Settings())
    assert hours.from_city and hours.weekdays == frozenset({1, 3}) and not hours.days_are_weekdays()
    assert hours.is_here(moment) is here
    assert hours.next_start(moment) == next_start


def test_the_center_s_hours_come_before_the_kiosk_s_settings():
    saturdays = Settings(guide_weekdays=[5], guide_start="13:00", guide_end="17:00")
    from_city = GuideHours.for_kiosk(center(TUESDAY_AND_THURSDAY), saturdays)
    assert not from_city.is_here(at(5, 14)) and from_city.is_here(at(1, 11))
    # A center the city gave no guide hours, and the boot snapshot's center (no hours at all).
    for without in (center([]), None, object()):
        own = GuideHours.for_kiosk(without, saturdays)
        assert not own.from_city and own.is_here(at(5, 14)) and not own.is_here(at(1, 11))
