"""The admin web's words for what the content check found: plain sentences in the admin's
language, naming the item and the field as a person sees them on the editor form.

The kiosk's loader (kiosk/content/loader.py, the same schema and checks for every save) reports
each problem as (file, item, field, message) in the schema's English, with steps counted from
0 ("steps[1].text: text for locale 'ja' is empty"); the kiosk and the command line keep that.
Here each problem becomes a ``Said``: the kind of item, its id, the form field the editor can
mark ("steps.1.text.ja", server/content_forms.py's names) and a sentence ("Step 2, Japanese text
is empty."). A message this module does not recognise is still said whole: the item and the
field in the admin's words, then the loader's own English, so nothing is lost.

Texts are English msgids marked with N_ and translated with the page's Translator; the Korean
is in server/locale/ko/LC_MESSAGES/editor_messages.po.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kiosk.content.loader import CENTER_FILE, Problem
from server.i18n import N_, Translator

LOCALE_NAMES = {"ko": N_("Korean"), "ja": N_("Japanese"), "en": N_("English")}

FILE_KINDS = {
    "pack.json": "pack",
    CENTER_FILE: "pack",
    "categories.json": "category",
    "themes.json": "theme",
    "programs.json": "program",
    "notices.json": "notice",
}
# An item named in a sentence that has no field to point at: "Lesson “pay-by-qr”".
ITEM_NAMES = {
    "pack": N_("The content pack “%(id)s”"),
    "category": N_("Category “%(id)s”"),
    "theme": N_("Theme “%(id)s”"),
    "lesson": N_("Lesson “%(id)s”"),
    "program": N_("Program “%(id)s”"),
    "notice": N_("Notice “%(id)s”"),
}
# An item without an id (the loader names it by its place in its file, "#3").
NUMBERED_ITEMS = {
    "pack": N_("The content pack"),
    "category": N_("Category number %(number)s"),
    "theme": N_("Theme number %(number)s"),
    "lesson": N_("A lesson"),
    "program": N_("Program number %(number)s"),
    "notice": N_("Notice number %(number)s"),
}
KIND_PLURALS = {
    "pack": N_("content packs"),
    "category": N_("categories"),
    "theme": N_("themes"),
    "lesson": N_("lessons"),
    "program": N_("programs"),
    "notice": N_("notices"),
}

# Fields by their shape: list indexes written "#", the first index shown counted from 1.
# The words are the editor form's (server/content_forms.py) where it has the field.
LABELS = {
    "id": N_("Id"),
    "kind": N_("Lesson type"),
    "title": N_("Title"),
    "summary": N_("Summary"),
    "body": N_("Text"),
    "description": N_("Description"),
    "audience": N_("Who it is for"),
    "schedule": N_("Schedule"),
    "place": N_("Place"),
    "how_to_apply": N_("How to apply"),
    "phone": N_("Phone"),
    "detail_url": N_("Web address"),
    "theme": N_("Theme"),
    "category": N_("Category"),
    "topic": N_("Topic"),
    "topics": N_("Topics"),
    "topics.#": N_("Topic %(number)s"),
    "topics.#.id": N_("Topic %(number)s short name"),
    "topics.#.title": N_("Topic %(number)s title"),
    "topics.#.order": N_("Topic %(number)s order"),
    "picture": N_("Picture"),
    "order": N_("Order"),
    "next_lessons": N_("Lessons to try next"),
    "valid_from": N_("Shown from"),
    "valid_until": N_("Shown until"),
    "aimed_at": N_("Where it is shown"),
    "aimed_at.districts": N_("Districts"),
    "aimed_at.centers": N_("Centers"),
    "times": N_("Weekly times"),
    "times.#": N_("Weekly times, part %(number)s"),
    "times.#.days": N_("Weekly times, part %(number)s, days"),
    "times.#.start": N_("Weekly times, part %(number)s, start"),
    "times.#.end": N_("Weekly times, part %(number)s, end"),
    "steps": N_("Steps"),
    "steps.#": N_("Step %(number)s"),
    "steps.#.text": N_("Step %(number)s text"),
    "steps.#.picture": N_("Step %(number)s picture"),
    "steps.#.narration": N_("Step %(number)s narration"),
    "screens": N_("Practice screens"),
    "screens.#": N_("Practice screen %(number)s"),
    "screens.#.picture": N_("Practice screen %(number)s picture"),
    "screens.#.task": N_("Practice screen %(number)s task"),
    "screens.#.hint": N_("Practice screen %(number)s hint"),
    "screens.#.target": N_("Practice screen %(number)s tap region"),
    "screens.#.target.x": N_("Practice screen %(number)s tap region left edge"),
    "screens.#.target.y": N_("Practice screen %(number)s tap region top edge"),
    "screens.#.target.width": N_("Practice screen %(number)s tap region width"),
    "screens.#.target.height": N_("Practice screen %(number)s tap region height"),
    "screens.#.picture_size": N_("Practice screen %(number)s picture size"),
    "screens.#.picture_size.0": N_("Practice screen %(number)s picture width"),
    "screens.#.picture_size.1": N_("Practice screen %(number)s picture height"),
    # pack.json (and a center view's center.json, read as the pack's "center")
    "schema_version": N_("Content format version"),
    "revision": N_("Revision"),
    "required_locales": N_("Languages every text needs"),
    "default_locale": N_("First language"),
    "center": N_("Center"),
    "center.id": N_("Center id"),
    "center.district": N_("Center district"),
    "center.name": N_("Center name"),
    "center.address": N_("Center address"),
    "center.opening_hours": N_("Opening hours"),
    "center.phone": N_("Center phone"),
    "center.open_times": N_("Open times"),
    "center.open_times.#": N_("Open times, part %(number)s"),
    "center.open_times.#.days": N_("Open times, part %(number)s, days"),
    "center.open_times.#.start": N_("Open times, part %(number)s, start"),
    "center.open_times.#.end": N_("Open times, part %(number)s, end"),
    "center.guide_times": N_("Guide times"),
    "center.guide_times.#": N_("Guide times, part %(number)s"),
    "center.guide_times.#.days": N_("Guide times, part %(number)s, days"),
    "center.guide_times.#.start": N_("Guide times, part %(number)s, start"),
    "center.guide_times.#.end": N_("Guide times, part %(number)s, end"),
}
# A step's text is the step itself: "Step 2, Japanese text is empty", not "Step 2 text, ...".
TEXT_OWNERS = {"steps.#.text": N_("Step %(number)s")}
LANGUAGE_OF = N_("%(field)s (%(language)s)")  # "Step 2 narration (Korean)"
# Lists of plain values: the form has one field for the whole list.
VALUE_LISTS = {"next_lessons", "districts", "centers", "days", "required_locales"}
# Weekly windows: the form writes them all in one line ("mon-fri 09:00-12:00, sat 10:00-12:00").
WINDOW_LISTS = {"times", "open_times", "guide_times"}
LOCALIZED = {"title", "summary", "body", "description", "audience", "schedule", "place", "how_to_apply",
             "text", "task", "hint", "name", "address", "opening_hours"}


@dataclass(frozen=True)
class Said:
    """One problem as the admin web says it."""

    kind: str  # pack, category, theme, lesson, program, notice
    item: str  # the item's id ("" for a whole file)
    field: str  # the form field to mark ("steps.1.text.ja"), "" when it is not one field
    text: str  # one whole sentence in the admin's language


def kind_of_file(file: str) -> str:
    if file.startswith("lessons/"):
        return "lesson"
    return FILE_KINDS.get(file, "pack")


def _parts(path: str) -> tuple[Any, ...]:
    """The loader's "steps[1].narration.ko" as ("steps", 1, "narration", "ko")."""
    parts: list[Any] = []
    for segment in path.split(".") if path else []:
        name, indexes = re.fullmatch(r"(.*?)((?:\[\d+\])*)", segment).groups()
        if name:
            parts.append(name)
        parts.extend(int(index) for index in re.findall(r"\d+", indexes))
    return tuple(parts)


