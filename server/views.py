"""What the admin pages show, made from query rows: times in Seoul, ages, sizes, STALE,
BEHIND and OUT OF DATE, usage tables and their CSV. No SQL and no HTTP here."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol


from kiosk.clock import as_naive_utc
from kiosk.guide.stats import count_visits
from protocol.events import TROUBLE_RESTARTS, HelpRequestPayload, HeartbeatView, RestartReason, ScreenState, UsageEvent
from protocol.help import RelayedRequest
from protocol.sync_status import SyncStatus, is_ok
from server.i18n import N_
from server.models import CenterRow, Event, Kiosk, Publication

MISSING = "—"


# Formatting -----------------------------------------------------------------------------------


def human_bytes(value: Any) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        return MISSING
    size = float(value)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.0f} {unit}" if unit in ("B", "KB") else f"{size:.1f} {unit}"
        size /= 1024
    return MISSING


def csv_cell(value: Any) -> Any:
    """Spreadsheets run cells starting with = + - @ as formulas; a leading ' keeps them text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def center_of(kiosk: Kiosk) -> str:
    return kiosk.center or kiosk.name


# Fleet ----------------------------------------------------------------------------------------
class Words(Protocol):
    """What views need of a page's language (server.i18n.Translator)."""

    def gettext(self, message: str) -> str: ...


@dataclass
class KioskRow:
    """One kiosk as the fleet pages show it: facts, not words; the template words them (and
    formats the times through the page's Translator), except the sync text, worded here."""

    name: str
    center: str | None  # the center id the server knows it by (None: no known center: the city's)
    district: str | None
    last_seen_at: dt.datetime | None
    seen_ago: dt.timedelta | None
    stale: bool
    app_version: str
    content_revision: int | None
    behind: bool
    sync_ok: bool | None
    sync_text: str
    sync_detail: str  # the kiosk's own error text, under the plain words ("" when it synced)
    waiting: int | None
    free_disk: str
    open_help: int
    content_view: str | None  # the center whose content it syncs, as it reported it (None: no report; "": the city's)
    out_of_date_since: dt.datetime | None  # None unless the kiosk's newest signed index has expired
    revoked_at: dt.datetime | None = None
    revoked_by: str | None = None
    visits_today: int = 0
    center_label: str = ""  # the center's name in the page's language (or the kiosk's center id)
    screen_state: str | None = None  # protocol.events.ScreenState as last reported
    trouble_restarts: int = 0  # watchdog, crash or power restarts in the last 24 hours


def reported_time(text: str | None) -> dt.datetime | None:
    """A time a kiosk reported (ISO), as naive UTC; None when there is none or it does not read."""
    try:
        return as_naive_utc(dt.datetime.fromisoformat(text)) if text else None
    except ValueError:
        return None


def expired_at(beat: HeartbeatView, now: dt.datetime) -> dt.datetime | None:
    """When the kiosk's newest signed index expired, if it has by ``now``. An expiry that does
    not read as a time is no expiry: the page cannot tell, and does not cry wolf."""
    expires = reported_time(beat.content_expires_at)
    return expires if expires is not None and expires <= now else None


