"""The content editors on the admin web: lists of notices, programs, lessons, categories and
themes; an editor for each item with every text in Korean, Japanese and English side by side;
pictures and narration uploaded (or recorded) into it; and the media it shows.

Every save keeps the item as a draft (server.content_store) and is then checked with the
kiosk's own loader; what it finds is shown in the person's words (server.content_messages)
beside the field it is about. Nothing typed is lost: a draft with problems is kept, and only
publishing (server.admin_publish) refuses it. Who edits what: server.content_rights.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from kiosk.choices import LOCALES
from kiosk.content.districts import DISTRICTS
from kiosk.content.schema import SLUG
from server import content_forms as forms
from server import content_topics as topics
from server.admin_routes import AdminSite, Forbidden, Me, csrf_matches, render, secure_headers, signed_in, site
from server.content_messages import say_problems
from server.content_rights import audience_for_new, may_create, may_edit
from server.content_store import ContentStore
from server.drafts import MEDIA, texts_of
from server.i18n import N_
from server.media_intake import IntakeError, take_narration, take_picture
from server.titles import center_names, pick

router = APIRouter(prefix="/admin/content")
EDITABLE_KINDS = ("notice", "program", "lesson", "category", "theme")
MAX_UPLOAD_BYTES = 60 * 1024 * 1024  # a phone's photo and a few recordings, in one save
LOCALE_NAMES = {"ko": N_("Korean"), "ja": N_("Japanese"), "en": N_("English")}


def store(admin: AdminSite) -> ContentStore:
    return admin.content


def title_in(data: dict | None, locale: str, fallback: str) -> str:
    return pick((data or {}).get("title"), locale) or fallback


def kind_or_404(kind: str) -> str:
    if kind not in EDITABLE_KINDS:
        raise HTTPException(404, "no such kind of content")
    return kind


@dataclass
class Row:
    item_id: str
    title: str
    status: str  # "", "changed", "new", "removed"
    missing: list[str]  # locales some text lacks
    editable: bool
    where: str


def version_of(data: dict | None) -> str:
    """What the editor was opened on: a save from a page opened on another version is a
    conflict (someone else saved the item meanwhile), said instead of silently overwritten."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def missing_locales(data: dict | None) -> list[str]:
    """The languages some text of the item has not been written in."""
    texts = texts_of(data or {}).values()
    return [loc for loc in LOCALES if any(not text.get(loc) for text in texts)]


def audience_words(me: Me, data: dict | None, centers: dict[str, dict]) -> str:
    aimed = (data or {}).get("aimed_at") or {}
    names = [pick(DISTRICTS.get(d), me.locale) or d for d in aimed.get("districts", [])]
    names += [pick(centers.get(c), me.locale) or c for c in aimed.get("centers", [])]
    return ", ".join(names) if names else me.t.gettext("The whole city")


