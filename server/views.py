"""What the admin pages show, made from query rows: times in Seoul, ages, sizes, STALE,
BEHIND and OUT OF DATE, usage tables and their CSV. No SQL and no HTTP here."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from kiosk.clock import as_naive_utc
from protocol.events import HelpRequestPayload, HeartbeatView, UsageEvent
from protocol.help import RelayedRequest
from protocol.sync_status import is_ok
from server.models import Event, HelpDone, Kiosk, Publication

# Korea has no daylight saving time: a fixed offset needs no tz database (absent on Windows).
KST = dt.timezone(dt.timedelta(hours=9), "KST")
TEMPLATES_DIR = Path(__file__).parent / "templates"
MISSING = "—"
CITY_VIEW = "the whole city"  # what a heartbeat's empty center means


def templates(display_tz: dt.tzinfo) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html"]),
        trim_blocks=True, lstrip_blocks=True,
    )
    environment.filters["local"] = lambda moment: local_time(moment, display_tz)
    return environment


# Formatting -----------------------------------------------------------------------------------
def local_time(moment: dt.datetime | None, display_tz: dt.tzinfo) -> str:
    """A stored naive-UTC time as the office reads it."""
    if moment is None:
        return "never"
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(display_tz).strftime("%Y-%m-%d %H:%M %Z")


def human_bytes(value: Any) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        return MISSING
    size = float(value)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.0f} {unit}" if unit in ("B", "KB") else f"{size:.1f} {unit}"
        size /= 1024
    return MISSING


def human_age(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min ago" if minutes else f"{hours} h ago"
    return f"{hours // 24} days ago"


def csv_cell(value: Any) -> Any:
    """Spreadsheets run cells starting with = + - @ as formulas; a leading ' keeps them text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def center_of(kiosk: Kiosk) -> str:
    return kiosk.center or kiosk.name


# Fleet ----------------------------------------------------------------------------------------
@dataclass
class KioskRow:
    name: str
    center: str
    last_seen: str
    seen_ago: str
    stale: bool
    app_version: str
    content_revision: int | None
    behind: bool
    sync_ok: bool | None
    sync_text: str
    waiting: str
    free_disk: str
    open_help: int
    content_view: str  # the center whose content the kiosk syncs, as it reported it ("" = no report)
    out_of_date_since: str  # "" unless the kiosk's newest signed index has expired


def expired_at(beat: HeartbeatView, now: dt.datetime) -> dt.datetime | None:
    """When the kiosk's newest signed index expired, if it has by ``now``. An expiry that does
    not read as a time is no expiry: the page cannot tell, and does not cry wolf."""
    try:
        expires = as_naive_utc(dt.datetime.fromisoformat(beat.content_expires_at or ""))
    except ValueError:
        return None
    return expires if expires <= now else None


def kiosk_row(kiosk: Kiosk, now: dt.datetime, latest: int | None, open_help: int,
              stale_after: dt.timedelta, display_tz: dt.tzinfo) -> KioskRow:
    beat = HeartbeatView.of(kiosk.last_heartbeat)
    sync_ok = None if beat.last_sync is None else is_ok(beat.last_sync)
    sync_text = beat.last_sync or "no report yet"
    if sync_ok is False and beat.last_sync_message:
        sync_text = f"{beat.last_sync}: {beat.last_sync_message}"
    expired = expired_at(beat, now)
    return KioskRow(
        name=kiosk.name,
        center=center_of(kiosk),
        last_seen=local_time(kiosk.last_seen_at, display_tz),
        seen_ago=human_age(now - kiosk.last_seen_at) if kiosk.last_seen_at else "",
        stale=kiosk.last_seen_at is None or now - kiosk.last_seen_at > stale_after,
        app_version=beat.app_version or MISSING,
        content_revision=beat.content_revision,
        # Unknown (never reported) is not "behind": the STALE mark already says it.
        behind=latest is not None and beat.content_revision is not None and beat.content_revision < latest,
        sync_ok=sync_ok,
        sync_text=sync_text[:300],
        waiting=str(beat.outbox_pending) if beat.outbox_pending is not None else MISSING,
        free_disk=human_bytes(beat.free_disk),
        open_help=open_help,
        content_view="" if beat.center is None else beat.center[:100] or CITY_VIEW,
        out_of_date_since=local_time(expired, display_tz) if expired else "",
    )


