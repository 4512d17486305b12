"""Kiosk sync end to end: from the project's server and from a plain static file server."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import func, select
from tests.plugins.sync import LOCAL_SUMMARY, client, edit_lesson, lesson_summary, local_pack, open_kiosk, published

from db.models import MediaObject, SyncState
from kiosk.content.loader import load_pack
from kiosk.content.store import apply_pack
from server.app import create_app
from server.devserver import run_app, run_static


@pytest.fixture(params=["project-server", "static-server"])
def served(request, tmp_path):
    """(repo, pack, repo_url) served by our FastAPI app or by Python's plain http.server."""
    repo, pack = published(tmp_path)
    if request.param == "project-server":
        with run_app(create_app(f"sqlite:///{tmp_path / 'server.db'}", repo.dir)) as url:
            yield repo, pack, url + "/repo/"
    else:
        with run_static(repo.dir) as url:
            yield repo, pack, url


def test_initial_sync_noop_and_one_lesson_change(served, tmp_path):
    repo, pack, url = served
    kiosk = open_kiosk(tmp_path / "kiosk")
    sync = client(kiosk, url, repo.public)

    first = sync.run()
    assert first.status == "updated", first.message
    assert first.revision == 1 and "lessons/lesson-1.json" in first.added
    assert first.requests == 2 + first.objects_fetched  # index, whole catalog, then each object once
    assert lesson_summary(kiosk) == "요약 1"
    for lesson in kiosk.content.lessons():
        for step in kiosk.content.lesson(lesson.id).steps:
            assert kiosk.content.media_file(step.picture).is_file()

    noop = sync.run()
    assert noop.status == "unchanged"
    assert (noop.requests, noop.bytes) == (1, 0)  # one conditional request, 304, no body

    edit_lesson(pack)
    assert repo.publish(pack).revision == 2
    change = sync.run()
    assert change.status == "updated" and change.revision == 2
    assert change.changed == ["lessons/lesson-1.json", "pack.json"]
    # index + catalog root + the shards of the two changed paths + the two changed files
    assert change.requests <= 6 and change.objects_fetched == 2
    assert lesson_summary(kiosk) == "바뀐 요약"
    assert kiosk.content.snapshot.revision == 2


def test_visitor_mid_lesson_keeps_old_content_until_home(tmp_path):
    repo, pack = published(tmp_path)
    kiosk = open_kiosk(tmp_path / "kiosk")
    with run_static(repo.dir) as url:
        sync = client(kiosk, url, repo.public)
        assert sync.run().status == "updated"
        assert lesson_summary(kiosk) == "요약 1"
        old_picture = kiosk.content.lesson("lesson-1").steps[0].picture
        # The visitor is now mid-lesson: the window does not reload until Home.
        (pack / "media" / "pic-1.svg").write_text((pack / "media" / "pic-1.svg").read_text().replace("#d62828", "#000"))
        edit_lesson(pack)
        repo.publish(pack)
        assert sync.run().status == "updated"
        assert kiosk.content.lesson("lesson-1").summary["ko"] == "요약 1"  # still the old snapshot
        assert kiosk.content.media_file(old_picture).is_file()  # and its files are still there
        kiosk.content.reload()  # what MainWindow.home() does
        assert kiosk.content.lesson("lesson-1").summary["ko"] == "바뀐 요약"


def test_unreferenced_objects_are_removed_later(tmp_path):
    now = [dt.datetime(2030, 1, 1, 9, 0)]
    repo, pack = published(tmp_path, now=now[0])
    kiosk = open_kiosk(tmp_path / "kiosk")
    with run_static(repo.dir) as url:
        sync = client(kiosk, url, repo.public, clock=lambda: now[0], gc_grace=dt.timedelta(hours=1))
        sync.run()
        kiosk.content.reload()
        old = kiosk.content.media_file(kiosk.content.lesson("lesson-1").steps[0].picture)
        svg = pack / "media" / "pic-1.svg"
        svg.write_text(svg.read_text().replace("#d62828", "#000"))
        repo.publish(pack)
        assert sync.run().status == "updated"
        assert old.exists(), "kept while a visitor may still see the previous revision"
        now[0] += dt.timedelta(hours=2)
        result = sync.run()
        assert result.status == "unchanged" and result.removed_objects >= 1
        assert not old.exists()
        kiosk.content.reload()
        for lesson in kiosk.content.lessons():
            for step in kiosk.content.lesson(lesson.id).steps:
                assert kiosk.content.media_file(step.picture).is_file()
        with kiosk.sessions() as session:
            assert session.scalar(select(func.count()).select_from(MediaObject)) >= 1


