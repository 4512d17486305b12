"""The city's centers as data on the server: what each center's kiosks show as their own.

A center is a kiosk.content.schema.Center with an id and a district; it is stored whole
(as JSON) so the kiosk and the server read it with one schema. Hours are written the way an
admin says them: ``"mon-fri 09:00-18:00, sat 09:00-13:00"``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.choices import LOCALES
from kiosk.content.schema import WEEKDAY_NAMES, Center, WeeklyWindow
from server.models import CenterRow, Kiosk

# Every center is named in every language the kiosks offer.
CONTEXT = {"required_locales": LOCALES}


class CenterError(ValueError):
    """A center the admin gave cannot be stored; the message says which one, what and how to fix."""


WINDOW = re.compile(r"\s*([a-z][a-z,\-\s]*?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*(?:[,;]|$)")


def parse_windows(text: str, what: str = "hours") -> list[WeeklyWindow]:
    """"mon-fri 09:00-18:00, sat 09:00-13:00" -> windows; CenterError saying what is wrong."""
    windows, position, text = [], 0, text.strip().lower()
    while position < len(text):
        match = WINDOW.match(text, position)
        if not match:
            raise CenterError(
                f"{what}: '{text[position:].strip()}' is not written like 'mon-fri 09:00-18:00' "
                "(days, a space, start-end; several separated by commas)"
            )
        position = match.end()
        days = _days(match[1].replace(" ", ""), what)
        try:
            windows.append(WeeklyWindow(days=days, start=match[2].zfill(5), end=match[3].zfill(5)))
        except ValidationError as error:
            raise CenterError(f"{what}: '{match[0].strip(' ,;')}': {_first_message(error)}") from None
    return windows


def _days(text: str, what: str) -> list[str]:
    days: list[str] = []
    for piece in text.split(","):
        first, _, last = piece.partition("-")
        if first not in WEEKDAY_NAMES or (last and last not in WEEKDAY_NAMES):
            raise CenterError(f"{what}: '{piece}' is not a day; use {', '.join(WEEKDAY_NAMES)} (or a range like mon-fri)")
        start, end = WEEKDAY_NAMES.index(first), WEEKDAY_NAMES.index(last or first)
        days += [WEEKDAY_NAMES[n] for n in range(start, end + 1) if WEEKDAY_NAMES[n] not in days]
    return days


DAY_NAMES = {
    "ko": ("월", "화", "수", "목", "금", "토", "일"),
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
RANGE = {"ko": "~", "ja": "～", "en": "–"}
JOIN = {"ko": ", ", "ja": "、", "en": ", "}


def day_runs(days) -> list[list[int]]:
    """Weekdays as runs of consecutive day numbers (mon=0): mon, tue, wed, fri -> [[0, 1, 2], [4]]."""
    runs: list[list[int]] = []
    for number in sorted(WEEKDAY_NAMES.index(day) for day in days if day in WEEKDAY_NAMES):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def describe_windows(windows: list[WeeklyWindow], locale: str) -> str:
    """The hours in words of ``locale`` (for a center added without its hours written out)."""
    names, dash = DAY_NAMES[locale], RANGE[locale]
    parts = []
    for window in windows:
        runs = day_runs(window.days)
        days = JOIN[locale].join(
            names[run[0]] if len(run) == 1 else f"{names[run[0]]}{dash}{names[run[-1]]}" for run in runs
        )
        parts.append(f"{days} {window.start:%H:%M}{dash}{window.end:%H:%M}")
    return JOIN[locale].join(parts)


def make_center(data: dict[str, Any], where: str) -> Center:
    """Validate one center; CenterError naming ``where`` and each field as the admin wrote it."""
    data = dict(data)
    if not data.get("opening_hours") and data.get("open_times"):
        windows = [w if isinstance(w, WeeklyWindow) else WeeklyWindow.model_validate(w) for w in data["open_times"]]
        data["opening_hours"] = {locale: describe_windows(windows, locale) for locale in LOCALES}
    try:
        center = Center.model_validate(data, context=CONTEXT)
    except ValidationError as error:
        lines = [f"{where}, field '{_field(detail['loc'])}': {detail['msg'].removeprefix('Value error, ')}"
                 for detail in error.errors()]
        raise CenterError("\n".join(lines)) from None
    if not center.id or not center.district:
        raise CenterError(f"{where}: a center needs an id and a district")
    return center


def _field(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)


def _first_message(error: ValidationError) -> str:
    return error.errors()[0]["msg"].removeprefix("Value error, ")


def read_centers_file(path: Path) -> list[Center]:
    """A JSON list of centers (or one center); every problem, each naming its item."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise CenterError(f"{path}: cannot be read ({error})") from None
    except json.JSONDecodeError as error:
        raise CenterError(f"{path}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    items = raw if isinstance(raw, list) else [raw]
    centers, problems = [], []
    for number, item in enumerate(items, start=1):
        label = item.get("id") if isinstance(item, dict) else None
        where = f"{path.name}, center {number}" + (f" '{label}'" if label else "")
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an object with id, district, name, ...")
            continue
        try:
            centers.append(make_center(item, where))
        except CenterError as error:
            problems.append(str(error))
    seen: set[str] = set()
    for center in centers:
        if center.id in seen:
            problems.append(f"{path.name}: center id '{center.id}' is used twice")
        seen.add(center.id or "")
    if problems:
        raise CenterError("\n".join(problems))
    return centers


def all_centers(session: Session) -> list[Center]:
    return [Center.model_validate(row.data) for row in session.scalars(select(CenterRow).order_by(CenterRow.id))]


def put_center(session: Session, center: Center, now: dt.datetime) -> bool:
    """Store a center, replacing one of the same id. Returns True when it is new."""
    row = session.get(CenterRow, center.id)
    data = center.model_dump(mode="json", exclude_none=True)
    if row is None:
        session.add(CenterRow(id=center.id, district=center.district, data=data, updated_at=now))
        return True
    row.district, row.data, row.updated_at = center.district, data, now
    return False


def remove_center(session: Session, center_id: str) -> None:
    row = session.get(CenterRow, center_id)
    if row is None:
        raise CenterError(f"no center '{center_id}'; `kiosk-server center list` shows them")
    kiosks = list(session.scalars(select(Kiosk.name).where(Kiosk.center == center_id)))
    if kiosks:
        raise CenterError(
            f"center '{center_id}' still has kiosks ({', '.join(kiosks)}); move or remove them first"
        )
    session.delete(row)


def center_exists(session: Session, center_id: str) -> bool:
    return session.get(CenterRow, center_id) is not None
