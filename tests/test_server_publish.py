"""`kiosk-server` commands and the publisher: validation, signing, forward-only revisions."""

from __future__ import annotations

import json
import os
import stat

import pytest
from tests.plugins.packs import make_pack, read, write
from tests.plugins.sync import Repo, edit_lesson

from kiosk.content.loader import ContentError
from protocol.repo_format import object_path, parse_root, parse_shard
from protocol.signing import generate_private_pem, load_public, verify_index
from server.cli import main


def test_publish_writes_signed_index_and_content_addressed_objects(tmp_path):
    pack = make_pack(tmp_path / "pack")
    repo = Repo(tmp_path / "server")
    result = repo.publish(pack)
    assert result.changed and result.revision == 1
    payload = verify_index((repo.dir / "index.json").read_bytes(), load_public(repo.public))
    root = parse_root((repo.dir / object_path(payload["root"][0])).read_bytes())
    files = {}
    for sha, _ in root.values():
        files.update(parse_shard((repo.dir / object_path(sha)).read_bytes()))
    assert {"pack.json", "lessons/lesson-1.json", "media/pic-0.svg"} <= set(files)
    assert (repo.dir / object_path(files["media/pic-0.svg"][0])).read_bytes() == (pack / "media/pic-0.svg").read_bytes()
    assert json.loads((repo.dir / object_path(files["pack.json"][0])).read_bytes())["revision"] == 1

    again = repo.publish(pack)
    assert not again.changed and again.revision == 1  # nothing changed, nothing new
    edit_lesson(pack)
    assert repo.publish(pack).revision == 2
    manifest = read(pack / "pack.json")
    manifest["revision"] = 10
    write(pack / "pack.json", manifest)
    assert repo.publish(pack).revision == 10  # the pack's own number when it is ahead
    manifest["revision"] = 3
    write(pack / "pack.json", manifest)
    assert repo.publish(pack).revision == 11  # but never backwards


def test_invalid_pack_names_file_item_field_and_publishes_nothing(tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["--home", str(home), "init"]) == 0
    pack = make_pack(tmp_path / "pack")
    assert main(["--home", str(home), "publish", str(pack)]) == 0
    before = {p: p.read_bytes() for p in (home / "repo").rglob("*") if p.is_file()}
    lesson = read(pack / "lessons" / "lesson-2.json")
    lesson["steps"][1]["text"] = {"ko": "한국어만"}
    write(pack / "lessons" / "lesson-2.json", lesson)
    capsys.readouterr()
    assert main(["--home", str(home), "publish", str(pack)]) == 2
    err = capsys.readouterr().err
    assert "lessons/lesson-2.json, item 'lesson-2', field 'steps[1].text'" in err
    assert "nothing was published" in err
    after = {p: p.read_bytes() for p in (home / "repo").rglob("*") if p.is_file()}
    assert after == before
    with pytest.raises(ContentError):
        Repo(tmp_path / "other").publish(pack)
    assert not (tmp_path / "other" / "repo" / "index.json").exists()


def test_cli_init_rotate_enroll(tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["--home", str(home), "init", "--root-key-out", str(tmp_path / "usb" / "root.pem")]) == 0
    out = capsys.readouterr().out
    assert "public key" in out and "setup token" in out and "Move it off this server" in out
    for secret in (home / "signing-key.pem", tmp_path / "usb" / "root.pem"):
        assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    root_public = out.split("public key (configure kiosks with it): ")[1].split()[0]
    assert main(["--home", str(home), "init"]) == 0  # again: the same keys, the same public key
    assert root_public in capsys.readouterr().out
    assert main(["--home", str(home), "rotate-key", "--root-key", str(tmp_path / "nowhere.pem")]) == 2
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(generate_private_pem())
    assert main(["--home", str(home), "rotate-key", "--root-key", str(stranger)]) == 2
    assert "not this server's root key" in capsys.readouterr().err
    assert main(["--home", str(home), "rotate-key", "--root-key", str(tmp_path / "usb" / "root.pem")]) == 0
    assert "serial 1 -> 2" in capsys.readouterr().out
    assert main(["--home", str(home), "enroll", "seocho-3"]) == 0
    assert "kiosk_" in capsys.readouterr().out
    assert main(["--home", str(home), "enroll", "seocho-3"]) == 1


def test_publish_without_key_explains(tmp_path):
    with pytest.raises(SystemExit, match="init"):
        main(["--home", str(tmp_path / "empty"), "publish", str(make_pack(tmp_path / "pack"))])


def test_a_signing_key_its_certificate_does_not_name_is_never_used_and_rotation_mends_it(tmp_path, capsys):
    home = tmp_path / "home"
    assert main(["--home", str(home), "init", "--root-key-out", str(tmp_path / "root.pem")]) == 0
    (home / "signing-key.pem").write_bytes(generate_private_pem())  # as if a crash came between the two files
    pack = make_pack(tmp_path / "pack")
    with pytest.raises(SystemExit, match="does not certify"):
        main(["--home", str(home), "publish", str(pack)])
    assert not (home / "repo" / "index.json").exists()
    assert main(["--home", str(home), "rotate-key", "--root-key", str(tmp_path / "root.pem")]) == 0
    assert main(["--home", str(home), "publish", str(pack)]) == 0
    assert "published revision 1" in capsys.readouterr().out
