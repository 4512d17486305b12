"""What the help page shows of each request, in the page's language: the screen as a guide
knows it (the kiosk's own names), the lesson's title, the step as the kiosk showed it, which
kiosk and center, and when. The same rows feed the HTML and /admin/help/live.json, so the
page looks the same before and after its script updates it. No SQL and no HTTP here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

from protocol.events import HelpRequestPayload
from server.help_queries import HelpRecord
from server.i18n import Translator
from server.titles import Titles


def screen_name(screen: str, t: Translator) -> str:
    """A kiosk screen id (ui/main_window.py SCREENS, as help requests carry it) as the guide
    panel names it; an id this server does not know (a newer kiosk's) as sent."""
    names = {
        "home": t.gettext("Home screen"),
        "categories": t.gettext("Lesson topics"),
        "lessons": t.gettext("Lesson list"),
        "player": t.gettext("Lesson step"),
        "practice": t.gettext("Practice"),
        "finish": t.gettext("Lesson finished"),
        "programs": t.gettext("City programs"),
        "program": t.gettext("Program details"),
        "notices": t.gettext("Notices"),
        "guide_pin": t.gettext("Guide mode"),
        "guide_panel": t.gettext("Guide mode"),
        "onboarding": t.gettext("Connecting the kiosk"),
    }
    return names.get(screen, screen) if screen else t.gettext("Unknown screen")


def step_text(step: int | None, t: Translator) -> str:
    """Kiosks send the step as the visitor saw it, counted from 1 (ui/screens/player.py and
    practice.py help_context), so it is shown as it comes."""
    if step is None or step < 1:
        return ""
    return t.gettext("Step %(step)d") % {"step": step}


def center_name(record: HelpRecord, titles: Titles, t: Translator) -> str:
    if record.kiosk.center is None:
        return t.gettext("No center (city)")
    return titles.center(record.kiosk.center, t.locale)


_KIOSK_CLOSER = re.compile(r"^kiosk (?P<name>.+?)(?: \((?P<how>.+)\))?$")


def closer_name(done_by: str, t: Translator) -> str:
    """Who closed a request (server.help writes "kiosk NAME", "kiosk NAME (on the kiosk)",
    "kiosk NAME (the visitor, on the kiosk)"; this page writes the person's name)."""
    found = _KIOSK_CLOSER.match(done_by)
    if found is None:
        return done_by
    name, how = found.group("name"), found.group("how")
    if how == "the visitor, on the kiosk":
        return t.gettext("The visitor, on kiosk %(kiosk)s") % {"kiosk": name}
    return t.gettext("A guide, on kiosk %(kiosk)s") % {"kiosk": name}


@dataclass(frozen=True)
class HelpView:
    key: str
    kiosk: str
    center: str
    screen: str
    lesson: str  # the lesson's title in the page's language; "" if none
    step: int | None
    step_text: str  # "3단계" / "Step 3"; "" if none
    when: str
    ago: str
    created_at: str  # ISO naive UTC, for the script's "new since last time"
    done_label: str  # the Done button's full name, for screen readers

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ClosedView:
    key: str
    kiosk: str
    center: str
    screen: str
    lesson: str
    step_text: str
    when: str
    done_at: str
    done_by: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def open_view(record: HelpRecord, now: dt.datetime, titles: Titles, t: Translator) -> HelpView:
    payload = HelpRequestPayload.from_dict(record.event.payload or {})
    when = t.format_datetime(record.event.created_at)
    return HelpView(
        key=record.event.key,
        kiosk=record.kiosk.name,
        center=center_name(record, titles, t),
        screen=screen_name(payload.screen, t),
        lesson=titles.lesson(payload.lesson_id, t.locale),
        step=payload.step,
        step_text=step_text(payload.step, t),
        when=when,
        ago=t.format_ago(max(now - record.event.created_at, dt.timedelta(0))),
        created_at=record.event.created_at.isoformat(),
        done_label=t.gettext("Done: the request of kiosk %(kiosk)s at %(when)s") % {"kiosk": record.kiosk.name,
                                                                                     "when": when},
    )


def closed_view(record: HelpRecord, titles: Titles, t: Translator) -> ClosedView:
    assert record.done is not None
    payload = HelpRequestPayload.from_dict(record.event.payload or {})
    return ClosedView(
        key=record.event.key,
        kiosk=record.kiosk.name,
        center=center_name(record, titles, t),
        screen=screen_name(payload.screen, t),
        lesson=titles.lesson(payload.lesson_id, t.locale),
        step_text=step_text(payload.step, t),
        when=t.format_datetime(record.event.created_at),
        done_at=t.format_datetime(record.done.done_at),
        done_by=closer_name(record.done.done_by, t),
    )


def page_title(count: int, t: Translator) -> str:
    """The browser tab's title: the count first, so a guide sees it on a phone's tab list."""
    title = t.gettext("Help requests")
    return f"({count}) {title}" if count else title


def waiting_text(count: int, t: Translator) -> str:
    if not count:
        return t.gettext("Nobody is waiting for help.")
    return t.ngettext("%(num)d person is waiting for help.", "%(num)d people are waiting for help.", count) % {
        "num": count}


def live_answer(requests: list[HelpView], done: list[ClosedView], t: Translator) -> dict[str, Any]:
    """The body of /admin/help/live.json: everything the script shows, already in words."""
    return {
        "count": len(requests),
        "title": page_title(len(requests), t),
        "waiting": waiting_text(len(requests), t),
        "nav": t.gettext("Help requests (%(n)s)") % {"n": len(requests)},  # base.html's link, kept current
        "requests": [view.to_dict() for view in requests],
        "done": [view.to_dict() for view in done],
    }