# The lists ---------------------------------------------------------------------------------------
@router.get("", response_class=HTMLResponse)
def content_home(kind: str = "lesson", me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    kind = kind_or_404(kind)
    with admin.sessions() as session:
        state = store(admin).state(session)
        names, districts = center_names(session)
    base, draft = state.base, state.draft()
    rows_of = {(r.kind, r.item_id) for r in state.rows}
    rows = []
    for item_id, data in draft.of_kind(kind):
        published = base.get(kind, item_id)
        status = "new" if published is None else "changed" if (kind, item_id) in rows_of else ""
        rows.append(Row(item_id, title_in(data, me.locale, item_id), status, missing_locales(data),
                        may_edit(me.scope, kind, data, districts), audience_words(me, data, names)))
    removed = [Row(item_id, title_in(data, me.locale, item_id), "removed", [], may_edit(me.scope, kind, data, districts),
                   audience_words(me, data, names))
               for item_id, data in base.of_kind(kind) if draft.get(kind, item_id) is None]
    pending = sum(1 for key in rows_of if key[0] != MEDIA)
    return render(admin, me, "content_list.html", back_to=f"/admin/content?kind={kind}", kind=kind,
                  kinds=EDITABLE_KINDS, plurals=forms.KIND_PLURALS, names=forms.KIND_NAMES, rows=rows + removed,
                  revision=state.revision, pending=pending, may_create=may_create(me.scope, kind),
                  lesson_kinds=forms.LESSON_KINDS, locale_names=LOCALE_NAMES)


# One item ----------------------------------------------------------------------------------------
def _choices(draft, kind: str, locale: str) -> list[tuple[str, str]]:
    return [(item_id, title_in(data, locale, item_id)) for item_id, data in draft.of_kind(kind)]


def editor_page(admin: AdminSite, me: Me, kind: str, item_id: str | None, data: dict, *, status_code: int = 200,
                problems: list | None = None, notes: list[str] | None = None, saved: bool = False) -> HTMLResponse:
    with admin.sessions() as session:
        state = store(admin).state(session)
        names, districts = center_names(session)
        if problems is None and item_id:
            draft, checked = store(admin).draft_problems(session, state)
            problems = [s for s in say_problems(checked, me.t) if s.kind == kind and s.item == item_id]
        else:
            draft = state.draft()
    base = state.base
    row = state.row(kind, item_id) if item_id else None
    said = problems or []
    by_field: dict[str, list[str]] = {}
    for s in said:
        by_field.setdefault(s.field, []).append(s.text)
    lesson_kind = data.get("kind", "lesson") if kind == "lesson" else ""
    published = base.get(kind, item_id) if item_id else None
    if kind == "category" and data.get("topics"):
        data = {**data, "topics": topics.topics_of(data)}  # numbered and moved as the kiosk lists them
    context = dict(
        kind=kind, item_id=item_id, data=data, fields=forms.FIELDS[kind], step_fields=forms.STEP_FIELDS,
        screen_fields=forms.SCREEN_FIELDS, lesson_kind=lesson_kind, names=forms.KIND_NAMES,
        steps=data.get("steps") or [], screens=data.get("screens") or [], get=forms.get_path,
        windows_text=forms.windows_text, locale_names=LOCALE_NAMES, content_locales=LOCALES,
        choices={source: _choices(draft, source, me.locale) for source in ("category", "theme", "lesson")},
        districts=[(key, pick(names, me.locale)) for key, names in DISTRICTS.items() if me.scope.sees_district(key)],
        version=version_of(state.item(kind, item_id)) if item_id else "",
        centers=sorted(((c, pick(name, me.locale) or c) for c, name in names.items()
                        if me.scope.sees_center(c, districts.get(c))), key=lambda c: (districts.get(c[0]), c[0])),
        fixed_audience=not me.scope.is_city and me.scope.center is not None,
        problems=said, by_field=by_field, notes=notes or [], saved=saved,
        draft_by=row.updated_by if row else None, draft_at=row.updated_at if row else None,
        is_new=item_id is None, published=published is not None, removed=bool(row and row.data is None),
        editable=may_edit(me.scope, kind, data, districts) if item_id else may_create(me.scope, kind),
        missing=missing_locales(data), max_steps=forms.MAX_STEPS,
        missing_names=[me.t.gettext(LOCALE_NAMES[loc]) for loc in missing_locales(data)],
        topics=(data.get("topics") or []) if kind == "category" else [], topic_fields=forms.TOPIC_FIELDS,
        topic_uses=topics.lesson_counts(item_id, draft) if kind == "category" else {},
        fixed_topic_ids=topics.fixed_ids(item_id, published, draft) if kind == "category" else set(),
        topic_choices=topics.choices_for_lesson(data, draft, me.t) if kind == "lesson" else [],
        category_has_topics=kind == "lesson" and bool(topics.category_topics(data, draft)),
        max_topics=forms.MAX_TOPICS,
    )
    target = f"/admin/content/{kind}/{item_id}" if item_id else f"/admin/content/{kind}/new"
    return render(admin, me, "content_edit.html", status_code=status_code, back_to=target, **context)


@router.get("/{kind}/new", response_class=HTMLResponse)
def new_item(kind: str, lesson_kind: str = "lesson", me: Me = Depends(signed_in),
             admin: AdminSite = Depends(site)) -> HTMLResponse:
    kind = kind_or_404(kind)
    if not may_create(me.scope, kind):
        raise Forbidden(me.t.gettext("Your account cannot add this kind of content. Ask a city admin."))
    data: dict[str, Any] = {}
    if audience_for_new(me.scope):
        data["aimed_at"] = audience_for_new(me.scope)
    if kind == "lesson":
        data["kind"] = "practice" if lesson_kind == "practice" else "lesson"
        data["screens" if data["kind"] == "practice" else "steps"] = [{}]
    return editor_page(admin, me, kind, None, data)


@router.get("/{kind}/{item_id}", response_class=HTMLResponse)
def edit_item(kind: str, item_id: str, saved: int = 0, me: Me = Depends(signed_in),
              admin: AdminSite = Depends(site)) -> HTMLResponse:
    kind = kind_or_404(kind)
    with admin.sessions() as session:
        data = store(admin).state(session).item(kind, item_id)
    if data is None:
        raise HTTPException(404, "no such item")
    return editor_page(admin, me, kind, item_id, data, saved=bool(saved))


async def posted(request: Request, me: Me) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """The editor's multipart form (checked for this session's form token): texts, and the
    files chosen or recorded (name -> (filename, bytes))."""
    if int(request.headers.get("content-length") or 0) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, "too much uploaded at once")
    form = await request.form(max_files=100, max_fields=3000)
    texts: dict[str, list[str]] = {}
    files: dict[str, Any] = {}
    for name, value in form.multi_items():
        if isinstance(value, str):
            texts.setdefault(name, []).append(value)
        elif value.filename:
            files[name] = (value.filename, await value.read())
    if not csrf_matches(texts.get("csrf", [""])[0] or request.headers.get("X-CSRF-Token", ""), me):
        raise Forbidden(me.t.gettext("This form is out of date. Reload the page and try again."))
    return texts, files


