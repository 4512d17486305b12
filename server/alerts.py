"""Fleet alerts: a kiosk silent too long, sync failing again and again, expired content, a disk
almost full, or restarts that mean trouble. ``check`` opens a FleetAlert when a problem appears
and clears it when it is gone (one open row per kiosk and kind); ``AlertWatcher`` runs it every
minute in one server process at a time and mails what changed (server.mail).

Thresholds come from server.json's "alerts" section (``AlertSettings.read``).

Quiet at night: a kiosk may be switched off when its center closes. So silence is counted only
inside the center's opening hours (its ``open_times``, on the Seoul wall clock, as the kiosks
read them): a kiosk last heard at Friday 17:30 of a center open mon-fri 09:00-18:00 has been
silent for 30 minutes at Monday 09:00, and for 2 hours at Monday 10:30. A center without hours
counts every hour, except that a kiosk whose last heartbeat said its screen was closed or blank
(it knew it was outside its hours) is given ``silent_when_closed_after`` (a night) instead.

While a kiosk is silent its other alerts are left as they are: its last heartbeat is old news,
it can neither open nor clear them. A revoked kiosk is silent on purpose: its alerts are closed
without mail.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.clock import Clock, utc_now
from kiosk.content.schema import WEEKDAY_NAMES, WeeklyWindow
from protocol.events import EventKind, HeartbeatView, RestartReason, ScreenState
from protocol.sync_status import SyncStatus
from server import i18n
from server.i18n import N_
from server.leader import PeriodicJob, named_lock
from server.models import CenterRow, Event, FleetAlert, Kiosk
from server import views
from server.views import expired_at, human_bytes, sync_words

log = logging.getLogger("server.alerts")

GB = 1024**3
SEOUL = i18n.KST  # the kiosks' wall clock: opening hours are read in it
# Silence older than this is silent whatever the hours (and the hours are not walked further back).
LONGEST_LOOK_BACK = dt.timedelta(days=14)


class AlertKind(StrEnum):
    SILENT = "silent"  # no contact beyond the threshold
    SYNC_FAILING = "sync_failing"  # the last N heartbeats all said the sync failed
    CONTENT_EXPIRED = "content_expired"  # the kiosk's newest signed index has expired
    LOW_DISK = "low_disk"  # free disk under the threshold
    RESTARTS = "restarts"  # N or more trouble restarts (protocol.events.TROUBLE_RESTARTS) in a day


# Settings -------------------------------------------------------------------------------------
ALERTS_KEY = "alerts"


@dataclass(frozen=True)
class AlertSettings:
    silent_after: dt.timedelta = dt.timedelta(hours=2)
    silent_when_closed_after: dt.timedelta = dt.timedelta(hours=16)  # a night, 18:00 to 10:00
    sync_failures: int = 3  # heartbeats in a row
    low_disk_bytes: int = GB
    restarts: int = 3
    restarts_within: dt.timedelta = dt.timedelta(hours=24)
    every: dt.timedelta = dt.timedelta(minutes=1)

    # server.json "alerts" key -> (field, unit in seconds or None for a count, lowest allowed)
    KEYS = {
        "silent_after_minutes": ("silent_after", 60, 1),
        "silent_when_closed_after_hours": ("silent_when_closed_after", 3600, 1),
        "sync_failures": ("sync_failures", None, 1),
        "low_disk_gb": ("low_disk_bytes", GB, 0),
        "restarts": ("restarts", None, 1),
        "restarts_within_hours": ("restarts_within", 3600, 1),
        "check_every_seconds": ("every", 1, 1),
    }

    @classmethod
    def read(cls, config: dict, where: str = "server.json") -> "AlertSettings":
        """The "alerts" section of a server config; missing keys keep their defaults. A value
        that is not a number is refused with what to write instead."""
        section = config.get(ALERTS_KEY) or {}
        if not isinstance(section, dict):
            raise ValueError(f'{where}: "{ALERTS_KEY}" must be an object like {{"silent_after_minutes": 120}}')
        unknown = sorted(set(section) - set(cls.KEYS))
        if unknown:
            raise ValueError(f'{where}: "{ALERTS_KEY}" has unknown key(s) {", ".join(unknown)}; '
                             f'known: {", ".join(cls.KEYS)}')
        values: dict[str, Any] = {}
        for key, value in section.items():
            name, unit, lowest = cls.KEYS[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < lowest:
                raise ValueError(f'{where}: "{ALERTS_KEY}" "{key}" must be a number of at least {lowest}, not {value!r}')
            if unit is None:
                values[name] = int(value)
            elif name == "low_disk_bytes":
                values[name] = int(value * unit)
            else:
                values[name] = dt.timedelta(seconds=value * unit)
        return cls(**values)


# What each kind says -------------------------------------------------------------------------
TITLES = {
    AlertKind.SILENT: N_("Not heard from"),
    AlertKind.SYNC_FAILING: N_("Sync keeps failing"),
    AlertKind.CONTENT_EXPIRED: N_("Content expired"),
    AlertKind.LOW_DISK: N_("Disk almost full"),
    AlertKind.RESTARTS: N_("Restarts again and again"),
}
TO_DO = {
    AlertKind.SILENT: N_("Check that the kiosk is switched on and that the center's internet works. If its screen "
                         "is frozen or black, switch the kiosk off and on again."),
    AlertKind.SYNC_FAILING: N_("Check the center's internet connection; the kiosk tries again by itself. If this "
                               "stays, tell the city admin."),
    AlertKind.CONTENT_EXPIRED: N_("Check that `kiosk-server serve` is running and that the kiosk can reach the "
                                  "server: the kiosk renews its content by itself at its next sync."),
    AlertKind.LOW_DISK: N_("Free some space on the kiosk or call support: with a full disk it cannot take new "
                           "content."),
    AlertKind.RESTARTS: N_("Check the power cable and the socket. If the screen froze, call support with the "
                           "kiosk's name."),
}
@dataclass(frozen=True)
class Description:
    title: str  # a few words: "Disk almost full"
    what: str  # a sentence with the facts
    to_do: str  # what the person can do about it
    since: dt.datetime  # when the problem began (naive UTC)


def since_of(alert: FleetAlert) -> dt.datetime:
    return views.reported_time((alert.detail or {}).get("since")) or alert.opened_at


def describe(alert: FleetAlert, t: i18n.Translator) -> Description:
    """The alert in plain words in ``t``'s language (the page and the mail say the same)."""
    kind, detail = AlertKind(alert.kind), alert.detail or {}
    since = since_of(alert)
    when = t.format_datetime(since)
    to_do = t.gettext(TO_DO[kind])
    if kind is AlertKind.SILENT:
        what = t.gettext("The kiosk has not contacted the server since %(time)s.") % {"time": when}
    elif kind is AlertKind.SYNC_FAILING:
        what = t.gettext("The kiosk could not get new content %(count)s times in a row, since %(time)s.") % {
            "count": detail.get("count", "?"), "time": when}
        explained, _ = sync_words(SyncStatus.FAILED, detail.get("message") or "", t)
        if explained != t.gettext("sync failed"):
            to_do = explained  # the fleet page's reading of the kiosk's own error says more
    elif kind is AlertKind.CONTENT_EXPIRED:
        what = t.gettext("The kiosk's content expired at %(time)s: it may show out-of-date information.") % {
            "time": when}
    elif kind is AlertKind.LOW_DISK:
        what = t.gettext("The kiosk has only %(free)s of disk space left.") % {"free": human_bytes(detail.get("free"))}
    else:
        reasons = ", ".join(t.gettext(views.RESTART_WORDS[RestartReason(r)]) for r in detail.get("reasons", [])
                            if r in views.RESTART_WORDS)
        what = t.gettext("The kiosk restarted %(count)s times in a day because of trouble (%(reasons)s), the first "
                         "at %(time)s.") % {"count": detail.get("count", "?"), "reasons": reasons, "time": when}
    return Description(t.gettext(TITLES[kind]), what, to_do, since)