def test_content_replaced_locally_is_restored_despite_cached_etag(tmp_path):
    repo, pack = published(tmp_path)
    edit_lesson(pack, summary="서버 내용")
    repo.publish(pack)
    pack_dir = local_pack(tmp_path / "kiosk")
    kiosk = open_kiosk(tmp_path / "kiosk")
    with run_static(repo.dir) as url:
        sync = client(kiosk, url, repo.public)
        assert sync.run().status == "updated"
        # e.g. a restart re-applied the bundled pack over the synced rows
        apply_pack(kiosk.sessions, kiosk.media, load_pack(pack_dir), pack_dir)
        assert lesson_summary(kiosk) == LOCAL_SUMMARY
        again = sync.run()
        assert again.status == "updated" and again.objects_fetched == 0
        assert lesson_summary(kiosk) == "서버 내용"


def test_same_revision_with_other_content_is_refused(tmp_path):
    repo, pack = published(tmp_path)
    kiosk = open_kiosk(tmp_path / "kiosk")
    with run_static(repo.dir) as url:
        sync = client(kiosk, url, repo.public)
        sync.run()
        # Someone rebuilds the repository from scratch: revision 1 again, other content.
        import shutil

        shutil.rmtree(repo.dir)
        edit_lesson(pack)
        assert repo.publish(pack).revision == 1
        index = repo.dir / "index.json"
        os.utime(index, (index.stat().st_mtime + 5,) * 2)  # it happens later than the first publish
        result = sync.run()
        assert result.status == "failed" and "same revision" in result.message
        assert lesson_summary(kiosk) == "요약 1"
        with kiosk.sessions() as session:
            assert session.get(SyncState, 1).repo_revision == 1


def test_kiosk_sync_command_prints_what_changed(tmp_path, capsys):
    import main

    repo, pack = published(tmp_path)
    data = tmp_path / "kiosk"
    with run_static(repo.dir) as url:
        code = main.main(["sync", "--data-dir", str(data), "--repo", url, "--public-key", repo.public, "--save"])
        out = capsys.readouterr().out
        assert code == 0
        assert "updated revision 0 -> 1" in out and "added: lessons/lesson-1.json" in out
        edit_lesson(pack)
        repo.publish(pack)
        assert main.main(["sync", "--data-dir", str(data)]) == 0  # settings were saved
        out = capsys.readouterr().out
        assert "updated revision 1 -> 2" in out and "changed: lessons/lesson-1.json" in out
        assert main.main(["sync", "--data-dir", str(data)]) == 0
        assert "unchanged at revision 2 (1 request(s), 0 bytes)" in capsys.readouterr().out
    assert main.main(["sync", "--data-dir", str(tmp_path / "unconfigured")]) == 2


def test_fields_this_kiosk_does_not_know_come_back_as_notes_for_the_guide(tmp_path, monkeypatch):
    from tests.plugins.packs import read, write

    repo, pack = published(tmp_path)
    manifest = read(pack / "pack.json")
    manifest["schema_version"] = "1.9"
    write(pack / "pack.json", manifest)
    lesson = read(pack / "lessons" / "lesson-1.json")
    lesson["narration_speed"] = 0.9  # an additive field of that newer schema
    write(pack / "lessons" / "lesson-1.json", lesson)
    # A newer server's publisher knows the field; this one's strict check stands in for it.
    monkeypatch.setattr("server.publish.load_pack", lambda folder, strict=True: load_pack(folder))
    repo.publish(pack)
    kiosk = open_kiosk(tmp_path / "kiosk")
    with run_static(repo.dir) as url:
        result = client(kiosk, url, repo.public).run()
    assert result.status == "updated", result.message
    assert len(result.notes) == 1
    assert "lessons/lesson-1.json" in result.notes[0] and "narration_speed" in result.notes[0]
    assert lesson_summary(kiosk) == "요약 1"  # the rest of the lesson is shown as ever
