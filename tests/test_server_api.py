"""The server's HTTP API on SQLite and (when KIOSK_TEST_POSTGRES_URL is set) PostgreSQL."""

from __future__ import annotations

import logging
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.plugins.sync import published

from server import auth
from server.app import create_app
from server.models import Event, Kiosk

@pytest.fixture
def server(tmp_path, database_url):
    repo, pack = published(tmp_path)
    app = create_app(database_url, repo.dir)
    with app.state.sessions.begin() as session:
        kiosk_token = auth.enroll(session, "jongno-1")
        admin_token = auth.add_api_token(session)
    with TestClient(app) as http:
        yield http, app, repo, kiosk_token, admin_token
    app.state.sessions.kw["bind"].dispose()


def batch(*kinds: str) -> dict:
    return {
        "events": [
            {"key": uuid.uuid4().hex, "kind": kind, "seq": n, "created_at": "2030-01-01T09:00:00",
             "payload": {"event": "lesson_started", "lesson": "lesson-1"} if kind == "usage" else {"app_version": "1", "free_disk": 5}}
            for n, kind in enumerate(kinds, start=1)
        ]
    }


def test_upload_needs_a_kiosk_token_and_stores_each_key_once(server):
    http, app, _, kiosk_token, admin_token = server
    body = batch("usage", "help_request", "heartbeat")
    assert http.post("/api/v1/events", json=body).status_code == 401
    assert http.post("/api/v1/events", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert http.post("/api/v1/events", json=body, headers={"Authorization": f"Bearer {admin_token}"}).status_code == 401
    headers = {"Authorization": f"Bearer {kiosk_token}"}
    first = http.post("/api/v1/events", json=body, headers=headers)
    assert first.status_code == 200 and first.json()["stored"] == 3
    again = http.post("/api/v1/events", json=body, headers=headers)
    assert again.json() == {"accepted": [e["key"] for e in body["events"]], "stored": 0}
    with app.state.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 3
        assert session.scalar(select(Kiosk.last_heartbeat)) == {"app_version": "1", "free_disk": 5}


def test_bad_batches_are_refused(server):
    http, _, _, kiosk_token, _ = server
    headers = {"Authorization": f"Bearer {kiosk_token}"}
    bad_key = batch("usage")
    bad_key["events"][0]["key"] = "x"
    assert http.post("/api/v1/events", json=bad_key, headers=headers).status_code == 422
    too_many = {"events": batch(*(["usage"] * 1001))["events"]}
    assert http.post("/api/v1/events", json=too_many, headers=headers).status_code == 422


def test_admin_endpoints_need_the_admin_credential(server):
    http, _, _, kiosk_token, admin_token = server
    http.post("/api/v1/events", json=batch("help_request"), headers={"Authorization": f"Bearer {kiosk_token}"})
    for path in ("/api/v1/admin/kiosks", "/api/v1/admin/events", "/api/v1/admin/publications"):
        assert http.get(path).status_code == 401
        assert http.get(path, headers={"Authorization": f"Bearer {kiosk_token}"}).status_code == 401
        assert http.get(path, headers={"Authorization": f"Bearer {admin_token}"}).status_code == 200
    events = http.get("/api/v1/admin/events?kind=help_request", headers={"Authorization": f"Bearer {admin_token}"})
    assert [e["kiosk"] for e in events.json()] == ["jongno-1"]


def test_no_token_is_ever_logged(server, caplog):
    http, _, _, kiosk_token, admin_token = server
    caplog.set_level(logging.DEBUG)
    http.post("/api/v1/events", json=batch("usage"), headers={"Authorization": f"Bearer {kiosk_token}"})
    http.post("/api/v1/events", json=batch("usage"), headers={"Authorization": "Bearer kiosk_guess"})
    http.get("/api/v1/admin/kiosks", headers={"Authorization": f"Bearer {admin_token}"})
    assert "jongno-1" in caplog.text  # the log says who, never with what
    for secret in (kiosk_token, admin_token, "kiosk_guess"):
        assert secret not in caplog.text


def test_repository_is_served_with_validators_and_ranges(server):
    http, _, repo, *_ = server
    index = http.get("/repo/index.json")
    assert index.status_code == 200 and index.headers["cache-control"] == "no-cache"
    assert http.get("/repo/index.json", headers={"If-None-Match": index.headers["etag"]}).status_code == 304
    root_sha = index.json()["payload"]["root"][0]
    whole = http.get(f"/repo/objects/{root_sha[:2]}/{root_sha}")
    assert "immutable" in whole.headers["cache-control"]
    part = http.get(f"/repo/objects/{root_sha[:2]}/{root_sha}", headers={"Range": "bytes=10-"})
    assert part.status_code == 206 and part.content == whole.content[10:]
