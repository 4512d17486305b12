"""The server application: the kiosk API, the admin pages, and the published repository as
static files (server.api, server.admin_routes); and, under `kiosk-server serve`, the
periodic re-signing of the repository's indexes (server.leader).

`kiosk-server serve --workers N` starts N processes; each builds its own app with
``app_from_environment`` from the server home named in $KIOSK_SERVER_HOME. Nothing the app
keeps in memory differs between them: admin sessions, help requests and uploads are all in
the database, and the form token is derived from the session id.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from kiosk.clock import Clock
from protocol.repo_format import INDEX_NAME
from protocol.signing import Signer
from server import admin_commands, api, api_commands, auth
from server.admin_alerts import router as alert_pages
from server.admin_routes import mount_admin
from server.alerts import AlertWatcher
from server.config import ServerHome
from server.content_store import ContentStore
from server.db import open_server_database
from server.leader import IndexRefresher
from server.publish import DEFAULT_LIFETIME

log = logging.getLogger("server")

FACTORY = "server.app:app_from_environment"  # what uvicorn imports in each worker
REFRESH_EVERY_KEY = "refresh_every_seconds"
DEFAULT_REFRESH_EVERY = dt.timedelta(minutes=10)


class RepoFiles(StaticFiles):
    """Static files with cache rules: objects never change, the index always may."""

    def file_response(self, full_path, stat_result, scope, status_code=200):
        response = super().file_response(full_path, stat_result, scope, status_code)
        if Path(full_path).name == INDEX_NAME:
            response.headers["Cache-Control"] = "no-cache"
        else:
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI):
    refresher: IndexRefresher | None = app.state.refresher
    if refresher is not None:
        refresher.start()
    watcher: AlertWatcher | None = app.state.alert_watcher
    if watcher is not None:
        watcher.start()
    try:
        yield
    finally:
        if watcher is not None and await asyncio.to_thread(watcher.stop):
            log.info("alert watcher stopped")
        # Off the event loop: a run in progress is waited for, while the loop winds down.
        if refresher is not None and await asyncio.to_thread(refresher.stop):
            log.info("index refresher stopped")


def create_app(
    database_url: str,
    repo_dir: Path,
    clock: Clock = auth.now,
    stale_after: dt.timedelta = dt.timedelta(hours=1),
    refresher: IndexRefresher | None = None,
    root_public_key: str = "",
    public_repo_url: str = "",
    signer: Callable[[], Signer] | None = None,
    uploads_dir: Path | None = None,
    index_lifetime: dt.timedelta = DEFAULT_LIFETIME,
    alerts: AlertWatcher | None = None,
) -> FastAPI:
    """``clock``: naive UTC now (tests fix it); ``stale_after``: how long a kiosk may stay
    silent before the admin page marks it stale; ``refresher``: started and stopped with the
    app (by its lifespan), if given; ``root_public_key`` and ``public_repo_url``: what a
    newly connected kiosk is given (server.json's "root_public_key" and "public_repo_url")."""
    sessions = open_server_database(database_url)
    repo_dir.mkdir(parents=True, exist_ok=True)
    app = FastAPI(title="Seoul learning kiosk server", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.sessions = sessions
    app.state.clock = clock
    app.state.refresher = refresher
    app.state.alert_watcher = alerts  # started and stopped with the app, like the refresher
    # What a newly connected kiosk is given (server.onboarding): the city's root key, and where
    # the repository is when it is not this server's /repo/.
    app.state.root_public_key = root_public_key
    app.state.public_repo_url = public_repo_url
    app.include_router(api.router)
    app.include_router(api.admin_router)
    app.include_router(api_commands.router)  # remote care, the kiosk's side
    # The admin editors keep uploads beside the repository, not in it: a draft's picture is
    # not published until its item is. ``signer``: the signing key, read at each publish.
    content = ContentStore(repo_dir, uploads_dir or repo_dir.parent / "uploads", signer, index_lifetime)
    mount_admin(app, sessions, repo_dir=repo_dir, clock=clock, stale_after=stale_after, content=content)
    app.include_router(alert_pages)  # the fleet's alerts (server.alerts)
    app.include_router(admin_commands.router)  # remote care on a kiosk's page
    app.mount("/repo", RepoFiles(directory=repo_dir, check_dir=False), name="repo")
    return app


def refresh_every(home: ServerHome) -> dt.timedelta:
    value = home.config().get(REFRESH_EVERY_KEY)
    if value is None:
        return DEFAULT_REFRESH_EVERY
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(
            f"{home.config_file}: {REFRESH_EVERY_KEY} must be a number of seconds above 0, not {value!r}; "
            f"fix it or remove the key (default {DEFAULT_REFRESH_EVERY.total_seconds():.0f})"
        )
    return dt.timedelta(seconds=value)


def app_from_environment() -> FastAPI:
    """The served app of the server home in $KIOSK_SERVER_HOME, re-signing as it serves."""
    home = ServerHome.locate(None)
    every = refresh_every(home)
    config = home.config()
    try:
        home.signer()  # a key that cannot be loaded is reported now, not at every refresh
        signer = home.signer
    except (Exception, SystemExit) as error:  # SystemExit: ServerHome's "no signing key, run init"
        log.warning("this server will not re-sign indexes or publish from the admin pages: %s", error)
        signer = None
    app = create_app(home.database_url(), home.repo_dir, root_public_key=config.get("root_public_key", ""),
                     public_repo_url=config.get("public_repo_url", ""), signer=signer,
                     uploads_dir=home.path / "uploads", index_lifetime=home.index_lifetime())
    # Every worker has a watcher; the alerts lock lets one of them check and mail at a time.
    app.state.alert_watcher = AlertWatcher(app.state.sessions, home.alert_settings(), home.smtp_settings(),
                                           home.public_url)
    if signer is None:
        return app

    def refresh(now: dt.datetime) -> int:
        from server.publish import refresh_indexes

        # Key and lifetime are read at every run, so a rotated key (`kiosk-server rotate-key`)
        # or a changed lifetime is used without a restart. ``now`` is naive UTC (kiosk.clock):
        # made aware, so that nothing reads it as local time.
        return refresh_indexes(home.repo_dir, home.signer(), now.replace(tzinfo=dt.timezone.utc),
                               lifetime=home.index_lifetime())

    app.state.refresher = IndexRefresher(app.state.sessions, refresh, every)
    return app


# The server's own messages (uploads, help requests closed, admin logins, re-signing) under
# `serve`; none of them carries a token.
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def serve_log_config(level: str) -> dict:
    """uvicorn's logging plus the "server" loggers; uvicorn applies it in every worker."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["server"] = {"format": LOG_FORMAT}
    config["handlers"]["server"] = {"class": "logging.StreamHandler", "formatter": "server", "stream": "ext://sys.stderr"}
    config["loggers"]["server"] = {"handlers": ["server"], "level": level.upper(), "propagate": False}
    return config
