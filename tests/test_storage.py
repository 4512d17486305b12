"""SQLite storage: migrations, WAL, atomic content apply, and durable help requests."""

from __future__ import annotations

import os

from tests.plugins.packs import read, write
from sqlalchemy import func, select, text

from db.engine import HEAD_REVISION, MIGRATIONS_DIR, current_revision, open_database
from db.models import HelpRequest, MediaObject, OutboxEntry
from kiosk.content.loader import load_pack
from kiosk.content.store import MediaStore, apply_pack, collect_garbage
from kiosk.services import KioskServices


def test_head_revision_constant_matches_alembic(tmp_path):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_database_is_migrated_and_uses_wal(tmp_path):
    sessions = open_database(tmp_path / "kiosk.db")
    engine = sessions.kw["bind"]
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_apply_is_idempotent_and_media_is_content_addressed(tmp_path, pack_dir):
    sessions = open_database(tmp_path / "kiosk.db")
    media = MediaStore(tmp_path)
    pack = load_pack(pack_dir)
    assert apply_pack(sessions, media, pack, pack_dir) is True
    assert apply_pack(sessions, media, pack, pack_dir) is False
    with sessions() as session:
        stored = list(session.scalars(select(MediaObject)))
    assert len(stored) == 5  # the category picture and four step pictures
    for obj in stored:
        assert (tmp_path / "objects" / f"{obj.sha256}{obj.suffix}").stat().st_size == obj.size


def test_new_revision_replaces_content_and_garbage_is_collected(tmp_path, pack_dir):
    services = KioskServices.open(tmp_path / "data", pack_dir)
    assert services.content.snapshot.revision == 1
    for name in ("lesson-2.json", "lesson-3.json"):
        (pack_dir / "lessons" / name).unlink()
    lesson = read(pack_dir / "lessons" / "lesson-1.json")
    lesson["next_lessons"] = []
    for step in lesson["steps"]:
        step["picture"] = "media/pic-0.svg"
    write(pack_dir / "lessons" / "lesson-1.json", lesson)
    manifest = read(pack_dir / "pack.json")
    manifest["revision"] = 2
    write(pack_dir / "pack.json", manifest)
    assert services.load_content(pack_dir) is True
    assert services.content.snapshot.revision == 2
    assert [lesson.id for lesson in services.content.lessons()] == ["lesson-1"]
    assert collect_garbage(services.sessions, services.media) == 4
    assert len(list((services.data_dir / "objects").iterdir())) == 1


def test_a_failed_apply_leaves_the_old_content(tmp_path, pack_dir, monkeypatch):
    services = KioskServices.open(tmp_path / "data", pack_dir)
    manifest = read(pack_dir / "pack.json")
    manifest["revision"] = 2
    write(pack_dir / "pack.json", manifest)
    lesson = read(pack_dir / "lessons" / "lesson-1.json")
    lesson["title"]["en"] = "Changed"
    write(pack_dir / "lessons" / "lesson-1.json", lesson)

    from db import models

    original = models.ContentRevision.__init__

    def fail_late(self, **kwargs):
        raise OSError("disk went away")

    monkeypatch.setattr(models.ContentRevision, "__init__", fail_late)
    try:
        services.load_content(pack_dir)
    except OSError:
        pass
    monkeypatch.setattr(models.ContentRevision, "__init__", original)
    reopened = KioskServices.open(services.data_dir)
    assert reopened.content.snapshot.revision == 1
    assert reopened.content.lesson("lesson-1").title["en"] == "Lesson 1"
    assert len(reopened.content.lessons()) == 3


def test_help_requests_survive_a_restart_until_uploaded(tmp_path, pack_dir):
    services = KioskServices.open(tmp_path / "data", pack_dir)
    services.helpdesk.request_help("player", "lesson-1", 3)
    services.usage.record("lesson_started", lesson="lesson-1")
    services.sessions.kw["bind"].dispose()

    reopened = KioskServices.open(tmp_path / "data")
    (request,) = reopened.helpdesk.open_requests()
    assert (request.screen, request.lesson_id, request.step) == ("player", "lesson-1", 3)
    with reopened.sessions() as session:
        kinds = list(session.scalars(select(OutboxEntry.kind).where(OutboxEntry.sent_at.is_(None))))
        keys = session.scalar(select(func.count(func.distinct(OutboxEntry.idempotency_key))))
    assert kinds == ["help_request", "usage"] and keys == 2
    reopened.helpdesk.mark_done(request.key)
    assert reopened.helpdesk.open_requests() == []
    with reopened.sessions() as session:
        assert session.get(HelpRequest, request.id).done_at is not None


def test_bundled_pack_is_not_revalidated_on_every_start(tmp_path, monkeypatch):
    KioskServices.open(tmp_path / "data")
    calls = []
    monkeypatch.setattr("kiosk.services.load_pack", lambda path: calls.append(path))
    services = KioskServices.open(tmp_path / "data")
    assert calls == []
    assert len(services.content.lessons()) >= 12


def test_data_dir_holds_all_state(tmp_path, pack_dir):
    KioskServices.open(tmp_path / "data", pack_dir)
    names = set(os.listdir(tmp_path / "data"))
    assert {"kiosk.db", "objects"} <= names


def test_help_requests_from_before_the_help_key_get_the_key_they_were_uploaded_under(tmp_path):
    from alembic import command
    from alembic.config import Config

    from db.engine import make_engine
    from protocol.help import is_help_key

    engine = make_engine(f"sqlite:///{tmp_path / 'kiosk.db'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        for row_id in (1, 2):
            connection.execute(text(
                "INSERT INTO help_requests (id, created_at, screen, status) VALUES (:id, '2030-01-01 09:00:00', 'home', 'open')"
            ), {"id": row_id})
        # Request 1 was queued (and maybe uploaded) under its record's key, then closed locally.
        connection.execute(text(
            "INSERT INTO outbox (kind, idempotency_key, created_at, payload) VALUES "
            "('help_request', 'a1' || hex(randomblob(15)), '2030-01-01 09:00:00', '{\"local_id\": 1, \"screen\": \"home\"}'),"
            "('usage', 'b2' || hex(randomblob(15)), '2030-01-01 09:05:00', '{\"event\": \"help_done\", \"local_id\": 1}')"
        ))
    engine.dispose()

    sessions = open_database(tmp_path / "kiosk.db")
    with sessions() as session:
        first, second = session.scalars(select(HelpRequest).order_by(HelpRequest.id))
        uploaded_as = session.scalar(select(OutboxEntry.idempotency_key).where(OutboxEntry.kind == "help_request"))
        done = session.scalars(select(OutboxEntry).where(OutboxEntry.kind != "help_request")).one()
    assert first.key == uploaded_as
    assert is_help_key(second.key) and second.key != first.key
    assert (done.kind, done.payload) == ("help_done", {"key": first.key})