def _written(parts: tuple[Any, ...]) -> str:
    """A path back in the loader's own way ("steps[4].flavour"), for a field no label names."""
    written = ""
    for part in parts:
        written += f"[{part}]" if isinstance(part, int) else (f".{part}" if written else str(part))
    return written


def _trimmed(parts: tuple[Any, ...]) -> tuple[Any, ...]:
    """Without the index into a list of plain values ("next_lessons[0]" is the field next_lessons)."""
    kept: list[Any] = []
    for part in parts:
        if isinstance(part, int) and kept and kept[-1] in VALUE_LISTS:
            continue
        kept.append(part)
    return tuple(kept)


def form_field(parts: tuple[Any, ...]) -> str:
    """The editor form's field name for a schema path (server/content_forms.py)."""
    kept: list[str] = []
    for part in _trimmed(parts):
        if part == "[key]":  # a text in a language the schema does not have: no field shows it
            return ""
        kept.append(str(part))
        if part in WINDOW_LISTS:
            break
    return ".".join(kept)


def _shape(parts: tuple[Any, ...]) -> tuple[str, dict[str, int]]:
    """("screens", 0, "picture_size", 1) -> ("screens.#.picture_size.1", {"number": 1})."""
    shape: list[str] = []
    numbers: dict[str, int] = {}
    for part in _trimmed(parts):
        if isinstance(part, int):
            if shape and shape[-1] == "picture_size":
                shape.append(str(part))  # width or height, not a count
                continue
            numbers.setdefault("number", part + 1)
            shape.append("#")
        else:
            shape.append(part)
    return ".".join(shape), numbers


