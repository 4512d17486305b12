"""`kiosk-server center ...` as an admin uses it: centers are data on the server, each kiosk
enrolled in one gets that center's view, and a changed center reaches its kiosks by sync."""

from __future__ import annotations

import json

from tests.plugins.packs import make_pack, read, text, write
from tests.plugins.sync import client, open_kiosk

from server.cli import main
from server.devserver import run_static
from server.publish import read_index_payload


def init(tmp_path, capsys) -> tuple[list[str], str]:
    home = ["--home", str(tmp_path / "home")]
    assert main([*home, "init", "--root-key-out", str(tmp_path / "usb" / "root.pem")]) == 0
    public = capsys.readouterr().out.split("public key (configure kiosks with it): ")[1].split()[0]
    return home, public


GANGNAM = [
    "center", "add", "gangnam-welfare", "--district", "gangnam",
    "--name-ko", "강남구립노인복지관", "--name-ja", "江南区立老人福祉館", "--name-en", "Gangnam Senior Welfare Center",
    "--address-ko", "서울 강남구 예시로 1", "--address-ja", "ソウル江南区 例示路1", "--address-en", "1 Example-ro, Gangnam-gu",
    "--phone", "02-3460-0000", "--open", "mon-fri 09:00-18:00, sat 09:00-13:00", "--guide", "tue,thu 10:00-16:00",
]


def test_an_admin_adds_a_center_aims_a_notice_and_its_kiosk_shows_both(tmp_path, capsys):
    home, public = init(tmp_path, capsys)
    assert main([*home, *GANGNAM]) == 0
    assert "1 center(s) added" in capsys.readouterr().out
    assert main([*home, "center", "list"]) == 0
    assert "gangnam-welfare\tgangnam\t강남구립노인복지관" in capsys.readouterr().out
    pack = make_pack(tmp_path / "pack")
    notices = read(pack / "notices.json")
    notices.append({"id": "gangnam-only", "title": text("강남 안내"), "body": text("강남 복지관 소식이에요."),
                    "valid_from": "2026-01-01", "valid_until": "9999-12-31", "aimed_at": {"districts": ["gangnam"]}})
    write(pack / "notices.json", notices)
    assert main([*home, "publish", str(pack)]) == 0
    assert "gangnam-welfare" in capsys.readouterr().out
    assert main([*home, "enroll", "gangnam-1", "--center", "gangnam-welfare"]) == 0
    assert "sync_center: gangnam-welfare" in capsys.readouterr().out

    kiosk = open_kiosk(tmp_path / "kiosk")
    repo = tmp_path / "home" / "repo"
    with run_static(repo) as url:
        sync = client(kiosk, url, public, center="gangnam-welfare")
        assert sync.run().status == "updated"
        kiosk.content.reload()
        center = kiosk.content.center()
        assert center.name["ja"] == "江南区立老人福祉館" and center.phone == "02-3460-0000"
        assert center.opening_hours["ko"] == "월~금 09:00~18:00, 토 09:00~13:00"
        assert center.opening_hours["en"] == "Mon–Fri 09:00–18:00, Sat 09:00–13:00"
        assert "gangnam-only" in {n.id for n in kiosk.content.snapshot.notices}

        # The center moves its phone line: only its own view gets a new revision.
        city_revision = read_index_payload(repo)["revision"]
        assert main([*home, "center", "add", "gangnam-welfare", "--phone", "02-3460-1111"]) == 0
        out = capsys.readouterr().out
        assert "0 center(s) added, 1 updated" in out and "for: gangnam-welfare" in out
        assert read_index_payload(repo)["revision"] == city_revision
        assert sync.run().status == "updated"
        kiosk.content.reload()
        assert kiosk.content.center().phone == "02-3460-1111"


def test_center_mistakes_are_named_and_change_nothing(tmp_path, capsys):
    home, _ = init(tmp_path, capsys)
    wrong_district = [*GANGNAM]
    wrong_district[wrong_district.index("gangnam")] = "강남구"
    assert main([*home, *wrong_district]) == 2
    err = capsys.readouterr().err
    assert "field 'district'" in err and "'강남구' is written 'gangnam'" in err and "no center was changed" in err
    bad_hours = [*GANGNAM[:-4], "--open", "weekdays 9 to 6"]
    assert main([*home, *bad_hours]) == 2
    assert "--open: 'weekdays 9 to 6' is not written like 'mon-fri 09:00-18:00'" in capsys.readouterr().err
    no_japanese = [a for a in GANGNAM if a not in ("--name-ja", "江南区立老人福祉館")]
    assert main([*home, *no_japanese]) == 2
    assert "field 'name': missing text for locale(s) ja" in capsys.readouterr().err
    assert main([*home, "enroll", "gangnam-1", "--center", "gangnam-welfare"]) == 1
    assert "no center 'gangnam-welfare'; add it first" in capsys.readouterr().err

    listing = tmp_path / "centers.json"
    listing.write_text(json.dumps([{"id": "mapo-senior", "district": "mapo"}, "x"]), encoding="utf-8")
    assert main([*home, "center", "import", str(listing)]) == 2
    err = capsys.readouterr().err
    assert "centers.json, center 1 'mapo-senior', field 'name': Field required" in err
    assert "centers.json, center 2: expected an object" in err
    assert main([*home, "center", "list"]) == 0 and capsys.readouterr().out == ""


def test_a_center_with_kiosks_is_not_removed(tmp_path, capsys):
    home, _ = init(tmp_path, capsys)
    assert main([*home, *GANGNAM]) == 0
    assert main([*home, "enroll", "gangnam-1", "--center", "gangnam-welfare"]) == 0
    capsys.readouterr()
    assert main([*home, "center", "remove", "gangnam-welfare"]) == 2
    assert "still has kiosks (gangnam-1)" in capsys.readouterr().err
    assert main([*home, *GANGNAM[:2], "mapo-senior", "--district", "mapo", *GANGNAM[5:]]) == 0
    assert main([*home, "publish", str(make_pack(tmp_path / "pack"))]) == 0
    view = tmp_path / "home" / "repo" / "centers" / "mapo-senior" / "index.json"
    assert view.exists()
    assert main([*home, "center", "remove", "mapo-senior"]) == 0
    assert "center 'mapo-senior' removed" in capsys.readouterr().out
    assert not view.exists() and not view.parent.exists(), "a removed center's view is not left to expire"
    assert (tmp_path / "home" / "repo" / "centers" / "gangnam-welfare" / "index.json").exists()
