"""Versioned content: a newer server's added field does not stop an older kiosk, a new major
version is refused in plain words while the kiosk keeps its content, and typos still fail
the strict check that publishing runs."""

from __future__ import annotations

import shutil

import pytest
from tests.plugins.packs import add_practice_lesson, make_pack, read, write
from tests.plugins.sync import Repo, client, lesson_summary, open_kiosk

from kiosk.content.loader import ContentError, SchemaVersionError, load_pack
from kiosk.content.schema import SCHEMA_VERSION
from server.app import create_app
from server.devserver import run_app

NEWER_MINOR = "1.3"


def add_newer_fields(pack):
    """What a server on content schema 1.3 might publish: new fields, nothing else changed."""
    manifest = read(pack / "pack.json")
    manifest["schema_version"] = NEWER_MINOR
    manifest["accessibility_contact"] = "02-120"
    write(pack / "pack.json", manifest)
    lesson = read(pack / "lessons" / "lesson-2.json")
    lesson["steps"][2]["sign_language"] = "media/pic-3.svg"
    write(pack / "lessons" / "lesson-2.json", lesson)
    notices = read(pack / "notices.json")
    notices[0]["priority"] = "high"
    write(pack / "notices.json", notices)


IGNORED = [
    "pack.json, item 'test-pack', field 'accessibility_contact': "
    "not known to this kiosk (content schema 1.2, pack 1.3); ignored",
    "notices.json, item 'current', field 'priority': not known to this kiosk (content schema 1.2, pack 1.3); ignored",
    "lessons/lesson-2.json, item 'lesson-2', field 'steps[2].sign_language': "
    "not known to this kiosk (content schema 1.2, pack 1.3); ignored",
]


def problems_of(pack_dir, **kwargs) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_pack(pack_dir, **kwargs)
    return [str(p) for p in caught.value.problems]


def test_kiosk_schema_is_1_2_and_packs_without_a_version_are_1_0(pack_dir):
    assert SCHEMA_VERSION == "1.2"
    assert "schema_version" not in read(pack_dir / "pack.json")
    pack = load_pack(pack_dir, strict=True)
    assert pack.manifest.schema_version == "1.0" and pack.ignored == []


def test_added_fields_load_leniently_and_each_is_noted(pack_dir):
    add_newer_fields(pack_dir)
    pack = load_pack(pack_dir)
    assert pack.ignored == IGNORED
    assert pack.manifest.schema_version == NEWER_MINOR
    assert len(pack.lessons) == 3 and pack.notices[0].id == "current"
    assert "sign_language" not in pack.lessons[1].steps[2].model_dump()
    assert pack.model_copy().ignored == IGNORED, "the notes stay with the pack"


def test_added_fields_nested_deep_are_named_by_their_path(pack_dir):
    manifest = read(pack_dir / "pack.json")
    manifest["center"]["fax"] = "02-121"
    write(pack_dir / "pack.json", manifest)
    practice = add_practice_lesson(pack_dir, "practice-1", screens=2)
    practice["screens"][1]["target"]["shape"] = "circle"
    write(pack_dir / "lessons" / "practice-1.json", practice)
    assert load_pack(pack_dir).ignored == [
        "pack.json, item 'test-pack', field 'center.fax': not known to this kiosk (content schema 1.2, pack 1.0); ignored",
        "lessons/practice-1.json, item 'practice-1', field 'screens[1].target.shape': "
        "not known to this kiosk (content schema 1.2, pack 1.0); ignored",
    ]


def test_a_lesson_of_a_kind_from_a_newer_schema_is_left_out_not_the_whole_pack(pack_dir):
    manifest = read(pack_dir / "pack.json")
    manifest["schema_version"] = NEWER_MINOR
    write(pack_dir / "pack.json", manifest)
    quiz = read(pack_dir / "lessons" / "lesson-3.json")
    quiz["kind"] = "quiz"
    write(pack_dir / "lessons" / "lesson-3.json", quiz)
    pointing = [read(path) for path in sorted((pack_dir / "lessons").glob("*.json"))]
    assert any("lesson-3" in lesson["next_lessons"] for lesson in pointing), "the test needs a lesson suggesting it"

    pack = load_pack(pack_dir)
    assert [lesson.id for lesson in pack.lessons] == ["lesson-1", "lesson-2"]
    assert all("lesson-3" not in lesson.next_lessons for lesson in pack.lessons)
    assert pack.ignored == [
        "lessons/lesson-3.json, item 'lesson-3', field 'kind': kind 'quiz' is not known to this kiosk "
        "(content schema 1.2, pack 1.3); this lesson is left out"
    ]
    # Within the kiosk's own version an unknown kind is a mistake, and publishing refuses it.
    assert any("unknown kind 'quiz'" in p for p in problems_of(pack_dir, strict=True))