def _label(parts: tuple[Any, ...], t: Translator, owners: bool = False) -> str | None:
    shape, numbers = _shape(parts)
    if owners and shape in TEXT_OWNERS:
        return t.gettext(TEXT_OWNERS[shape]) % numbers
    if shape in LABELS:
        return t.gettext(LABELS[shape]) % numbers
    *head, last = shape.split(".") if shape else [""]
    if last in LOCALE_NAMES and ".".join(head) in LABELS:
        owner = _label(parts[:-1], t)
        return t.gettext(LANGUAGE_OF) % {"field": owner, "language": t.gettext(LOCALE_NAMES[last])}
    return None


def field_words(kind: str, path: str, t: Translator) -> str:
    """A form field ("steps.1.text", "screens.0.target.x") as a person sees it ("Step 2 text"); the
    path itself for a field no label names. ``kind`` is the item's (the same words serve every kind
    today)."""
    parts = tuple(int(part) if part.isdigit() else part for part in path.split(".")) if path else ()
    words = _label(parts, t)
    return path if words is None else words


class _Speaker:
    """One problem, said in one language."""

    def __init__(self, problem: Problem, t: Translator):
        self.problem = problem
        self.t = t
        self.kind = kind_of_file(problem.file)
        self.item = problem.item
        if not self.item and problem.file.startswith("lessons/") and problem.file.endswith(".json"):
            self.item = problem.file.removeprefix("lessons/").removesuffix(".json")  # the editor's file name
        parts = _parts(problem.field)
        self.parts = ("center", *parts) if problem.file == CENTER_FILE else parts

    def say(self, msgid: str, **params: Any) -> str:
        return self.t.gettext(msgid) % params

    def label(self, parts: tuple[Any, ...] | None = None, owners: bool = False) -> str:
        """The field as a person sees it; its path as written when there is no such field here."""
        parts = self.parts if parts is None else parts
        words = _label(parts, self.t, owners)
        if words is None:
            return _written(parts[1:] if self.problem.file == CENTER_FILE else parts)
        return words

    def text_label(self) -> str:
        return self.label(owners=True)

    def item_name(self) -> str:
        if not self.item:
            return self.problem.file
        numbered = re.fullmatch(r"#(\d+)", self.item)
        if numbered:
            return self.say(NUMBERED_ITEMS[self.kind], number=numbered[1])
        return self.say(ITEM_NAMES[self.kind], id=self.item)

    def place(self) -> str:
        """Where a field sits: its parent's label, or the item itself."""
        parent = _trimmed(self.parts)[:-1]
        return self.label(parent) if parent else self.item_name()

    def language(self, code: str) -> str:
        return self.t.gettext(LOCALE_NAMES[code]) if code in LOCALE_NAMES else code

    def languages(self, codes: list[str]) -> str:
        names = [self.language(code) for code in codes]
        if len(names) == 1:
            return names[0]
        listed = names[0]
        for name in names[1:-1]:
            listed = self.say(N_("%(list)s, %(next)s"), list=listed, next=name)
        return self.say(N_("%(list)s and %(last)s"), list=listed, last=names[-1])

    @property
    def field(self) -> str:
        return form_field(self.parts)

    @property
    def leaf(self) -> Any:
        trimmed = _trimmed(self.parts)
        return trimmed[-1] if trimmed else ""