# What a failed sync's error means, for the person reading the fleet page, by the kiosk's error
# text (kiosk.sync.client writes "<ErrorClass>: <detail>" in English): the first match wins.
SYNC_TROUBLE = [
    (("IndexRejected:",), ("expired",), N_(
        "The content's signature has expired: the server has stopped re-signing it. Check that "
        "`kiosk-server serve` is running; it re-signs by itself.")),
    (("IndexRejected:",), (), N_(
        "The kiosk refused the content because its signature did not check out. Connect the kiosk "
        "again (Kiosks page) so it gets the city's key; if that does not help, tell the city admin.")),
    (("DiskFull:",), (), N_("The kiosk's disk is full, so it cannot take new content. Free some space or call support.")),
    (("ContentError:", "SchemaVersionError:"), (), N_(
        "The kiosk refused the published content because it did not pass the kiosk's checks; it keeps "
        "showing what it had. Tell the admin who published it.")),
    (("SyncError:",), ("no view for center",), N_(
        "The server has no content for this kiosk's center. Check the kiosk's center on the Kiosks page.")),
    (("FormatError:",), (), N_("The published repository looks damaged. Ask the city admin to publish again.")),
    (("local file error",), (), N_("The kiosk could not write to its own disk. Restart it; if this stays, call support.")),
    (("FetchError:", "SyncError:", "ConnectionError:", "ConnectTimeout:", "ReadTimeout:", "Timeout:", "SSLError:",
      "ChunkedEncodingError:"), (), N_(
        "The kiosk could not download from the server. Check the center's internet connection; the kiosk "
        "tries again by itself.")),
]


def sync_words(status: str | None, message: str | None, t: Words) -> tuple[str, str]:
    """The kiosk's last sync result in plain words in the page's language, and the kiosk's own
    error text (in English, for whoever fixes it) to show under it."""
    known = {
        SyncStatus.UPDATED: t.gettext("new content received"),
        SyncStatus.UNCHANGED: t.gettext("up to date"),
        SyncStatus.FAILED: t.gettext("sync failed"),
        SyncStatus.BUSY: t.gettext("a sync was already running"),
    }
    if status is None:
        return t.gettext("no report yet"), ""
    words = known.get(status, status)
    if is_ok(status) or not message:
        return words, ""
    for prefixes, phrases, explanation in SYNC_TROUBLE:
        if message.startswith(prefixes) and all(phrase in message for phrase in phrases):
            return t.gettext(explanation), message[:300]
    return words, message[:300]


def fleet_row(kiosk: Kiosk, center: CenterRow | None, now: dt.datetime, latest: int | None, open_help: int,
              stale_after: dt.timedelta, t: Words, visits_today: int = 0, center_label: str = "") -> KioskRow:
    beat = HeartbeatView.of(kiosk.last_heartbeat)
    expired = expired_at(beat, now)
    sync_text, sync_detail = sync_words(beat.last_sync, beat.last_sync_message, t)
    return KioskRow(
        name=kiosk.name,
        center=center.id if center is not None else None,
        district=center.district if center is not None else None,
        last_seen_at=kiosk.last_seen_at,
        seen_ago=now - kiosk.last_seen_at if kiosk.last_seen_at else None,
        # A revoked kiosk is silent on purpose: REVOKED says it, not STALE.
        stale=kiosk.revoked_at is None and (kiosk.last_seen_at is None or now - kiosk.last_seen_at > stale_after),
        app_version=beat.app_version or MISSING,
        content_revision=beat.content_revision,
        # Unknown (never reported) is not "behind": the STALE mark already says it.
        behind=latest is not None and beat.content_revision is not None and beat.content_revision < latest,
        sync_ok=None if beat.last_sync is None else is_ok(beat.last_sync),
        sync_text=sync_text,
        sync_detail=sync_detail,
        waiting=beat.outbox_pending,
        free_disk=human_bytes(beat.free_disk),
        open_help=open_help,
        content_view=None if beat.center is None else beat.center[:100],
        out_of_date_since=expired,
        revoked_at=kiosk.revoked_at,
        revoked_by=kiosk.revoked_by,
        visits_today=visits_today,
        center_label=center_label or center_of(kiosk),
        screen_state=beat.screen_state,
        trouble_restarts=len(trouble_restarts(beat, now)),
    )


