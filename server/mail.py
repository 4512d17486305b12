"""The alerts' emails (server.alerts): one when a problem opens and one when it clears, to the
people responsible for the kiosk's center, each in their own language.

Who: the center's staff with an email address; if none, the admins of its district; if none,
the city admins (a kiosk of no center: the city admins). Disabled accounts get nothing.

Settings: server.json's "smtp" section::

    "smtp": {"host": "smtp.example.org", "port": 587, "security": "starttls",
             "user": "kiosk-alerts", "password_env": "KIOSK_SMTP_PASSWORD",
             "from": "Seoul kiosks <kiosk-alerts@example.org>"}

``security`` is "starttls" (the default), "ssl" (port 465) or "none" (a relay on the same
host). The password is never in server.json: it is read from the environment variable named
by ``password_env`` when a mail is sent.

Never lost, never twice: an alert's ``mailed_open_at`` / ``mailed_clear_at`` is written (and
committed) right after its mail went out; a mail server that is down leaves them empty and the
next round tries again. A clear mail is sent only after its open mail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import logging
import os
import smtplib
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import quote

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from server import i18n
from server.alerts import describe
from server.models import CenterRow, FleetAlert, Kiosk, Staff
from server.scope import Role
from server.titles import center_names, pick

log = logging.getLogger("server.mail")

SMTP_KEY = "smtp"
SECURITY = ("starttls", "ssl", "none")
# Mails owed about problems that cleared longer ago than this are not sent any more (e.g. SMTP
# configured only now): news of last week helps no one, and must not flood anyone's inbox.
OWED_FOR = dt.timedelta(days=1)


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    sender: str
    port: int = 587
    security: str = "starttls"
    user: str = ""
    password_env: str = ""
    timeout: float = 30.0

    @classmethod
    def read(cls, config: dict, where: str = "server.json") -> "SmtpSettings | None":
        """The "smtp" section of a server config, or None if there is none (no mail)."""
        section = config.get(SMTP_KEY)
        if not section:
            return None
        if not isinstance(section, dict) or not isinstance(section.get("host"), str) or not section["host"]:
            raise ValueError(f'{where}: "{SMTP_KEY}" needs at least "host" and "from", e.g. '
                             '{"host": "smtp.example.org", "from": "kiosk-alerts@example.org"}')
        if "password" in section:
            raise ValueError(f'{where}: "{SMTP_KEY}" must not hold the password; put it in an environment variable '
                             'and name that variable in "password_env"')
        sender = section.get("from")
        if not isinstance(sender, str) or "@" not in sender:
            raise ValueError(f'{where}: "{SMTP_KEY}" "from" must be the address the mails come from, not {sender!r}')
        security = section.get("security", "starttls")
        if security not in SECURITY:
            raise ValueError(f'{where}: "{SMTP_KEY}" "security" must be one of {", ".join(SECURITY)}, not {security!r}')
        port = section.get("port", 465 if security == "ssl" else 587)
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            raise ValueError(f'{where}: "{SMTP_KEY}" "port" must be a port number, not {port!r}')
        return cls(host=section["host"], sender=sender, port=port, security=security,
                   user=str(section.get("user") or ""), password_env=str(section.get("password_env") or ""))

    def password(self) -> str:
        if not self.user:
            return ""
        value = os.environ.get(self.password_env) if self.password_env else None
        if not value:
            raise MailNotSent(f"the SMTP user {self.user} has no password: set the environment variable "
                              f"{self.password_env or '(name it in smtp.password_env)'} for the server")
        return value


class MailNotSent(Exception):
    """The mail server could not be reached or refused to take a mail: try again next round."""


@contextlib.contextmanager
def connection(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    try:
        if settings.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                                    context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.user:
                server.login(settings.user, settings.password())
            yield server
    except (smtplib.SMTPException, OSError) as error:
        raise MailNotSent(f"{type(error).__name__}: {error}") from error


# Who is told -------------------------------------------------------------------------------------
def recipients(session: Session, center: CenterRow | None) -> list[Staff]:
    """The people responsible for a kiosk of this center who have an email address."""
    with_email = select(Staff).where(Staff.email.is_not(None), Staff.email != "", Staff.disabled_at.is_(None))
    if center is not None:
        people = list(session.scalars(with_email.where(Staff.role == Role.CENTER.value, Staff.center == center.id)))
        if people:
            return people
        people = list(session.scalars(with_email.where(Staff.role == Role.DISTRICT.value,
                                                       Staff.district == center.district)))
        if people:
            return people
    return list(session.scalars(with_email.where(Staff.role == Role.CITY.value)))


# What they read ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Letter:
    subject: str
    body: str


def letter(alert: FleetAlert, kiosk: Kiosk, center_name: str, opened: bool, t: i18n.Translator,
           public_url: str) -> Letter:
    words = describe(alert, t)
    place = {"kiosk": kiosk.name, "center": center_name}
    if opened:
        subject = t.gettext("Kiosk %(kiosk)s (%(center)s): %(problem)s") % {**place, "problem": words.title}
        lines = [t.gettext("A problem with kiosk %(kiosk)s at %(center)s: %(problem)s.") % {
                     **place, "problem": words.title},
                 "", words.what, "",
                 t.gettext("Noticed at %(time)s (Seoul time).") % {"time": t.format_datetime(alert.opened_at)}, "",
                 t.gettext("What to do: %(to_do)s") % {"to_do": words.to_do}]
    else:
        subject = t.gettext("Solved: kiosk %(kiosk)s (%(center)s): %(problem)s") % {**place, "problem": words.title}
        lines = [t.gettext("The problem with kiosk %(kiosk)s at %(center)s is over: %(problem)s.") % {
                     **place, "problem": words.title}, "",
                 t.gettext("It began at %(began)s and was over at %(ended)s (Seoul time). Nothing more to do.") % {
                     "began": t.format_datetime(words.since), "ended": t.format_datetime(alert.cleared_at)}]
    if public_url:
        lines += ["", t.gettext("The kiosk on the admin page: %(link)s") % {
            "link": f"{public_url.rstrip('/')}/admin/kiosks/{quote(kiosk.name)}"}]
    else:
        lines += ["", t.gettext("See the Alerts page of the kiosk admin pages.")]
    lines += ["", "-- ", t.gettext("Sent by the Seoul learning kiosks server. You get this because your account is "
                                   "responsible for this center; change your email address on Your account.")]
    return Letter(subject, "\n".join(lines) + "\n")


def message(settings: SmtpSettings, people: list[Staff], words: Letter) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.sender
    mail["To"] = ", ".join(email.utils.formataddr((p.display_name, p.email)) for p in people)
    mail["Subject"] = words.subject
    mail["Date"] = email.utils.formatdate(localtime=False)
    mail["Message-ID"] = email.utils.make_msgid(domain=settings.sender.rpartition("@")[2].strip("> ") or None)
    mail.set_content(words.body)
    return mail


# Sending ----------------------------------------------------------------------------------------
def owed(session: Session, now: dt.datetime) -> list[tuple[FleetAlert, Kiosk, CenterRow | None, bool]]:
    """Mails still to send, oldest first: (alert, kiosk, center, opened?)."""
    rows = session.execute(
        select(FleetAlert, Kiosk, CenterRow)
        .join(Kiosk, Kiosk.id == FleetAlert.kiosk_id)
        .outerjoin(CenterRow, CenterRow.id == Kiosk.center)
        .where(or_(FleetAlert.mailed_open_at.is_(None), FleetAlert.mailed_clear_at.is_(None)))
        .where(or_(FleetAlert.cleared_at.is_(None), FleetAlert.cleared_at >= now - OWED_FOR))
        .order_by(FleetAlert.opened_at, FleetAlert.id)
    ).all()
    result = []
    for alert, kiosk, center in rows:
        if alert.mailed_open_at is None:
            result.append((alert, kiosk, center, True))
        if alert.cleared_at is not None and alert.mailed_clear_at is None:
            result.append((alert, kiosk, center, False))
    return result


def send_owed(sessions: sessionmaker, settings: SmtpSettings, now: dt.datetime, public_url: str = "") -> int:
    """Send the mails owed, over one connection; each alert's mark is committed right after its
    mail went out. Stops at the first failure (the mail server is down: the next round tries
    again). Returns how many mails (opened or cleared) were sent."""
    sent = 0
    with sessions() as session:
        todo = owed(session, now)
        if not todo:
            return 0
        names, _ = center_names(session)
        try:
            with connection(settings) as server:
                for alert, kiosk, center, opened in todo:
                    if not opened and alert.mailed_open_at is None:
                        continue  # its open mail did not go: the clear mail waits for it
                    people = recipients(session, center)
                    if not people:
                        log.warning("alert %s of kiosk %s: nobody to mail; add an email address to the center's "
                                    "staff, its district admin or a city admin", alert.kind, kiosk.name)
                        continue
                    by_locale: dict[str, list[Staff]] = {}
                    for person in people:
                        by_locale.setdefault(i18n.pick_locale(person.locale), []).append(person)
                    for locale, group in by_locale.items():
                        t = i18n.Translator(locale)
                        center_name = (pick(names.get(center.id), locale) or center.id) if center else t.gettext(
                            "no center (the city's)")
                        words = letter(alert, kiosk, center_name, opened, t, public_url)
                        try:
                            refused = server.send_message(message(settings, group, words))
                        except smtplib.SMTPRecipientsRefused as error:
                            refused = error.recipients
                        if refused:
                            # A wrong address is refused every time: retrying would only block the rest.
                            log.warning("the mail server refused %s for alert %s of kiosk %s: fix the address on "
                                        "the account", ", ".join(refused), alert.kind, kiosk.name)
                    if opened:
                        alert.mailed_open_at = now
                    else:
                        alert.mailed_clear_at = now
                    session.commit()
                    sent += 1
                    log.info("alert %s of kiosk %s mailed (%s) to %d person(s)", alert.kind, kiosk.name,
                             "opened" if opened else "cleared", len(people))
        except MailNotSent as error:
            log.warning("alert mail not sent, trying again next round: %s", error)
    return sent