Handler = Callable[[_Speaker, re.Match], tuple[str, str]]  # -> (sentence, form field)
_HANDLERS: list[tuple[re.Pattern, Handler]] = []


def _says(pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _HANDLERS.append((re.compile(pattern, re.S), handler))
        return handler
    return register


# Texts in the pack's languages ---------------------------------------------------------------

@_says(r"^missing text for locale\(s\) (?P<codes>[a-z, ]+); every text needs")
def _missing_text(s: _Speaker, m: re.Match) -> tuple[str, str]:
    codes = [code.strip() for code in m["codes"].split(",") if code.strip()]
    text = s.say(N_("%(field)s, %(languages)s text is missing."), field=s.text_label(), languages=s.languages(codes))
    return text, f"{s.field}.{codes[0]}" if s.field else ""


@_says(r"^text for locale '(?P<code>\w+)' is empty$")
def _empty_text(s: _Speaker, m: re.Match) -> tuple[str, str]:
    text = s.say(N_("%(field)s, %(language)s text is empty."), field=s.text_label(), language=s.language(m["code"]))
    return text, f"{s.field}.{m['code']}" if s.field else ""


@_says(r"^Input should be 'ko', 'ja' or 'en'$")
def _unknown_language(s: _Speaker, m: re.Match) -> tuple[str, str]:
    if s.parts[-1:] != ("[key]",):
        return _fallback(s), s.field
    owner = s.label(s.parts[:-2])
    code = s.parts[-2]
    return s.say(N_("%(field)s has a text in “%(code)s”, which is not one of the kiosk's languages "
                    "(Korean, Japanese, English); remove it."), field=owner, code=code), ""


# Ids and what items refer to ------------------------------------------------------------------

@_says(r"^'(?P<value>.*)' is not a valid id: use lowercase letters")
def _bad_id(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: “%(value)s” is not a valid id; use only lowercase letters (a-z), digits and "
                    "'-', at most 64 characters."), field=s.label(), value=m["value"]), s.field


@_says(r"^unknown category '(?P<value>.*)'; use one of: (?P<choices>.*)$")
def _unknown_category(s: _Speaker, m: re.Match) -> tuple[str, str]:
    if not m["choices"].strip():
        return s.say(N_("%(field)s: there is no category “%(value)s”, and the pack has no categories yet; "
                        "add the category first."), field=s.label(), value=m["value"]), s.field
    return s.say(N_("%(field)s: there is no category “%(value)s”; pick one from the list of categories "
                    "(%(choices)s)."), field=s.label(), value=m["value"], choices=m["choices"]), s.field


@_says(r"^unknown topic '(?P<value>.*)' in category '(?P<category>.*)'; use one of: (?P<choices>.*)$")
def _unknown_topic(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: the category “%(category)s” has no topic “%(value)s”; pick one of its topics "
                    "(%(choices)s), or “(none)”."),
                 field=s.label(), value=m["value"], category=m["category"], choices=m["choices"]), s.field


@_says(r"^unknown topic '(?P<value>.*)' in category '(?P<category>.*)'; that category has no topics")
def _topic_without_topics(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: the category “%(category)s” has no topics, so this lesson cannot be in the topic "
                    "“%(value)s”; choose “(none)”, or add the topic in the category's editor first."),
                 field=s.label(), value=m["value"], category=m["category"]), s.field


@_says(r"^topic id '(?P<value>.*)' is used twice in this category$")
def _duplicate_topic(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(item)s: two of its topics have the same short name “%(value)s”; give one of them "
                    "another short name."), item=s.item_name(), value=m["value"]), s.field


@_says(r"^unknown theme '(?P<value>.*)'; use one of: (?P<choices>.*)$")
def _unknown_theme(s: _Speaker, m: re.Match) -> tuple[str, str]:
    if not m["choices"].strip():
        return s.say(N_("%(field)s: there is no theme “%(value)s”, and the pack has no themes yet; "
                        "add the theme first."), field=s.label(), value=m["value"]), s.field
    return s.say(N_("%(field)s: there is no theme “%(value)s”; pick one from the list of themes "
                    "(%(choices)s)."), field=s.label(), value=m["value"], choices=m["choices"]), s.field


@_says(r"^unknown lesson '(?P<value>.*)'$")
def _unknown_lesson(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: there is no lesson “%(value)s” in the pack; pick the lessons from the list, "
                    "or take this one out."), field=s.label(), value=m["value"]), s.field