# What the kiosk says of itself (its heartbeat's operator fields) --------------------------------
RESTART_WORDS = {
    RestartReason.BOOT: N_("the center's computer was switched on"),
    RestartReason.POWER: N_("the computer started again while the kiosk ran (power cut or reset)"),
    RestartReason.WATCHDOG: N_("the screen froze and the kiosk was restarted"),
    RestartReason.CRASHED: N_("the kiosk stopped with an error and was restarted"),
    RestartReason.REMOTE: N_("restarted from the admin page"),
    RestartReason.STOPPED: N_("stopped on purpose and started again"),
}
SCREEN_WORDS = {
    ScreenState.OPEN: N_("open for visitors"),
    ScreenState.CLOSED: N_("closed (outside opening hours)"),
    ScreenState.BLANK: N_("closed, display off"),
}
TROUBLE_WINDOW = dt.timedelta(hours=24)


def trouble_restarts(beat: HeartbeatView, now: dt.datetime,
                     within: dt.timedelta = TROUBLE_WINDOW) -> list[tuple[dt.datetime, str]]:
    """When and why the kiosk restarted for a bad reason within ``within``, oldest first (a
    kiosk's clock a few minutes ahead of the server's still counts)."""
    found = [(reported_time(note.at), note.reason) for note in beat.restarts if note.reason in TROUBLE_RESTARTS]
    return sorted((at, reason) for at, reason in found
                  if at is not None and now - within <= at <= now + dt.timedelta(minutes=5))


@dataclass(frozen=True)
class RestartLine:
    at: dt.datetime | None
    words: str
    detail: str
    trouble: bool


@dataclass(frozen=True)
class KioskVitals:
    """A kiosk's own report, for its page: facts; times are formatted by the template."""

    reported_at: dt.datetime | None
    started_at: dt.datetime | None
    uptime: dt.timedelta | None
    memory: str
    free_disk: str
    screen: str
    last_sync_ok_at: dt.datetime | None
    content_expires_at: dt.datetime | None
    restarts: list[RestartLine]  # newest first


def kiosk_vitals(kiosk: Kiosk, t: Words) -> KioskVitals:
    beat = HeartbeatView.of(kiosk.last_heartbeat)
    screen = t.gettext(SCREEN_WORDS[beat.screen_state]) if beat.screen_state in SCREEN_WORDS else MISSING
    restarts = [
        RestartLine(reported_time(note.at), t.gettext(RESTART_WORDS[note.reason]) if note.reason in RESTART_WORDS
                    else note.reason[:40], note.detail[:200], note.reason in TROUBLE_RESTARTS)
        for note in reversed(beat.restarts)
    ]
    return KioskVitals(
        reported_at=reported_time(beat.at),
        started_at=reported_time(beat.started_at),
        uptime=dt.timedelta(seconds=beat.uptime_seconds) if beat.uptime_seconds else None,
        memory=human_bytes(beat.memory_bytes) if beat.memory_bytes else MISSING,
        free_disk=human_bytes(beat.free_disk),
        screen=screen,
        last_sync_ok_at=reported_time(beat.last_sync_ok_at),
        content_expires_at=reported_time(beat.content_expires_at),
        restarts=restarts,
    )


@dataclass
class Rollup:
    """The kiosks of one center or one district, counted: a row of a district's or the city's page."""

    id: str
    name: str
    kiosks: int = 0
    stale: int = 0
    behind: int = 0
    out_of_date: int = 0
    errors: int = 0
    revoked: int = 0
    open_help: int = 0
    visits_today: int = 0
    centers: int = 0  # a district's: how many centers it has (with kiosks or not)

    def add(self, row: KioskRow) -> None:
        self.kiosks += 1
        self.stale += row.stale
        self.behind += row.behind
        self.out_of_date += row.out_of_date_since is not None
        self.errors += row.sync_ok is False
        self.revoked += row.revoked_at is not None
        self.open_help += row.open_help
        self.visits_today += row.visits_today

    @property
    def trouble(self) -> bool:
        return bool(self.stale or self.behind or self.out_of_date or self.errors)


def rollups(rows: list[KioskRow], key: str, names: dict[str, str]) -> list[Rollup]:
    """One Rollup per value of ``key`` ("center" or "district") in ``names`` (every one, in
    that order, so a center with no kiosk shows too); rows with another value are left out."""
    table = {id_: Rollup(id_, name) for id_, name in names.items()}
    for row in rows:
        found = table.get(getattr(row, key) or "")
        if found is not None:
            found.add(row)
    return list(table.values())


