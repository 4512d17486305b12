"""The admin pages are Korean first: every text written in the templates or marked in the
server's code has a Korean translation in server/locale/ko/LC_MESSAGES/*.po, and the dates
read the Korean way in Seoul time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.extract import extract_from_dir

from server import i18n

SERVER = Path(__file__).resolve().parent.parent / "server"
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}


PLURALS: dict[str, str] = {}  # a plural's English -> its singular (its msgid)


def marked_texts() -> dict[str, str]:
    """msgid -> where it is first used, for every text the server shows through gettext."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            SERVER, METHODS, options_map=OPTIONS, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}):
        if isinstance(message, tuple) and len(message) == 2 and all(message):
            PLURALS[message[1]] = message[0]
        for text in message if isinstance(message, tuple) else (message,):
            if text:
                found.setdefault(text, f"server/{filename}:{lineno}")
    return found


def translated(catalogue, text: str) -> str:
    """A plural's English (msgid_plural) is looked up through its singular, as ngettext does."""
    singular = PLURALS.get(text)
    return catalogue.ngettext(singular, text, 2) if singular else catalogue.gettext(text)


def test_the_pages_have_texts_to_translate():
    texts = marked_texts()
    assert len(texts) > 100
    assert "Log in" in texts and "Fleet" in texts


def test_every_text_of_the_admin_pages_has_korean():
    catalogue = i18n.translations("ko")
    missing = [f"{where}: {text!r}" for text, where in sorted(marked_texts().items(), key=lambda item: item[1])
               if translated(catalogue, text) == text]
    assert not missing, f"{len(missing)} text(s) without Korean in server/locale/ko/LC_MESSAGES/*.po:\n" + "\n".join(missing)


def test_placeholders_survive_translation():
    """A Korean text must keep the English one's %(name)s fields, or the page would fail."""
    import re

    catalogue = i18n.translations("ko")
    wrong = []
    for text in marked_texts():
        korean = translated(catalogue, text)
        if sorted(re.findall(r"%\(\w+\)[sd]", text)) != sorted(re.findall(r"%\(\w+\)[sd]", korean)):
            wrong.append(f"{text!r} -> {korean!r}")
    assert not wrong, "\n".join(wrong)


def test_dates_are_korean_style_in_seoul_time():
    moment = dt.datetime(2030, 3, 2, 5, 15)  # naive UTC: 14:15 in Seoul
    assert i18n.Translator("ko").format_datetime(moment) == "2030. 3. 2. (토) 14:15"
    assert i18n.Translator("en").format_datetime(moment) == "Sat 2 Mar 2030, 14:15"
    assert i18n.Translator("ko").format_ago(dt.timedelta(minutes=3)) == "3분 전"
    assert i18n.Translator("ko").format_date(dt.date(2030, 3, 2)) == "2030. 3. 2. (토)"


def test_the_language_is_the_accounts_then_the_browsers_then_korean():
    assert i18n.pick_locale("en") == "en"
    assert i18n.pick_locale(None, "en-US,en;q=0.9") == "en"
    assert i18n.pick_locale(None, "ja,fr") == "ko"
    assert i18n.pick_locale("xx", "") == "ko"