@_says(r"^unknown kind '(?P<value>.*)'; use one of: (?P<choices>.*)$")
def _unknown_kind(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: “%(value)s” is not a type of lesson the kiosk can show; use one of: "
                    "%(choices)s."), field=s.label(), value=m["value"], choices=m["choices"]), s.field


@_says(r"^no center '(?P<value>.*)' on this server; add it with `(?P<command>[^`]*)`")
def _unknown_center(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: there is no center “%(value)s” on this server; pick one from the list of "
                    "centers, or add the center first (%(command)s)."),
                 field=s.label(), value=m["value"], command=m["command"]), s.field


@_says(r"^'(?P<value>.*)' is not a Seoul district id(?: \('.*' is written '(?P<id>[a-z-]+)'\))?; use one of:")
def _bad_district(s: _Speaker, m: re.Match) -> tuple[str, str]:
    if m["id"]:
        return s.say(N_("%(field)s: write “%(value)s” as the district's id “%(id)s”, or pick it from the list."),
                     field=s.label(), value=m["value"], id=m["id"]), s.field
    return s.say(N_("%(field)s: “%(value)s” is not one of Seoul's 25 districts; pick one from the list."),
                 field=s.label(), value=m["value"]), s.field


@_says(r"^id '(?P<value>.*)' is used twice$")
def _duplicate_id(s: _Speaker, m: re.Match) -> tuple[str, str]:
    s.item = m["value"]
    return s.say(N_("Two %(kinds)s have the same id “%(value)s”; give one of them another id."),
                 kinds=s.t.gettext(KIND_PLURALS[s.kind]), value=m["value"]), "id"


# Pictures and sounds ----------------------------------------------------------------------------

@_says(r"^'(?P<path>.*)' does not exist in the pack; add the file or fix the path$")
def _media_missing(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: the file “%(path)s” is not in the pack; upload it again or choose another."),
                 field=s.label(), path=m["path"]), s.field


@_says(r"^'(?P<path>.*)' has an unsupported type; use ")
def _media_type(s: _Speaker, m: re.Match) -> tuple[str, str]:
    if "narration" in s.parts:
        return s.say(N_("%(field)s: “%(path)s” is not a kind of sound the kiosk can play; upload a WAV, OGG "
                        "or MP3 file."), field=s.label(), path=m["path"]), s.field
    return s.say(N_("%(field)s: “%(path)s” is not a kind of picture the kiosk can show; upload an SVG, PNG "
                    "or JPEG file."), field=s.label(), path=m["path"]), s.field


@_says(r"^'(?P<path>.*)' is not a valid (?P<type>[A-Z0-9]+) file$")
def _media_damaged(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: “%(path)s” is not a real %(type)s file (it may be damaged, or another kind "
                    "of file renamed); save it again as %(type)s and upload it."),
                 field=s.label(), path=m["path"], type=m["type"]), s.field


@_says(r"^'(?P<path>.*)' is not a readable SVG picture \((?P<detail>.*)\)$")
def _svg_unreadable(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: the SVG picture “%(path)s” cannot be read (%(detail)s); save it again from "
                    "the drawing program and upload it."), field=s.label(), path=m["path"], detail=m["detail"]), s.field


@_says(r"^'(?P<path>.*)' is not an SVG picture \(root element is (?P<root>.*)\)$")
def _not_svg(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: “%(path)s” is not an SVG picture (it holds “%(root)s”); upload an SVG, PNG "
                    "or JPEG picture."), field=s.label(), path=m["path"], root=m["root"]), s.field


@_says(r"^'(?P<path>.*)' must be a relative path inside the pack")
def _media_outside(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: “%(path)s” is outside the pack; upload the file so the pack holds it."),
                 field=s.label(), path=m["path"]), s.field


@_says(r"^target region (?P<x>[\d.]+),(?P<y>[\d.]+) (?P<width>[\d.]+)x(?P<height>[\d.]+) "
       r"lies outside the picture \((?P<picture_width>\d+)x(?P<picture_height>\d+)\)$")
