"""The editor forms as data: which fields each kind of item has, how a person sees them, and the
translation between a posted form and the item's JSON (kiosk/content/schema.py).

Form field names are the JSON paths, dotted, with list indexes from 0 ("steps.1.text.ja");
files come as "upload:<path>". Nothing is judged here: an empty text is left out and a number
that is not one is kept as typed, so the kiosk's loader names the problem (server.drafts,
server.content_messages) and nothing the person typed is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kiosk.choices import LOCALES, WEEKDAY_NAMES
from server.centers import CenterError, day_runs, parse_windows
from server.i18n import N_

MAX_STEPS = 30  # the schema's limit (Lesson.steps max_length)
# The schema sets no limit on a category's topics; a visitor chooses among them on one screen,
# so the editor adds no more than this (and reads a few more, of a hand-written pack, intact).
MAX_TOPICS = 60


@dataclass(frozen=True)
class Field:
    name: str  # the JSON key
    label: str  # an English msgid
    type: str  # text, longtext, line, number, date, choice, choices, picture, audience, times, topic
    required: bool = True
    source: str = ""  # choice(s): the kind whose items are offered ("category", "theme", "lesson")
    hint: str = ""


TITLE = Field("title", N_("Title"), "text")
ORDER = Field("order", N_("Order in its list (smaller first)"), "number", required=False)
SHOWN_FROM = Field("valid_from", N_("Shown from"), "date", required=False)
SHOWN_UNTIL = Field("valid_until", N_("Shown until"), "date", required=False)
AUDIENCE = Field("aimed_at", N_("Where it is shown"), "audience", required=False)
TIMES = Field("times", N_("Weekly times"), "times", required=False,
              hint=N_('Leave empty for all day. Written like "mon-fri 09:00-12:00, sat 10:00-12:00".'))

FIELDS: dict[str, tuple[Field, ...]] = {
    "notice": (TITLE, Field("body", N_("Text"), "longtext"),
               Field("valid_from", N_("Shown from"), "date"), Field("valid_until", N_("Shown until"), "date"),
               AUDIENCE, TIMES),
    "program": (Field("theme", N_("Theme"), "choice", source="theme"), TITLE,
                Field("summary", N_("Summary"), "longtext"), Field("audience", N_("Who it is for"), "text"),
                Field("schedule", N_("Schedule"), "text"), Field("place", N_("Place"), "text"),
                Field("how_to_apply", N_("How to apply"), "longtext"),
                Field("phone", N_("Phone"), "line", hint=N_("Digits and '-', e.g. 02-2133-0000")),
                Field("detail_url", N_("Web address"), "line", hint=N_("Starts with https://")),
                ORDER, SHOWN_FROM, SHOWN_UNTIL, AUDIENCE, TIMES),
    "category": (TITLE, Field("description", N_("Description"), "longtext"),
                 Field("picture", N_("Picture"), "picture", required=False), ORDER),
    "theme": (TITLE, ORDER),
    "lesson": (Field("category", N_("Category"), "choice", source="category"),
               Field("topic", N_("Topic"), "topic", required=False,
                     hint=N_("The topics of the category above. After choosing another category, save the draft "
                             "to choose among its topics.")),
               TITLE,
               Field("summary", N_("Summary"), "longtext"), ORDER,
               Field("next_lessons", N_("Lessons to try next"), "choices", required=False, source="lesson"),
               SHOWN_FROM, SHOWN_UNTIL, AUDIENCE, TIMES),
}
STEP_FIELDS = (Field("text", N_("Text"), "longtext"), Field("picture", N_("Picture"), "picture", required=False))
# Read from the form like the fields above; the editor draws them its own way (a recorder per
# language, a box drawn on the picture).
NARRATION = Field("narration", N_("Recorded voice"), "recordings", required=False)
TARGET = tuple(Field(f"target.{name}", name, "number", required=False) for name in ("x", "y", "width", "height"))
SCREEN_FIELDS = (Field("picture", N_("Picture of the screen"), "picture"), Field("task", N_("Task"), "longtext"),
                 Field("hint", N_("Hint"), "longtext"))
# A category's topics (schema 1.2): a short id, a title in every language, and an order the
# editor's move buttons keep (the form carries it hidden).
TOPIC_FIELDS = (Field("id", N_("Short name"), "line"), TITLE, Field("order", N_("Order"), "number", required=False))
KIND_NAMES = {"notice": N_("Notice"), "program": N_("Program"), "lesson": N_("Lesson"),
              "category": N_("Category"), "theme": N_("Theme")}
KIND_PLURALS = {"notice": N_("Notices"), "program": N_("Programs"), "lesson": N_("Lessons"),
                "category": N_("Categories"), "theme": N_("Themes")}
LESSON_KINDS = {"lesson": N_("Lesson with steps"), "practice": N_("Practice with screens to tap")}


def get_path(data: Any, path: str) -> Any:
    """The value at a dotted path ("steps.1.text.ja"), or None."""
    for part in path.split(".") if path else []:
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def set_path(data: dict, path: str, value: Any) -> None:
    parts = path.split(".")
    target: Any = data
    for part, following in zip(parts, parts[1:]):
        container: Any = [] if following.isdigit() else {}
        if isinstance(target, list):
            index = int(part)
            while len(target) <= index:
                target.append(None)
            if not isinstance(target[index], (dict, list)):
                target[index] = container
            target = target[index]
        else:
            if not isinstance(target.get(part), (dict, list)):
                target[part] = container
            target = target[part]
    last = parts[-1]
    if isinstance(target, list):
        index = int(last)
        while len(target) <= index:
            target.append(None)
        target[index] = value
    else:
        target[last] = value


def drop_path(data: dict, path: str) -> None:
    """Remove the value at a dotted path, if there is one (a picture or a recording taken off)."""
    *head, last = path.split(".")
    parent = get_path(data, ".".join(head)) if head else data
    if isinstance(parent, dict):
        parent.pop(last, None)


def _number(text: str) -> Any:
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d*", text):
        return float(text)
    return text  # kept as typed: the loader says it is not a number


def windows_text(windows: list[dict] | None) -> str:
    """Weekly windows as the form writes them ("mon-fri 09:00-12:00")."""
    parts = []
    for window in windows or []:
        runs = day_runs(window.get("days", []))
        named = ",".join(WEEKDAY_NAMES[r[0]] if len(r) == 1 else f"{WEEKDAY_NAMES[r[0]]}-{WEEKDAY_NAMES[r[-1]]}"
                         for r in runs)
        parts.append(f"{named} {str(window.get('start', ''))[:5]}-{str(window.get('end', ''))[:5]}")
    return ", ".join(parts)


@dataclass
class Parsed:
    data: dict[str, Any]
    problems: list[tuple[str, str, dict]]  # (form field, English msgid, its fields) found while reading


def _texts(form: dict[str, list[str]], path: str) -> dict[str, str] | None:
    text = {loc: form[f"{path}.{loc}"][0].strip() for loc in LOCALES if form.get(f"{path}.{loc}", [""])[0].strip()}
    return text or None


def _read_fields(fields: tuple[Field, ...], form: dict[str, list[str]], prefix: str, data: dict, parsed: Parsed) -> None:
    for field in fields:
        path = f"{prefix}{field.name}"
        first = form.get(path, [""])[0].strip()
        if field.type in ("text", "longtext", "recordings"):  # recordings: a file per language
            value: Any = _texts(form, path)
        elif field.type == "number":
            value = _number(first) if first else None
        elif field.type == "choices":
            value = [v for v in form.get(path, []) if v.strip()]
        elif field.type == "audience":
            value = {"districts": [v for v in form.get(f"{path}.districts", []) if v],
                     "centers": [v for v in form.get(f"{path}.centers", []) if v]}
            value = value if value["districts"] or value["centers"] else None
        elif field.type == "times":
            try:
                value = [w.model_dump(mode="json") for w in parse_windows(first, "times")] if first else None
            except CenterError:
                parsed.problems.append((path, N_('"%(text)s" is not written like "mon-fri 09:00-12:00": days, a '
                                                 'space, then start-end; several separated by commas.'),
                                        {"text": first}))
                value = None
        else:  # line, date, choice, picture (the picture's path: kept, or replaced by an upload)
            value = first or None
        if value is not None:
            set_path(data, path, value)


def read_form(kind: str, form: dict[str, list[str]], lesson_kind: str = "lesson") -> Parsed:
    """The item a posted editor form describes (without uploads: the caller adds them)."""
    parsed = Parsed({}, [])
    data = parsed.data
    item_id = form.get("id", [""])[0].strip()
    if item_id:
        data["id"] = item_id
    _read_fields(FIELDS[kind], form, "", data, parsed)
    if kind == "lesson":
        data["kind"] = lesson_kind
        group = "screens" if lesson_kind == "practice" else "steps"
        fields = SCREEN_FIELDS + TARGET if group == "screens" else STEP_FIELDS + (NARRATION,)
        data[group] = [{} for _ in range(_count(form, group))]
        for index, item in enumerate(data[group]):
            _read_fields(fields, form, f"{group}.{index}.", data, parsed)
            size = [_number(form.get(f"{group}.{index}.picture_size.{n}", [""])[0]) for n in (0, 1)]
            if group == "screens" and all(v != "" for v in size):
                item["picture_size"] = size
    if kind == "category":
        data["topics"] = [{} for _ in range(_count(form, "topics", MAX_TOPICS))]
        for index in range(len(data["topics"])):
            _read_fields(TOPIC_FIELDS, form, f"topics.{index}.", data, parsed)
        if not data["topics"]:
            del data["topics"]  # as a category without topics is written (schema 1.1 and the demo pack)
    return parsed


def _count(form: dict[str, list[str]], group: str, most: int = MAX_STEPS) -> int:
    """How many steps (screens, topics) the form has: the highest index named, plus one."""
    pattern = re.compile(rf"^(?:upload:)?{group}\.(\d+)\.")
    indexes = [int(m[1]) for name in form if (m := pattern.match(name))]
    return min(max(indexes) + 1, most + 5) if indexes else 0


def topic_order(topic: Any) -> Any:
    """The key the schema sorts topics by (Category.topics); a draft's order that is not a
    number (the check says so) sorts as 0."""
    order = topic.get("order", 0) if isinstance(topic, dict) else 0
    return order if isinstance(order, (int, float)) else 0


def in_order(topics: Any) -> list:
    """A category's topics as the kiosk lists them (the editor shows and numbers them so)."""
    return sorted(topics, key=topic_order) if isinstance(topics, list) else []


def slug_from(text: str, taken: set[str], fallback: str) -> str:
    """An id for a new item from its English (or any Latin) title, unique among ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-") or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
