"""The guide's hours: when a guide is here, when one is next, and how a center sets them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

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
    assert (DEFAULT.start, DEFAULT.end) == (dt.time(10), dt.time(16))


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