def test_strict_mode_rejects_added_fields_naming_file_item_and_field(pack_dir):
    add_newer_fields(pack_dir)
    message = "not known to content schema 1.2 (the pack says 1.3); update this software, or remove the field"
    assert problems_of(pack_dir, strict=True) == [
        f"pack.json, item 'test-pack', field 'accessibility_contact': {message}",
        f"notices.json, item 'current', field 'priority': {message}",
        f"lessons/lesson-2.json, item 'lesson-2', field 'steps[2].sign_language': {message}",
    ]


def test_strict_mode_still_catches_a_typo(pack_dir, capsys):
    lesson = read(pack_dir / "lessons" / "lesson-1.json")
    lesson["steps"][0]["pictrue"] = lesson["steps"][0].pop("picture")
    write(pack_dir / "lessons" / "lesson-1.json", lesson)
    typo = (
        "lessons/lesson-1.json, item 'lesson-1', field 'steps[0].pictrue': "
        "unknown field; check its spelling (content schema 1.2 has no field by this name)"
    )
    assert problems_of(pack_dir, strict=True) == [typo]
    from kiosk.content.validate import main

    assert main([str(pack_dir)]) == 1
    assert typo in capsys.readouterr().err


def test_a_newer_major_version_is_refused_in_plain_words(pack_dir):
    manifest = read(pack_dir / "pack.json")
    manifest["schema_version"] = "2.0"
    manifest["layout"] = {"anything": "a 2.x kiosk reads"}
    write(pack_dir / "pack.json", manifest)
    for strict in (False, True):
        with pytest.raises(SchemaVersionError) as caught:
            load_pack(pack_dir, strict=strict)
        first_line = str(caught.value).splitlines()[0]
        assert "this kiosk understands content schema 1.x, and this pack is content schema 2.0" in first_line
        assert "The kiosk keeps its current content. Update the kiosk software" in first_line


@pytest.mark.parametrize("written", ["1", "1.0.2", "v1.0", "", 1.0])
def test_a_malformed_version_names_file_and_field(pack_dir, written):
    manifest = read(pack_dir / "pack.json")
    manifest["schema_version"] = written
    write(pack_dir / "pack.json", manifest)
    (problem,) = problems_of(pack_dir)
    assert problem.startswith("pack.json, item 'test-pack', field 'schema_version': ")
    assert 'write it as text "MAJOR.MINOR", like "1.2"' in problem


def test_kiosk_keeps_its_content_when_a_newer_major_pack_arrives(services, pack_dir):
    before = services.content.snapshot
    newer = pack_dir.parent / "newer"
    shutil.copytree(pack_dir, newer)
    manifest = read(newer / "pack.json")
    manifest["schema_version"] = "2.0"
    manifest["revision"] = 9
    write(newer / "pack.json", manifest)
    assert services.load_content(newer) is False
    assert "this kiosk understands content schema 1.x, and this pack is content schema 2.0" in services.problems[-1]
    services.content.reload()
    assert services.content.snapshot is before and services.content.snapshot.revision == 1
    assert services.content.lesson("lesson-1") is not None


def test_a_pack_with_added_fields_from_a_newer_server_syncs_to_this_kiosk(tmp_path, monkeypatch):
    pack = make_pack(tmp_path / "pack")
    add_newer_fields(pack)
    lesson = read(pack / "lessons" / "lesson-2.json")
    lesson["summary"]["ko"] = "새 서버의 요약"
    write(pack / "lessons" / "lesson-2.json", lesson)
    repo = Repo(tmp_path / "server")
    with pytest.raises(ContentError):
        repo.publish(pack)  # this server's own (1.2) publisher refuses fields it does not know ...
    assert not (repo.dir / "index.json").exists()

    # ... a newer server's schema knows them: its publisher's check passes the same files through.
    monkeypatch.setattr("server.publish.load_pack", lambda content_dir, strict=True: load_pack(content_dir, strict=False))
    assert repo.publish(pack).changed
    monkeypatch.undo()

    kiosk = open_kiosk(tmp_path / "kiosk")
    assert lesson_summary(kiosk, "lesson-2") == "요약 2"
    with run_app(create_app(f"sqlite:///{tmp_path / 'server.db'}", repo.dir)) as url:
        result = client(kiosk, url + "/repo/", repo.public).run()
    assert result.status == "updated", result.message
    assert lesson_summary(kiosk, "lesson-2") == "새 서버의 요약"
    assert kiosk.content.snapshot.manifest.schema_version == NEWER_MINOR
    assert len(kiosk.content.lesson("lesson-2").steps) == 4
