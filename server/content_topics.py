"""A category's topics on the admin web (schema 1.2): the category editor adds, renames, moves
and removes them; the lesson editor offers its category's topics to choose from.

A category with hundreds of lessons is browsed topic by topic on the kiosk, so a topic is
something lessons point at (``Lesson.topic``) by its id. That is why an id stays as it is once
the topic is published or a lesson uses it, and why a topic still in use is not removed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from server import content_forms as forms
from server.drafts import Snapshot
from server.i18n import Translator
from server.titles import pick

NAMED_LESSONS = 5  # a refused removal names this many of the lessons in the way; more are counted


def topics_of(data: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A category's topics as the kiosk lists them, leaving out what is not a topic at all."""
    return [t for t in forms.in_order((data or {}).get("topics")) if isinstance(t, dict)]


def lessons_by_topic(draft: Snapshot, category_id: str | None) -> dict[str, list[str]]:
    """topic id -> the ids of the draft's lessons of this category that use it."""
    using: dict[str, list[str]] = {}
    if not category_id:  # a category not saved yet: no lesson can be in it
        return using
    for lesson_id, lesson in draft.of_kind("lesson"):
        topic = lesson.get("topic")
        if lesson.get("category") == category_id and isinstance(topic, str) and topic:
            using.setdefault(topic, []).append(lesson_id)
    return using


def refused_removal(data: dict[str, Any], action: str, draft: Snapshot, t: Translator) -> str | None:
    """Why the "remove topic" button pressed (``action``, "remove:topics:<index>") does not
    remove it: lessons still use it. Refused rather than taking the topic off those lessons:
    the admin sees one category, and quietly changing other people's lessons (maybe dozens,
    already on kiosks) would move them back into the category's long list at the next publish
    with nobody having decided so; a removal that names the lessons lets the admin choose each
    one's new topic. None: nothing stands in the way."""
    verb, _, rest = action.partition(":")
    group, _, number = rest.partition(":")
    topics = data.get("topics")
    if verb != "remove" or group != "topics" or not number.isdigit() or not isinstance(topics, list):
        return None
    if int(number) >= len(topics) or not isinstance(topics[int(number)], dict):
        return None
    topic_id = topics[int(number)].get("id")
    lessons = lessons_by_topic(draft, data.get("id")).get(topic_id, []) if topic_id else []
    if not lessons:
        return None
    named = ", ".join(lessons[:NAMED_LESSONS]) + (", …" if len(lessons) > NAMED_LESSONS else "")
    said = t.ngettext("The topic “%(topic)s” was not removed: %(num)d lesson still uses it (%(lessons)s). Choose "
                      "another topic for it, or “(none)”, in the lesson's editor first; then remove the topic.",
                      "The topic “%(topic)s” was not removed: %(num)d lessons still use it (%(lessons)s). Choose "
                      "another topic for them, or “(none)”, in their editors first; then remove the topic.",
                      len(lessons))
    return said % {"topic": topic_id, "num": len(lessons), "lessons": named}


def name_new_topics(data: dict[str, Any]) -> None:
    """A topic given a title but no short name gets one made from its English title, as a new
    item's id is (content_forms.slug_from); one with no title yet waits for it."""
    topics = [t for t in data.get("topics") or [] if isinstance(t, dict)]
    taken = {t["id"] for t in topics if isinstance(t.get("id"), str)}
    for number, topic in enumerate(topics, start=1):
        if topic.get("id") or not topic.get("title"):
            continue
        topic["id"] = forms.slug_from(pick(topic["title"], "en"), taken, f"topic-{number}")
        taken.add(topic["id"])


def restructure(data: dict[str, Any], verb: str, number: str) -> None:
    """The category editor's buttons: add a topic (last), remove one, or move one up or down.
    A move swaps the two topics' places and their orders, so the list stays in the order the
    kiosk shows and only those two change."""
    topics = data.setdefault("topics", [])
    if verb == "add" and len(topics) < forms.MAX_TOPICS:
        topics.append({"order": int(max((forms.topic_order(t) for t in topics), default=0)) + 1})
    elif number.isdigit() and int(number) < len(topics):
        index = int(number)
        other = index - 1 if verb == "up" else index + 1 if verb == "down" else None
        if verb == "remove":
            topics.pop(index)
        elif other is not None and 0 <= other < len(topics):
            first, second = topics[other], topics[index]
            topics[other], topics[index] = second, first
            if all(isinstance(t, dict) and isinstance(t.get("order"), int) for t in (first, second)):
                first["order"], second["order"] = second["order"], first["order"]
            else:  # a hand-written list without orders: numbered as it now stands
                for position, topic in enumerate(topics, start=1):
                    if isinstance(topic, dict):
                        topic["order"] = position
    if not topics:
        del data["topics"]  # a category without topics is written without the key


def fixed_ids(category_id: str | None, published: dict[str, Any] | None, draft: Snapshot) -> set[str]:
    """The topic ids the editor no longer lets be changed: published (kiosks know them) or used
    by a lesson (it would lose its topic)."""
    on_kiosks = {t.get("id") for t in topics_of(published)}
    return {i for i in on_kiosks if isinstance(i, str)} | set(lessons_by_topic(draft, category_id))


def lesson_counts(category_id: str | None, draft: Snapshot) -> Counter:
    return Counter({topic: len(ids) for topic, ids in lessons_by_topic(draft, category_id).items()})


def category_topics(lesson: dict[str, Any], draft: Snapshot) -> list[dict[str, Any]]:
    """The topics of the lesson's category (as the draft has it), in order."""
    category = lesson.get("category")
    found = draft.get("category", category) if isinstance(category, str) else None
    return [topic for topic in topics_of(found) if isinstance(topic.get("id"), str)]


def choices_for_lesson(data: dict[str, Any], draft: Snapshot, t: Translator) -> list[tuple[str, str]]:
    """The lesson editor's "Topic" list: its category's topics, titled in the admin's language;
    a topic the lesson has that its category has not (its category was changed) stays in the list,
    marked, so the form keeps it until the admin chooses (the check says what is wrong)."""
    offered = [(topic["id"], pick(topic.get("title"), t.locale) or topic["id"])
               for topic in category_topics(data, draft)]
    current = data.get("topic")
    if isinstance(current, str) and current and current not in {value for value, _ in offered}:
        offered.append((current, t.gettext("%(id)s (not a topic of this category)") % {"id": current}))
    return offered
