"""Upstream: help requests, usage events and heartbeats through the durable outbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update
from tests.plugins.sync import client, lesson_summary, open_kiosk, published

from db.models import OutboxEntry
from server import auth
from server.app import create_app
from server.devserver import free_socket, run_app, run_static
from server.models import Event, Kiosk


def unsent(kiosk) -> list[OutboxEntry]:
    with kiosk.sessions() as session:
        return list(session.scalars(select(OutboxEntry).where(OutboxEntry.sent_at.is_(None)).order_by(OutboxEntry.id)))


def test_server_down_for_a_long_time_then_outbox_drains_in_order(tmp_path):
    now = [dt.datetime(2030, 3, 1, 9, 0)]
    repo, _ = published(tmp_path, now=now[0])
    app = create_app(f"sqlite:///{tmp_path / 'server.db'}", repo.dir)
    with app.state.sessions.begin() as session:
        token = auth.enroll(session, "gangnam-1")
    sock = free_socket()  # bound but not listening: connections are refused, as when the server is down
    api = f"http://127.0.0.1:{sock.getsockname()[1]}"
    kiosk = open_kiosk(tmp_path / "kiosk")
    now = [dt.datetime(2030, 3, 1, 9, 0)]
    with run_static(repo.dir) as repo_url:
        sync = client(kiosk, repo_url, repo.public, api_url=api, token=token, clock=lambda: now[0], outbox_batch=7)
        for day in range(6):  # six "days" of the server being down, each with visitors and syncs
            kiosk.usage.record("lesson_started", lesson="lesson-1", day=day)
            kiosk.usage.record("step_reached", lesson="lesson-1", step=2)
            kiosk.helpdesk.request_help("player", "lesson-1", 2)
            result = sync.run()
            assert result.ok and result.upload_error and result.uploaded == 0
            now[0] += dt.timedelta(days=1)
        assert lesson_summary(kiosk) == "요약 1"  # content arrived from the repository meanwhile
        queued = unsent(kiosk)
        assert len(queued) == 6 * 4  # three records and one heartbeat per day, none lost
        expected = [row.idempotency_key for row in queued]

        with run_app(app, sock=sock):
            result = sync.run()
        assert result.upload_error == "" and result.uploaded == len(expected) + 1  # + this run's heartbeat

    assert unsent(kiosk) == []
    with app.state.sessions() as session:
        keys = list(session.scalars(select(Event.key).order_by(Event.id)))
        kinds = {kind: n for kind, n in session.execute(select(Event.kind, func.count()).group_by(Event.kind))}
        beat = session.scalar(select(Kiosk.last_heartbeat))
    assert keys[: len(expected)] == expected  # stored in the kiosk's order, each once
    assert kinds == {"usage": 12, "help_request": 6, "heartbeat": 7}
    assert beat["content_revision"] == 1 and beat["last_sync"] == "unchanged" and beat["free_disk"] > 0
    assert beat["app_version"]


def test_lost_acknowledgement_stores_each_record_once(tmp_path, database_url):
    repo, _ = published(tmp_path)
    app = create_app(database_url, repo.dir)
    with app.state.sessions.begin() as session:
        token = auth.enroll(session, "mapo-2")
    kiosk = open_kiosk(tmp_path / "kiosk")
    for number in range(25):
        kiosk.usage.record("screen", screen=f"s{number}")
    with run_app(app) as url:
        sync = client(kiosk, url + "/repo/", repo.public, api_url=url, token=token, outbox_batch=10)
        assert sync.run().uploaded == 26
        # The server stored everything but the kiosk never heard back: it sends all again.
        with kiosk.sessions.begin() as session:
            session.execute(update(OutboxEntry).values(sent_at=None))
        assert sync.run().uploaded == 27
    with app.state.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 27  # 25 + 2 heartbeats
    app.state.sessions.kw["bind"].dispose()


def test_wrong_token_keeps_everything_queued(tmp_path):
    now = [dt.datetime(2030, 3, 1, 9, 0)]
    repo, _ = published(tmp_path, now=now[0])
    app = create_app(f"sqlite:///{tmp_path / 'server.db'}", repo.dir)
    kiosk = open_kiosk(tmp_path / "kiosk")
    kiosk.helpdesk.request_help("home")
    with run_app(app) as url:
        result = client(kiosk, url + "/repo/", repo.public, api_url=url, token="kiosk_not-a-real-token").run()
    # Refused by the API (protocol.onboarding): said as such, and nothing fetched or sent.
    assert result.status == "not_authorised" and "not connected" in result.message
    assert result.requests == 0 and result.uploaded == 0
    assert len(unsent(kiosk)) == 1  # the help request stays queued for when it is connected again
