"""Publishing from the admin web: what will change (added, changed, removed; per language), a
change note, publish; each revision with who published it, when, why and what it changed;
"restore this version" (a new forward revision); and search across all content and languages.

A person publishes the drafts they may edit (server.content_rights): center staff their
center's notices, a district admin their district's items, the city everything. Others'
drafts stay drafts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from server.admin_content import LOCALE_NAMES, store, title_in
from server.admin_routes import AdminSite, Forbidden, Me, checked_form, render, signed_in, site
from server.content_forms import KIND_NAMES
from server.content_messages import say_problems
from server.content_rights import may_edit
from server.content_store import ContentState
from server.drafts import MEDIA, changes, texts_of
from server.models import Publication
from server.titles import center_names

router = APIRouter(prefix="/admin/content")
MAX_NOTE = 2000
MAX_RESULTS = 200


def _mine(me: Me, session, state: ContentState) -> set[tuple[str, str]]:
    """The drafts this person may publish."""
    districts = center_names(session)[1]
    mine = set()
    for row in state.rows:
        if row.kind == MEDIA:
            continue
        before = state.base.get(row.kind, row.item_id)
        if may_edit(me.scope, row.kind, row.data or before, districts) and (
                before is None or may_edit(me.scope, row.kind, before, districts)):
            mine.add((row.kind, row.item_id))
    return mine


def _publish_page(admin: AdminSite, me: Me, status_code: int = 200, **context: Any) -> HTMLResponse:
    with admin.sessions() as session:
        state = store(admin).state(session)
        mine = _mine(me, session, state)
        after, checked = store(admin).draft_problems(session, state, mine)
    found = changes(state.base, after)
    others = sum(1 for r in state.rows if r.kind != MEDIA and (r.kind, r.item_id) not in mine)
    problems = say_problems(checked, me.t) if found else []
    return render(admin, me, "content_publish.html", status_code=status_code, back_to="/admin/content/publish",
                  revision=state.revision, changes=found, problems=problems, others=others, names=KIND_NAMES,
                  locale_names=LOCALE_NAMES, can_publish=store(admin).signer is not None, **context)


@router.get("/publish", response_class=HTMLResponse)
def publish_page(me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    return _publish_page(admin, me)


@router.post("/publish")
async def publish_now(request: Request, me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    note = form.get("note", "").strip()[:MAX_NOTE]
    if not note:
        return _publish_page(admin, me, status_code=400, note=note,
                             error=me.t.gettext("Write a short change note: what changed and why. It is kept "
                                                "with the revision."))
    if store(admin).signer is None:
        raise Forbidden(me.t.gettext("This server has no signing key, so it cannot publish. Run `kiosk-server "
                                     "init` on the server."))
    with admin.sessions() as session:
        mine = _mine(me, session, store(admin).state(session))
    if not mine:
        return _publish_page(admin, me, status_code=400, note=note,
                             error=me.t.gettext("You have no changes to publish."))
    outcome = store(admin).publish(admin.sessions, me, note, mine, admin.clock())
    if outcome.problems:
        return _publish_page(admin, me, status_code=400, note=note,
                             error=me.t.gettext("Nothing was published: fix the problems below first."))
    if not outcome.published:
        return _publish_page(admin, me, note=note,
                             error=me.t.gettext("Nothing changed for any kiosk, so no new revision was made."))
    return RedirectResponse(f"/admin/content/revisions/{outcome.result.revision}?published=1", status_code=303)


# Revisions -------------------------------------------------------------------------------------
@router.get("/revisions/{revision}", response_class=HTMLResponse)
def revision_page(revision: int, published: int = 0, restored: int = 0, me: Me = Depends(signed_in),
                  admin: AdminSite = Depends(site)) -> HTMLResponse:
    with admin.sessions() as session:
        row = session.get(Publication, revision)
        if row is None:
            raise HTTPException(404, "no such revision")
        found = store(admin).revision_changes(session, revision) if row.source else []
        latest = session.scalars(select(Publication.revision).order_by(Publication.revision.desc())).first()
    return render(admin, me, "content_revision.html", back_to=f"/admin/content/revisions/{revision}", p=row,
                  changes=found, names=KIND_NAMES, locale_names=LOCALE_NAMES, latest=latest == revision,
                  published=bool(published), restored=bool(restored),
                  may_restore=me.scope.is_city and row.source is not None and latest != revision)


@router.post("/revisions/{revision}/restore")
async def restore(revision: int, request: Request, me: Me = Depends(signed_in),
                  admin: AdminSite = Depends(site)) -> Response:
    form = await checked_form(request, me)
    if not me.scope.is_city:
        raise Forbidden(me.t.gettext("Only a city admin can restore an earlier version: it changes what every "
                                     "kiosk shows."))
    note = form.get("note", "").strip()[:MAX_NOTE] or me.t.gettext("Restored revision %(n)s") % {"n": revision}
    outcome = store(admin).restore(admin.sessions, me, revision, note, admin.clock())
    if not outcome.published:
        raise Forbidden(me.t.gettext("Revision %(n)s is what kiosks already have, or cannot be read back. Nothing "
                                     "was changed.") % {"n": revision})
    return RedirectResponse(f"/admin/content/revisions/{outcome.result.revision}?restored=1", status_code=303)


# Search ----------------------------------------------------------------------------------------
@dataclass
class Hit:
    kind: str
    item_id: str
    title: str
    field: str  # the form's field name, e.g. "steps.1.text.ja"
    locale: str
    before: str
    match: str
    after: str


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def search(snapshot, query: str, locale: str) -> list[Hit]:
    wanted = _fold(query.strip())
    hits: list[Hit] = []
    if not wanted:
        return hits
    for (kind, item_id), data in snapshot.items.items():
        if kind not in KIND_NAMES:
            continue
        for field, text_locale, text in ((f"{path}.{loc}", loc, words) for path, text in texts_of(data).items()
                                         for loc, words in text.items()):
            start = _fold(text).find(wanted)
            if start < 0:
                continue
            # NFKC folding keeps Hangul, kana and Latin at one character each for the cases
            # people type; where it does not, the snippet is still the right neighbourhood.
            end = start + len(wanted)
            hits.append(Hit(kind, item_id, title_in(data, locale, item_id), field, text_locale,
                            text[max(0, start - 40):start], text[start:end], text[end:end + 40]))
            if len(hits) >= MAX_RESULTS:
                return hits
    return hits


@router.get("/search", response_class=HTMLResponse)
def search_page(q: str = "", me: Me = Depends(signed_in), admin: AdminSite = Depends(site)) -> HTMLResponse:
    with admin.sessions() as session:
        snapshot = store(admin).state(session).draft()
    hits = search(snapshot, q[:200], me.locale)
    return render(admin, me, "content_search.html", back_to="/admin/content/search", q=q[:200], hits=hits,
                  names=KIND_NAMES, locale_names=LOCALE_NAMES, limit=MAX_RESULTS)

