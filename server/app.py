"""The server application: the kiosk API, the admin pages, and the published repository as
static files (server.api, server.admin_routes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from kiosk.clock import Clock
from protocol.repo_format import INDEX_NAME
from server import api, auth
from server.admin_routes import mount_admin
from server.db import open_server_database


class RepoFiles(StaticFiles):
    """Static files with cache rules: objects never change, the index always may."""

    def file_response(self, full_path, stat_result, scope, status_code=200):
        response = super().file_response(full_path, stat_result, scope, status_code)
        if Path(full_path).name == INDEX_NAME:
            response.headers["Cache-Control"] = "no-cache"
        else:
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def create_app(
    database_url: str,
    repo_dir: Path,
    clock: Clock = auth.now,
    stale_after: dt.timedelta = dt.timedelta(hours=1),
) -> FastAPI:
    """``clock``: naive UTC now (tests fix it); ``stale_after``: how long a kiosk may stay
    silent before the admin page marks it stale."""
    sessions = open_server_database(database_url)
    repo_dir.mkdir(parents=True, exist_ok=True)
    app = FastAPI(title="Seoul learning kiosk server", docs_url=None, redoc_url=None)
    app.state.sessions = sessions
    app.state.clock = clock
    app.include_router(api.router)
    app.include_router(api.admin_router)
    mount_admin(app, sessions, clock=clock, stale_after=stale_after)
    app.mount("/repo", RepoFiles(directory=repo_dir, check_dir=False), name="repo")
    return app
