"""The preview of a draft on the admin web: the kiosk's own screens for one item (drawn by the
kiosk's Qt renderer offscreen, server.preview) at the panel sizes centers buy and at every
text size, in the language the admin picks, before anything is published."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, Response

from kiosk.choices import LOCALES
from server.admin_content import LOCALE_NAMES, kind_or_404, store, title_in
from server.admin_routes import AdminSite, Me, render, secure_headers, signed_in, site
from server.content_forms import KIND_NAMES
from server.preview import PreviewCache, PreviewError, group_shots

router = APIRouter(prefix="/admin/content")


def shot_url(shot) -> str:
    return "/admin/content/preview/%s/%s" % PreviewCache.address(shot)


# A plain def: a first drawing takes seconds, and FastAPI runs it on a worker thread.
@router.get("/{kind}/{item_id}/preview", response_class=HTMLResponse)
def preview_page(kind: str, item_id: str, locale: str = "ko", me: Me = Depends(signed_in),
                 admin: AdminSite = Depends(site)) -> HTMLResponse:
    kind = kind_or_404(kind)
    locale = locale if locale in LOCALES else "ko"
    with admin.sessions() as session:
        draft = store(admin).state(session).draft()
    data = draft.get(kind, item_id)
    if data is None:
        raise HTTPException(404, "no such item")
    error, shots = None, []
    with store(admin).written(draft) as folder:
        try:
            shots = admin.previews.get_or_render(folder, f"{kind}:{item_id}", locale)
        except PreviewError as failure:
            error = failure.say(me.t)
    return render(admin, me, "content_preview.html", back_to=f"/admin/content/{kind}/{item_id}/preview",
                  kind=kind, item_id=item_id, title=title_in(data, me.locale, item_id), names=KIND_NAMES,
                  shots=group_shots(shots), url_of=shot_url, error=error, shown_locale=locale,
                  locale_names=LOCALE_NAMES, content_locales=LOCALES)


@router.get("/preview/{key}/{folder}/{name}")
def preview_shot(key: str, folder: str, name: str, me: Me = Depends(signed_in),
                 admin: AdminSite = Depends(site)) -> Response:
    path = admin.previews.file(key, f"{folder}/{name}")
    if path is None:
        raise HTTPException(404, "no such picture")
    response = FileResponse(path, media_type="image/png")
    secure_headers(response)
    response.headers["Cache-Control"] = "private, max-age=3600"  # a key is one draft's drawing: never changes
    return response