# The check ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    alert_id: int
    kiosk: str
    kind: AlertKind
    opened: bool  # True: opened now; False: cleared now


def open_seconds(since: dt.datetime, now: dt.datetime, windows: list[WeeklyWindow]) -> float:
    """How much of [since, now] (naive UTC) fell inside these weekly windows on Seoul's clock."""
    start = max(since, now - LONGEST_LOOK_BACK).replace(tzinfo=dt.timezone.utc).astimezone(SEOUL).replace(tzinfo=None)
    end = now.replace(tzinfo=dt.timezone.utc).astimezone(SEOUL).replace(tzinfo=None)
    total, day = 0.0, start.date()
    while day <= end.date():
        for window in windows:
            if WEEKDAY_NAMES[day.weekday()] in window.days:
                low = max(start, dt.datetime.combine(day, window.start))
                high = min(end, dt.datetime.combine(day, window.end))
                total += max(0.0, (high - low).total_seconds())
        day += dt.timedelta(days=1)
    return total


def open_times(center: CenterRow | None) -> list[WeeklyWindow]:
    if center is None:
        return []
    try:
        return [WeeklyWindow.model_validate(w) for w in (center.data or {}).get("open_times") or []]
    except ValueError:  # stored by an older schema: count every hour rather than none
        return []