def totals(rollups_: list[Rollup], name: str) -> Rollup:
    total = Rollup("", name)
    for part in rollups_:
        for counted in ("kiosks", "stale", "behind", "out_of_date", "errors", "revoked", "open_help",
                        "visits_today", "centers"):
            setattr(total, counted, getattr(total, counted) + getattr(part, counted))
    return total


# Visits ---------------------------------------------------------------------------------------
# A visit ends at the kiosk's idle reset (its visit_ended event) or after this long with no touch:
# the kiosk's default idle time plus its "are you still there?" prompt (kiosk.boot: 120 + 20 s),
# so the server counts visits as the guide panel does (kiosk.guide.stats.count_visits).
VISIT_GAP_SECONDS = 140


def visits_by_kiosk(activity: list[tuple[int, str | None, dt.datetime, dict]]) -> Counter[int]:
    """Visits per kiosk id, from queries.scoped_usage_activity rows (ordered per kiosk)."""
    per_kiosk: dict[int, list[tuple[dt.datetime, dict]]] = {}
    for kiosk_id, _, at, payload in activity:
        per_kiosk.setdefault(kiosk_id, []).append((at, payload))
    return Counter({kiosk_id: count_visits(events, VISIT_GAP_SECONDS) for kiosk_id, events in per_kiosk.items()})


def visits_by_day(activity: list[tuple[int, str | None, dt.datetime, dict]], display_tz: dt.tzinfo) -> Counter[dt.date]:
    """Visits per local day (a visit is counted on the day its kiosk's events fall)."""
    per_day: dict[tuple[int, dt.date], list[tuple[dt.datetime, dict]]] = {}
    for kiosk_id, _, at, payload in activity:
        per_day.setdefault((kiosk_id, local_day(at, display_tz)), []).append((at, payload))
    visits: Counter[dt.date] = Counter()
    for (_, day), events in per_day.items():
        visits[day] += count_visits(events, VISIT_GAP_SECONDS)
    return visits


def local_day(moment: dt.datetime, display_tz: dt.tzinfo) -> dt.date:
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(display_tz).date()


# Help requests --------------------------------------------------------------------------------
def relayed(event: Event, kiosk: Kiosk) -> RelayedRequest:
    """A stored help request as the relay and the admin page name it: by its help key."""
    payload = HelpRequestPayload.from_dict(event.payload or {})
    return RelayedRequest(key=event.key, kiosk=kiosk.name, created_at=event.created_at,
                          screen=payload.screen, lesson_id=payload.lesson_id, step=payload.step)


# Usage ----------------------------------------------------------------------------------------
def date_range(start: str | None, end: str | None, today: dt.date) -> tuple[dt.date, dt.date, bool]:
    """The days asked for (both included; the last 7 by default), and whether what was asked
    could not be read (then the last 7 days)."""
    unreadable = False
    try:
        last = dt.date.fromisoformat(end) if end else today
        first = dt.date.fromisoformat(start) if start else last - dt.timedelta(days=6)
    except ValueError:
        last, first, unreadable = today, today - dt.timedelta(days=6), True
    if first > last:
        first, last = last, first
    return first, last, unreadable