def _target_outside(s: _Speaker, m: re.Match) -> tuple[str, str]:
    numbers = {name: re.sub(r"\.0$", "", value) for name, value in m.groupdict().items()}
    region = s.label((*s.parts, "target"))
    return s.say(N_("%(field)s reaches outside the picture: it is at %(x)s, %(y)s and %(width)s × %(height)s "
                    "in size, the picture is %(picture_width)s × %(picture_height)s; draw it inside the picture."),
                 field=region, **numbers), f"{s.field}.target.x"


# Program details -------------------------------------------------------------------------------

@_says(r"^URL scheme should be")
def _url_scheme(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s must start with https:// (or http://)."), field=s.label()), s.field


@_says(r"^Input should be a valid URL")
def _bad_url(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: this is not a web address; write it in full, starting with https://, "
                    "like https://www.seoul.go.kr."), field=s.label()), s.field


@_says(r"^String should match pattern '\^\[0-9\+\]")
def _bad_phone(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: write only digits, spaces and '-' (a '+' may come first), like 02-2133-0000."),
                 field=s.label()), s.field


# Dates and weekly times ------------------------------------------------------------------------

@_says(r"^Input should be a valid date")
def _bad_date(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: this is not a date; write it as year-month-day, like 2030-03-31."),
                 field=s.label()), s.field


@_says(r"^valid_until is before valid_from$")
def _dates_reversed(s: _Speaker, m: re.Match) -> tuple[str, str]:
    until, start = ("valid_until",), ("valid_from",)
    return s.say(N_("%(until)s is before %(from)s; pick the same day or a later one."),
                 until=s.label(until), **{"from": s.label(start)}), "valid_until"


@_says(r"^Input should be in a valid time format")
def _bad_time(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: this is not a time of day; write hours and minutes, like 09:30."),
                 field=s.label()), s.field


@_says(r"^the window ends \((?P<end>[\d:]+)\) before it starts \((?P<start>[\d:]+)\)$")
def _window_reversed(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s ends (%(end)s) before it starts (%(start)s); the end must be later than the start."),
                 field=s.label(), end=m["end"], start=m["start"]), s.field


@_says(r"^Input should be 'mon', 'tue'")
def _bad_day(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: one of the days is not a day of the week; write mon, tue, wed, thu, fri, sat "
                    "or sun."), field=s.label()), s.field


# Sizes, counts, numbers ------------------------------------------------------------------------

@_says(r"^a lesson needs at least one step in 'steps'$")
def _no_steps(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("This lesson has no steps; add at least one step.")), ""


@_says(r"^a practice lesson needs at least one screen in 'screens'$")
def _no_screens(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("This practice has no screens; add at least one practice screen.")), ""


@_says(r"^List should have at most (?P<most>\d+) items? after validation, not (?P<count>\d+)$")
def _too_many(s: _Speaker, m: re.Match) -> tuple[str, str]:
    if s.parts == ("steps",):
        return s.say(N_("This lesson has %(count)s steps, and a lesson can have at most %(most)s; split it into "
                        "two lessons."), count=m["count"], most=m["most"]), ""
    if s.parts == ("screens",):
        return s.say(N_("This practice has %(count)s screens, and a practice can have at most %(most)s; split it "
                        "into two practices."), count=m["count"], most=m["most"]), ""
    return s.say(N_("%(field)s has %(count)s entries; at most %(most)s are allowed."),
                 field=s.label(), count=m["count"], most=m["most"]), s.field


@_says(r"^List should have at least (?P<least>\d+) items? after validation")
def _too_few(s: _Speaker, m: re.Match) -> tuple[str, str]:
    if s.leaf == "days":
        return s.say(N_("%(field)s: no day is chosen; pick at least one day of the week."), field=s.label()), s.field
    return s.say(N_("%(field)s needs at least %(least)s."), field=s.label(), least=m["least"]), s.field