def silence(kiosk: Kiosk, windows: list[WeeklyWindow], beat: HeartbeatView, now: dt.datetime,
            settings: AlertSettings) -> dict | None:
    """The kiosk's silence if it is too long: ``windows`` are its center's opening hours."""
    last = kiosk.last_seen_at or kiosk.created_at
    if windows:
        silent = open_seconds(last, now, windows) > settings.silent_after.total_seconds()
    elif beat.screen_state in (ScreenState.CLOSED, ScreenState.BLANK):
        silent = now - last > settings.silent_when_closed_after
    else:
        silent = now - last > settings.silent_after
    return {"since": last.isoformat()} if silent else None


def failing_syncs(session: Session, kiosk: Kiosk, settings: AlertSettings) -> dict | None:
    """The kiosk's last ``sync_failures`` heartbeats all said "failed" (a busy one, a sync that
    did not run, neither breaks nor adds to the run)."""
    rows = session.execute(
        select(Event.created_at, Event.payload)
        .where(Event.kiosk_id == kiosk.id, Event.kind == EventKind.HEARTBEAT)
        .order_by(Event.created_at.desc(), Event.id.desc())
        .limit(settings.sync_failures * 3)
    ).all()
    count, first, message = 0, None, ""
    for created_at, payload in rows:
        beat = HeartbeatView.of(payload)
        if beat.last_sync == SyncStatus.BUSY:
            continue
        if beat.last_sync != SyncStatus.FAILED:
            break
        count, first = count + 1, created_at
        message = message or (beat.last_sync_message or "")
        if count >= settings.sync_failures:
            return {"since": first.isoformat(), "count": count, "message": message[:300]}
    return None


def trouble_restarts(beat: HeartbeatView, now: dt.datetime, settings: AlertSettings) -> dict | None:
    recent = views.trouble_restarts(beat, now, settings.restarts_within)
    if len(recent) < settings.restarts:
        return None
    reasons = list(dict.fromkeys(reason for _, reason in recent))
    return {"since": recent[0][0].isoformat(), "count": len(recent), "reasons": reasons}


def heard_problems(session: Session, kiosk: Kiosk, beat: HeartbeatView, now: dt.datetime,
                   settings: AlertSettings) -> dict[AlertKind, dict]:
    """What the kiosk's latest heartbeat (and those before it) say is wrong now: kind -> facts."""
    found: dict[AlertKind, dict] = {}
    if beat.last_sync in (SyncStatus.FAILED, SyncStatus.BUSY):  # history read only for kiosks failing now
        failing = failing_syncs(session, kiosk, settings)
        if failing:
            found[AlertKind.SYNC_FAILING] = failing
    expired = expired_at(beat, now)
    if expired is not None:
        found[AlertKind.CONTENT_EXPIRED] = {"since": expired.isoformat()}
    if beat.free_disk is not None and beat.free_disk < settings.low_disk_bytes:
        found[AlertKind.LOW_DISK] = {"since": now.isoformat(), "free": beat.free_disk}
    restarts = trouble_restarts(beat, now, settings)
    if restarts:
        found[AlertKind.RESTARTS] = restarts
    return found