def _take_uploads(admin: AdminSite, me: Me, data: dict, files: dict[str, Any], now) -> list[str]:
    """Store each chosen or recorded file and point its field at it; what cannot be taken is
    said, and the field keeps what it had."""
    notes = []
    with admin.sessions.begin() as session:
        for name, (filename, content) in files.items():
            path = name.removeprefix("upload:")
            if not content:
                continue
            try:
                if ".narration." in path:
                    sound = take_narration(content, filename)
                    stored = store(admin).put_upload(session, me, sound.data, sound.suffix, now)
                else:
                    picture = take_picture(content, filename)
                    stored = store(admin).put_upload(session, me, picture.data, picture.suffix, now)
                    if path.startswith("screens.") and path.endswith(".picture"):
                        _move_target(data, path.removesuffix(".picture"), (picture.width, picture.height))
            except IntakeError as error:
                notes.append(error.say(me.t))
                continue
            forms.set_path(data, path, stored)
    return notes


def _move_target(data: dict, screen: str, new_size: tuple[int, int]) -> None:
    """The region drawn on the picture as chosen (regions.js measures the file picked, e.g. a
    4032x3024 photo; without the script, the old picture's size) stays at the same place once
    the picture is made smaller for the kiosk."""
    old = forms.get_path(data, screen + ".picture_size")
    target = forms.get_path(data, screen + ".target")
    if (isinstance(old, list) and len(old) == 2 and all(isinstance(v, (int, float)) and v > 0 for v in old)
            and isinstance(target, dict)):
        sx, sy = new_size[0] / old[0], new_size[1] / old[1]
        for key, scale in (("x", sx), ("y", sy), ("width", sx), ("height", sy)):
            if isinstance(target.get(key), (int, float)):
                target[key] = round(target[key] * scale)
    forms.set_path(data, screen + ".picture_size", list(new_size))


def _restructure(data: dict, action: str, kind: str) -> None:
    """The editor's buttons that add, remove or move a step, a practice screen or a topic."""
    verb, _, rest = action.partition(":")
    group, _, number = rest.partition(":")
    if group == "topics" and kind == "category":
        topics.restructure(data, verb, number)
        return
    if group not in ("steps", "screens") or kind != "lesson":
        return
    items = data.setdefault(group, [])
    if verb == "add" and len(items) < forms.MAX_STEPS:
        items.append({})
    elif number.isdigit() and int(number) < len(items):
        index = int(number)
        if verb == "remove":
            items.pop(index)
        elif verb == "up" and index > 0:
            items[index - 1], items[index] = items[index], items[index - 1]
        elif verb == "down" and index + 1 < len(items):
            items[index + 1], items[index] = items[index], items[index + 1]


