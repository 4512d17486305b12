"""The admin pages' languages: Korean first, English beside it.

Texts are written in English in templates (``{{ _("Fleet") }}``) and in code
(``me.t.gettext("...")``); the Korean catalogue is every ``.po`` file under
``server/locale/ko/LC_MESSAGES/`` (one per part of the site, merged here), read with Babel at
start-up, so a translator edits plain gettext files and nothing needs compiling.
tests/test_admin_i18n.py fails on any text of the pages that has no Korean.

Dates and times are Korean style in Seoul time ("2026. 12. 1. (화) 14:15") or British-style
English ("Tue 1 Dec 2026, 14:15"), never month-first, through Babel's CLDR data.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path

from babel.dates import format_date, format_datetime, format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES = ("ko", "en")
DEFAULT_LOCALE = "ko"
LOCALE_NAMES = {"ko": "한국어", "en": "English"}  # each in its own language, on the switch
CATALOGUE_DIR = Path(__file__).parent / "locale"
# Korea has no daylight saving time: a fixed offset needs no tz database (absent on Windows).
KST = dt.timezone(dt.timedelta(hours=9), "KST")

DATETIME_PATTERNS = {"ko": "y. M. d. (E) HH:mm", "en": "EEE d MMM y, HH:mm"}
DATE_PATTERNS = {"ko": "y. M. d. (E)", "en": "EEE d MMM y"}
NEVER = {"ko": "없음", "en": "never"}


def N_(message: str) -> str:
    """Marks a text for the catalogue where it is written (a constant, a raised error); it is
    translated where it is shown, with the page's Translator."""
    return message


class PlainError(Exception):
    """A reason in plain words: an English msgid with %(name)s fields, said in a page's
    language by ``say`` (accounts, uploads, previews all refuse this way)."""

    def __init__(self, message: str, **fields):
        super().__init__(message % fields if fields else message)
        self.message, self.fields = message, fields

    def say(self, t: "Translator") -> str:
        text = t.gettext(self.message)
        return text % self.fields if self.fields else text


def catalogue_files(locale: str) -> list[Path]:
    return sorted((CATALOGUE_DIR / locale / "LC_MESSAGES").glob("*.po"))


@functools.cache
def translations(locale: str) -> NullTranslations:
    """All of a language's .po files as one gettext catalogue (English: none needed)."""
    merged: Translations | None = None
    for path in catalogue_files(locale):
        with path.open("rb") as file:
            catalog = read_po(file, locale=locale)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        part = Translations(compiled)
        if merged is None:
            merged = part
        else:
            merged.merge(part)
    return merged or NullTranslations()


def pick_locale(wanted: str | None, accept_language: str = "") -> str:
    """An account's or a form's choice if we have it; else the browser's first language we
    have; else Korean."""
    if wanted in LOCALES:
        return wanted
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LOCALES:
            return code
    return DEFAULT_LOCALE


class Translator:
    """One language's texts and date formats, for one page."""

    def __init__(self, locale: str, display_tz: dt.tzinfo = KST):
        self.locale = locale if locale in LOCALES else DEFAULT_LOCALE
        self.display_tz = display_tz
        self._catalogue = translations(self.locale)

    def gettext(self, message: str) -> str:
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def format_datetime(self, moment: dt.datetime | None) -> str:
        """A stored naive-UTC time as the office reads it."""
        if moment is None:
            return NEVER[self.locale]
        aware = moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment
        return format_datetime(aware, DATETIME_PATTERNS[self.locale], tzinfo=self.display_tz, locale=self.locale)

    def format_date(self, day: dt.date | None) -> str:
        return NEVER[self.locale] if day is None else format_date(day, DATE_PATTERNS[self.locale], locale=self.locale)

    def format_ago(self, delta: dt.timedelta) -> str:
        if delta < dt.timedelta(minutes=1):
            return self.gettext("just now")
        # Whole minutes from the first: "1분 전", never "60초 전".
        return format_timedelta(-delta, add_direction=True, threshold=1, locale=self.locale)

    def format_duration(self, delta: dt.timedelta) -> str:
        return format_timedelta(delta, threshold=1, locale=self.locale)