def day_start_utc(day: dt.date, display_tz: dt.tzinfo) -> dt.datetime:
    """Midnight of a local day, as stored (naive UTC)."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=display_tz)
    return start.astimezone(dt.timezone.utc).replace(tzinfo=None)


class Names(Protocol):
    """What usage tables need of server.titles.Titles."""

    def lesson(self, lesson_id: str | None, locale: str) -> str: ...
    def center(self, center_id: str | None, locale: str) -> str: ...
    def district(self, district_id: str | None, locale: str) -> str: ...


@dataclass
class UsageRow:
    district: str  # "" for a kiosk of no known center (the city's)
    district_name: str
    center: str
    center_name: str
    lesson: str  # "" when the kiosk did not say which lesson
    lesson_title: str
    started: int = 0
    finished: int = 0


def usage_rows(counts: list[tuple[str | None, str, str | None, str, int]], names: Names, locale: str,
               unknown_lesson: str) -> list[UsageRow]:
    """One row per (center, lesson) from queries.scoped_lesson_counts, named in ``locale``,
    sorted by district, center and lesson as people read them."""
    table: dict[tuple[str, str], UsageRow] = {}
    for district, center, lesson_id, event, count in counts:
        lesson = lesson_id or ""
        row = table.get((center, lesson))
        if row is None:
            row = table[(center, lesson)] = UsageRow(
                district or "", names.district(district, locale), center, names.center(center, locale),
                lesson, names.lesson(lesson, locale) if lesson else unknown_lesson)
        if event == UsageEvent.LESSON_STARTED:
            row.started += count
        else:
            row.finished += count
    return sorted(table.values(), key=lambda r: (r.district_name, r.center_name, r.lesson_title, r.lesson))


@dataclass
class UsageTotal:
    id: str
    name: str
    district_name: str = ""
    lessons: int = 0  # different lessons used
    started: int = 0
    finished: int = 0


def usage_totals(rows: list[UsageRow], by: str) -> list[UsageTotal]:
    """Per ``by`` ("center" or "district"), in the rows' order."""
    totals_: dict[str, UsageTotal] = {}
    for row in rows:
        key = getattr(row, by)
        total = totals_.get(key)
        if total is None:
            total = totals_[key] = UsageTotal(key, getattr(row, f"{by}_name"), row.district_name)
        total.lessons += 1
        total.started += row.started
        total.finished += row.finished
    return list(totals_.values())


@dataclass
class DayRow:
    day: dt.date
    visits: int
    help_requests: int


def days(first: dt.date, last: dt.date, visits: Counter[dt.date], help_times: list[dt.datetime],
         display_tz: dt.tzinfo) -> list[DayRow]:
    """Every day of the range (a day with nothing shows as 0), oldest first."""
    asked = Counter(local_day(moment, display_tz) for moment in help_times)
    count = (last - first).days + 1
    return [DayRow(day, visits.get(day, 0), asked.get(day, 0))
            for day in (first + dt.timedelta(days=n) for n in range(count))]


USAGE_CSV_COLUMNS = ["district", "district_name", "center", "center_name", "lesson", "lesson_title",
                     "lessons_started", "lessons_finished"]


def usage_csv(rows: list[UsageRow]) -> bytes:
    """The center x lesson table, ids (for spreadsheets joining other data) beside names."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(USAGE_CSV_COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(value) for value in (row.district, row.district_name, row.center, row.center_name,
                                                       row.lesson, row.lesson_title)] + [row.started, row.finished])
    # A byte order mark, so that Excel reads Korean names as UTF-8.
    return out.getvalue().encode("utf-8-sig")


# Revisions ------------------------------------------------------------------------------------
@dataclass
class RevisionRow:
    revision: int
    pack_id: str
    root: str
    files: int
    bytes: str
    published_at: dt.datetime
    kiosks: int
    published_by: str | None = None
    note: str | None = None
    restored_from: int | None = None


def revision_rows(publications: list[Publication], kiosks_on: Counter) -> list[RevisionRow]:
    return [RevisionRow(p.revision, p.pack_id, p.root[:12], p.files, human_bytes(p.bytes), p.published_at,
                        kiosks_on.get(p.revision, 0), p.published_by, p.note, p.restored_from)
            for p in publications]


def revisions_of(kiosks: list[Kiosk]) -> Counter[int | None]:
    """How many of these kiosks last reported each content revision."""
    return Counter(HeartbeatView.of(kiosk.last_heartbeat).content_revision for kiosk in kiosks)