@router.post("/{kind}/{item_id}")
async def save_item(kind: str, item_id: str, request: Request, me: Me = Depends(signed_in),
                    admin: AdminSite = Depends(site)) -> Response:
    kind = kind_or_404(kind)
    texts, files = await posted(request, me)
    now = admin.clock()
    action = texts.get("do", ["save"])[0]
    with admin.sessions() as session:
        state = store(admin).state(session)
        districts = center_names(session)[1]
    is_new = item_id == "new"
    before = None if is_new else state.item(kind, item_id)
    if not is_new and before is None:
        raise HTTPException(404, "no such item")
    if (is_new and not may_create(me.scope, kind)) or (before is not None and not may_edit(me.scope, kind, before, districts)):
        raise Forbidden(me.t.gettext("Your account cannot change this item. It is looked after by the city "
                                     "or another district or center."))
    if action in ("remove", "discard", "undo-remove") and not is_new:
        with admin.sessions.begin() as session:
            if action == "remove":
                store(admin).save(session, me, kind, item_id, None, now)
            else:
                store(admin).discard(session, kind, item_id)
        return RedirectResponse("/admin/content?kind=" + kind if action == "remove" else f"/admin/content/{kind}/{item_id}",
                                status_code=303)
    lesson_kind = (before or {}).get("kind") or texts.get("lesson_kind", ["lesson"])[0]
    parsed = forms.read_form(kind, texts, "practice" if lesson_kind == "practice" else "lesson")
    data = parsed.data
    opened_on = texts.get("version", [""])[0]
    if not is_new and opened_on and opened_on != version_of(before):
        row = state.row(kind, item_id)
        data["id"] = item_id
        notes = [me.t.gettext("While you were editing, %(who)s saved this item (%(time)s). What you wrote is "
                              "below and was not saved yet: check it against theirs and save again to keep it.")
                 % {"who": row.updated_by if row else "?", "time": me.t.format_datetime(row.updated_at if row else None)}]
        return editor_page(admin, me, kind, item_id, data, status_code=409, notes=notes, problems=[])
    if is_new:
        taken = {i for i, _ in state.draft().of_kind(kind)} | {i for i, _ in state.base.of_kind(kind)}
        english = pick(data.get("title"), "en") or ""
        data["id"] = data.get("id") or forms.slug_from(english, taken, f"{kind}-{now:%Y%m%d}")
        if not SLUG.match(data["id"]):
            notes = [me.t.gettext("The short name “%(id)s” can have only lowercase letters, digits and '-'. "
                                  "Change it, or leave it empty.") % {"id": data["id"]}]
            return editor_page(admin, me, kind, None, data, status_code=400, notes=notes, problems=[])
        if data["id"] in taken:
            notes = [me.t.gettext("There is already an item with the id %(id)s. Choose another id.") % {"id": data["id"]}]
            return editor_page(admin, me, kind, None, data, status_code=409, notes=notes, problems=[])
        if audience_for_new(me.scope) and not me.scope.is_city:
            data.setdefault("aimed_at", audience_for_new(me.scope))
    else:
        data["id"] = item_id  # an item keeps its id: kiosks and "try next" know it by it
    if not me.scope.is_city and me.scope.center is not None:
        data["aimed_at"] = audience_for_new(me.scope)  # center staff: their own center, always
    notes = [me.t.gettext(message) % fields for _, message, fields in parsed.problems]
    for name in texts:
        if name.startswith("clear:"):  # "take this picture (or recording) off"
            forms.drop_path(data, name.removeprefix("clear:"))
    notes += _take_uploads(admin, me, data, files, now)
    refused = topics.refused_removal(data, action, state.draft(), me.t) if kind == "category" else None
    if refused:
        notes.append(refused)
    else:
        _restructure(data, action, kind)
    if kind == "category":
        topics.name_new_topics(data)
    if not may_edit(me.scope, kind, data, districts):
        notes.append(me.t.gettext("You can only aim this at your own district or center. Choose where it is "
                                  "shown again."))
        return editor_page(admin, me, kind, None if is_new else item_id, data, status_code=403, notes=notes, problems=[])
    with admin.sessions.begin() as session:
        store(admin).save(session, me, kind, data["id"], data, now)
    if notes:  # said at once, on the page with what was saved
        return editor_page(admin, me, kind, data["id"], data, status_code=400, notes=notes)
    anchor = ""
    if action.startswith(("add:", "remove:", "up:", "down:")):  # back to the button pressed
        anchor = "#topics" if ":topics" in action else "#steps"
    return RedirectResponse(f"/admin/content/{kind}/{data['id']}?saved=1{anchor}", status_code=303)


# Media of the draft, for the editor's pictures and players -----------------------------------------
@router.get("/file/{path:path}")
def draft_file(path: str, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    with admin.sessions() as session:
        entry = store(admin).state(session).draft().media.get(path)
    located = store(admin).locate(entry[0]) if entry else None
    if located is None:
        raise HTTPException(404, "no such file")
    media_type = "image/svg+xml" if path.endswith(".svg") else mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(located, media_type=media_type)
    secure_headers(response)
    response.headers["Cache-Control"] = "private, max-age=3600"  # named by its hash: never changes
    return response