@_says(r"^Input should be greater than or equal to (?P<least>[\d.]+)$")
def _at_least(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s must be %(least)s or more."), field=s.label(), least=m["least"]), s.field


@_says(r"^Input should be greater than (?P<least>[\d.]+)$")
def _more_than(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s must be more than %(least)s."), field=s.label(), least=m["least"]), s.field


@_says(r"^Input should be a valid (integer|number)")
def _not_a_number(s: _Speaker, m: re.Match) -> tuple[str, str]:
    if m[1] == "integer":
        return s.say(N_("%(field)s must be a whole number."), field=s.label()), s.field
    return s.say(N_("%(field)s must be a number."), field=s.label()), s.field


@_says(r"^Field required$")
def _required(s: _Speaker, m: re.Match) -> tuple[str, str]:
    field = f"{s.field}.ko" if s.leaf in LOCALIZED else s.field  # the form's first language
    if s.kind == "notice" and s.parts in (("valid_from",), ("valid_until",)):
        return s.say(N_("%(field)s is empty; a notice needs both the day it is shown from and the day it is "
                        "shown until."), field=s.label()), field
    return s.say(N_("%(field)s is empty; fill it in."), field=s.label()), field


# Fields the schema does not have ---------------------------------------------------------------

@_says(r"^unknown field; check its spelling")
def _unknown_field(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(place)s: there is no field “%(name)s” in the content format; check its spelling or "
                    "remove it."), place=s.place(), name=s.leaf), ""


@_says(r"^not known to content schema (?P<ours>[\d.]+) \(the pack says (?P<theirs>[\d.]+)\)")
def _newer_field(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(place)s: the field “%(name)s” is from a newer content format (%(theirs)s) than this "
                    "server knows (%(ours)s); update the server software, or remove the field."),
                 place=s.place(), name=s.leaf, theirs=m["theirs"], ours=m["ours"]), ""


# The pack's content format ---------------------------------------------------------------------

@_says(r"^the pack is content schema (?P<theirs>\S+); this kiosk understands (?P<major>\d+)\.x$")
def _other_major(s: _Speaker, m: re.Match) -> tuple[str, str]:
    if int(m["theirs"].split(".")[0]) > int(m["major"]):
        return s.say(N_("The content pack is in content format %(theirs)s, made for newer software, and this "
                        "server reads only %(major)s.x; update the server software to edit it."),
                     theirs=m["theirs"], major=m["major"]), s.field
    return s.say(N_("The content pack is in content format %(theirs)s, made for older software, and this "
                    "server reads only %(major)s.x; publish it again with the current server software."),
                 theirs=m["theirs"], major=m["major"]), s.field


@_says(r"^(?P<value>.*) is not a content schema version; write it as text \"MAJOR.MINOR\", like \"(?P<ours>[\d.]+)\"")
def _bad_version(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("%(field)s: %(value)s is not a version; write it as two numbers with a dot, like “%(ours)s”."),
                 field=s.label(), value=m["value"], ours=m["ours"]), s.field


# Whole files -----------------------------------------------------------------------------------

@_says(r"^not valid JSON at line (?P<line>\d+), column (?P<column>\d+): (?P<detail>.*)$")
def _bad_json(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("The file %(file)s cannot be read: it is not valid JSON (line %(line)s, column %(column)s: "
                    "%(detail)s); it was changed outside the editor, so fix it by hand or restore an earlier "
                    "revision."), file=s.problem.file, line=m["line"], column=m["column"], detail=m["detail"]), ""


@_says(r"^file is not UTF-8 text")
def _not_utf8(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("The file %(file)s is not UTF-8 text; save it again as UTF-8."), file=s.problem.file), ""


@_says(r"^file is missing; every pack needs it$")
def _file_missing(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("The file %(file)s is missing; every content pack needs it."), file=s.problem.file), ""


@_says(r"^folder does not exist$")
def _folder_missing(s: _Speaker, m: re.Match) -> tuple[str, str]:
    return s.say(N_("The content folder %(file)s does not exist."), file=s.problem.file), ""


def _fallback(s: _Speaker) -> str:
    """Anything not recognised: the item and the field in the admin's words, and the loader's English."""
    detail = s.problem.message
    if s.parts:
        return s.say(N_("%(item)s, %(field)s: %(detail)s (in the words of the content check)."),
                     item=s.item_name(), field=s.label(), detail=detail)
    return s.say(N_("%(item)s: %(detail)s (in the words of the content check)."), item=s.item_name(), detail=detail)


def say_problem(problem: Problem, t: Translator) -> Said:
    speaker = _Speaker(problem, t)
    for pattern, handler in _HANDLERS:
        match = pattern.search(problem.message)
        if match:
            text, field = handler(speaker, match)
            break
    else:
        text, field = _fallback(speaker), speaker.field
    return Said(speaker.kind, speaker.item, field, text)


def say_problems(problems: Iterable[Problem], t: Translator) -> list[Said]:
    return [say_problem(problem, t) for problem in problems]