# Help requests --------------------------------------------------------------------------------
def relayed(event: Event, kiosk: Kiosk) -> RelayedRequest:
    """A stored help request as the relay and the admin page name it: by its help key."""
    payload = HelpRequestPayload.from_dict(event.payload or {})
    return RelayedRequest(key=event.key, kiosk=kiosk.name, created_at=event.created_at,
                          screen=payload.screen, lesson_id=payload.lesson_id, step=payload.step)


def help_row(event: Event, kiosk: Kiosk, now: dt.datetime, display_tz: dt.tzinfo) -> dict:
    return {**relayed(event, kiosk).to_dict(), "center": center_of(kiosk),
            "when": local_time(event.created_at, display_tz), "ago": human_age(now - event.created_at)}


def closed_help_row(event: Event, kiosk: Kiosk, mark: HelpDone, display_tz: dt.tzinfo) -> dict:
    return {**relayed(event, kiosk).to_dict(), "center": center_of(kiosk),
            "when": local_time(event.created_at, display_tz),
            "done_at": local_time(mark.done_at, display_tz), "done_by": mark.done_by}


# Usage ----------------------------------------------------------------------------------------
DATE_HINT = "Dates are written 2030-01-31; showing the last 7 days."
UNKNOWN_LESSON = "(unknown)"


def date_range(start: str | None, end: str | None, today: dt.date) -> tuple[dt.date, dt.date, str]:
    """The days asked for (both included; the last 7 by default) and a note if unreadable."""
    note = ""
    try:
        last = dt.date.fromisoformat(end) if end else today
        first = dt.date.fromisoformat(start) if start else last - dt.timedelta(days=6)
    except ValueError:
        last, first, note = today, today - dt.timedelta(days=6), DATE_HINT
    if first > last:
        first, last = last, first
    return first, last, note


def day_start_utc(day: dt.date, display_tz: dt.tzinfo) -> dt.datetime:
    """Midnight of a local day, as stored (naive UTC)."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=display_tz)
    return start.astimezone(dt.timezone.utc).replace(tzinfo=None)


def usage_rows(counts: list[tuple[str, str | None, str, int]]) -> list[dict]:
    """One row per (center, lesson) with its started and finished counts, sorted."""
    table: dict[tuple[str, str], dict] = {}
    for center, lesson_id, event, count in counts:
        lesson = lesson_id or UNKNOWN_LESSON
        row = table.setdefault((center, lesson), {"center": center, "lesson": lesson, "started": 0, "finished": 0})
        row["started" if event == UsageEvent.LESSON_STARTED else "finished"] += count
    return [table[key] for key in sorted(table)]


def center_totals(rows: list[dict]) -> list[dict]:
    centers: dict[str, dict] = {}
    for row in rows:
        total = centers.setdefault(row["center"], {"center": row["center"], "started": 0, "finished": 0, "lessons": 0})
        total["started"] += row["started"]
        total["finished"] += row["finished"]
        total["lessons"] += 1
    return list(centers.values())


def usage_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["center", "lesson", "lessons_started", "lessons_finished"])
    for row in rows:
        writer.writerow([csv_cell(row["center"]), csv_cell(row["lesson"]), row["started"], row["finished"]])
    # A byte order mark, so that Excel reads Korean center names as UTF-8.
    return out.getvalue().encode("utf-8-sig")


# Revisions ------------------------------------------------------------------------------------
def revision_rows(publications: list[Publication], kiosks_on: Counter, display_tz: dt.tzinfo) -> list[dict]:
    return [
        {"revision": p.revision, "pack_id": p.pack_id, "root": p.root[:12], "files": p.files,
         "bytes": human_bytes(p.bytes), "published_at": local_time(p.published_at, display_tz),
         "kiosks": kiosks_on.get(p.revision, 0)}
        for p in publications
    ]