def check(session: Session, now: dt.datetime, settings: AlertSettings) -> list[Change]:
    """Open and clear the fleet's alerts as the kiosks' rows say at ``now`` (naive UTC).
    Flushes; the caller commits. Run under ``alert_lock`` so that two processes never open the
    same alert twice."""
    open_alerts: dict[tuple[int, str], FleetAlert] = {
        (a.kiosk_id, a.kind): a for a in session.scalars(select(FleetAlert).where(FleetAlert.cleared_at.is_(None)))}
    changes: list[tuple[FleetAlert, Kiosk, AlertKind, bool]] = []
    hours: dict[str | None, list[WeeklyWindow]] = {}  # per center, read once a round
    for kiosk, center in session.execute(select(Kiosk, CenterRow).outerjoin(CenterRow, CenterRow.id == Kiosk.center)):
        if kiosk.revoked_at is not None:
            for kind in AlertKind:
                alert = open_alerts.get((kiosk.id, kind))
                if alert is not None:  # closed on purpose by a person: no mail about it
                    alert.cleared_at = alert.mailed_clear_at = now
                    alert.mailed_open_at = alert.mailed_open_at or now
            continue
        beat = HeartbeatView.of(kiosk.last_heartbeat)
        key = center.id if center is not None else None
        if key not in hours:
            hours[key] = open_times(center)
        silent = silence(kiosk, hours[key], beat, now, settings)
        found = {AlertKind.SILENT: silent} if silent else heard_problems(session, kiosk, beat, now, settings)
        for kind in AlertKind:
            alert = open_alerts.get((kiosk.id, kind))
            if silent and kind is not AlertKind.SILENT:
                continue  # an old heartbeat is no news: the other kinds stay as they are
            facts = found.get(kind)
            if facts is not None and alert is None:
                alert = FleetAlert(kiosk_id=kiosk.id, kind=kind.value, opened_at=now, detail=facts)
                session.add(alert)
                changes.append((alert, kiosk, kind, True))
            elif facts is None and alert is not None:
                alert.cleared_at = now
                changes.append((alert, kiosk, kind, False))
    session.flush()
    for alert, kiosk, kind, opened in changes:
        log.info("alert %s %s for kiosk %s", "opened" if opened else "cleared", kind.value, kiosk.name)
    return [Change(alert.id, kiosk.name, kind, opened) for alert, kiosk, kind, opened in changes]


# One process at a time ------------------------------------------------------------------------
# As server.leader.publish_lock, with a key and a file of its own: checking and mailing never
# waits behind a publish, and a publish never waits behind a slow mail server.
ALERT_LOCK_KEY = 0x4B494F534B414C54  # "KIOSKALT" in ASCII
LOCK_FILE_SUFFIX = ".alerts-lock"


def alert_lock(bind: Engine | sessionmaker):
    """True while this process holds the alerts lock, False at once if another does."""
    return named_lock(bind, ALERT_LOCK_KEY, LOCK_FILE_SUFFIX, wait=False)


# The watcher ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Round:
    changes: list[Change]
    mailed: int  # emails sent this round


class AlertWatcher(PeriodicJob):
    """Every ``settings.every``, in a thread of its own: if this process gets the alerts lock,
    check the fleet, commit, then send the mails still owed (server.mail; none without SMTP
    settings). Runs once at ``start`` too."""

    name = "alert watcher"
    round_name = "alert check"

    def __init__(self, sessions: sessionmaker, settings: AlertSettings = AlertSettings(), smtp=None,
                 public_url: str = "", clock: Clock = utc_now):
        super().__init__(settings.every)
        self.sessions = sessions
        self.settings = settings
        self.smtp = smtp  # server.mail.SmtpSettings, or None: alerts on the page only
        self.public_url = public_url
        self.clock = clock

    def run_once(self) -> Round | None:
        """What this round changed and mailed, or None if another process holds the lock."""
        from server import mail

        with alert_lock(self.sessions) as held:
            if not held:
                log.debug("alert check skipped: another server process is on it (pid %d)", os.getpid())
                return None
            now = self.clock()
            with self.sessions.begin() as session:
                changes = check(session, now, self.settings)
            mailed = 0
            if self.smtp is not None:
                mailed = mail.send_owed(self.sessions, self.smtp, now, self.public_url)
            return Round(changes, mailed)

    def start(self) -> None:
        if self.smtp is None:
            log.info('no "smtp" in the server config: alerts are shown on the admin page but not mailed')
        super().start()
