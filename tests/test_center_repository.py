"""City-scale repository, end to end through a plain static file server: each center's kiosks
get their own center and what is aimed at them; indexes expire, are re-signed, and follow a
key rotation; a frozen mirror, a revoked key and another center's index are each noticed."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

from tests.plugins.packs import make_pack, read, text, write
from tests.plugins.sync import client, open_kiosk

from db.models import SyncState
from protocol.repo_format import index_path
from protocol.signing import Signer, certify, generate_private_pem, load_private, public_key_text, sign_index
from server.centers import make_center, parse_windows
from server.devserver import run_static
from server.publish import publish, read_index_payload, refresh_indexes

T0 = dt.datetime(2031, 4, 7, 1, 0)  # naive UTC, a Monday: 10:00 in Seoul
WEEK = dt.timedelta(days=7)


class City:
    """A server's keys (root offline, signing key certified) and its repository folder."""

    def __init__(self, root: Path):
        self.root_key = load_private(generate_private_pem())
        self.public = public_key_text(self.root_key)
        self.dir = root / "repo"
        self.signer = self.new_signer(1)

    def new_signer(self, serial: int) -> Signer:
        key = load_private(generate_private_pem())
        return Signer(key, certify(self.root_key, public_key_text(key), serial, T0.isoformat()))

    def publish(self, pack: Path, centers, now: dt.datetime = T0, **kwargs):
        return publish(pack, self.dir, self.signer, now=now, centers=centers, **kwargs)


def center(center_id: str, district: str, name: str, guide: str = "tue,thu 10:00-16:00"):
    return make_center({
        "id": center_id, "district": district, "name": text(name, f"{name}(日)", f"{name} (en)"),
        "address": text(f"{name} 주소"), "phone": "02-000-0000",
        "open_times": parse_windows("mon-fri 09:00-18:00"), "guide_times": parse_windows(guide),
    }, center_id)


GANGNAM = center("gangnam-welfare", "gangnam", "강남구립노인복지관")
MAPO = center("mapo-senior", "mapo", "마포 행복경로당")
CENTERS = [GANGNAM, MAPO]


def aimed_pack(root: Path) -> Path:
    pack = make_pack(root)
    notices = read(pack / "notices.json")
    notices += [
        {"id": "mapo-flu", "title": text("마포구 독감 예방접종"), "body": text("보건소에서 무료로 맞으세요."),
         "valid_from": "2031-01-01", "valid_until": "2031-12-31", "aimed_at": {"districts": ["mapo"]}},
        {"id": "gangnam-class", "title": text("강남 스마트폰 교실"), "body": text("월요일 오전에 열려요."),
         "valid_from": "2031-01-01", "valid_until": "2031-12-31", "aimed_at": {"centers": ["gangnam-welfare"]},
         "times": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "12:00"}]},
    ]
    write(pack / "notices.json", notices)
    programs = read(pack / "programs.json")
    programs[0]["aimed_at"] = {"districts": ["mapo"]}
    write(pack / "programs.json", programs)
    return pack


def kiosk_at(tmp_path: Path, name: str):
    return open_kiosk(tmp_path / name)


def state_of(kiosk) -> SyncState:
    with kiosk.sessions() as session:
        return session.get(SyncState, 1)


def rows(kiosk):
    kiosk.content.reload()
    snapshot = kiosk.content.snapshot
    return snapshot.manifest.center, {n.id for n in snapshot.notices}, {p.id for p in snapshot.programs}


def test_two_centers_get_their_own_center_notices_and_programs(tmp_path):
    city = City(tmp_path / "server")
    result = city.publish(aimed_pack(tmp_path / "pack"), CENTERS)
    assert result.views_changed == [None, "gangnam-welfare", "mapo-senior"]
    gangnam, mapo, lobby = (kiosk_at(tmp_path, n) for n in ("gangnam-1", "mapo-1", "lobby"))
    with run_static(city.dir) as url:
        for kiosk, center_id in ((gangnam, "gangnam-welfare"), (mapo, "mapo-senior"), (lobby, "")):
            result = client(kiosk, url, city.public, center=center_id, clock=lambda: T0).run()
            assert result.status == "updated", result.message
    gangnam_center, gangnam_notices, gangnam_programs = rows(gangnam)
    mapo_center, mapo_notices, mapo_programs = rows(mapo)
    _, lobby_notices, lobby_programs = rows(lobby)
    assert gangnam_center.name["ko"] == "강남구립노인복지관" and gangnam_center.district == "gangnam"
    assert mapo_center.name["ko"] == "마포 행복경로당" and mapo_center.guide_times[0].days == ["tue", "thu"]
    assert gangnam_notices == {"current", "expired", "gangnam-class"}
    assert mapo_notices == {"current", "expired", "mapo-flu"}
    assert lobby_notices == {"current", "expired"}
    assert "program-1" in mapo_programs and "program-1" not in gangnam_programs | lobby_programs
    # Objects are shared: the lessons and pictures are stored once for all three views.
    lesson_objects = {read_catalog(city.dir, c)["lessons/lesson-1.json"][0] for c in (None, "gangnam-welfare", "mapo-senior")}
    assert len(lesson_objects) == 1


def read_catalog(repo: Path, center_id):
    payload = read_index_payload(repo, center_id)
    return json.loads((repo / "objects" / payload["catalog"][0][:2] / payload["catalog"][0]).read_bytes())["files"]


def test_a_notice_for_one_district_moves_only_the_index_for_another(tmp_path):
    city = City(tmp_path / "server")
    pack = aimed_pack(tmp_path / "pack")
    city.publish(pack, CENTERS)
    gangnam, mapo = kiosk_at(tmp_path, "gangnam-1"), kiosk_at(tmp_path, "mapo-1")
    with run_static(city.dir) as url:
        gangnam_sync = client(gangnam, url, city.public, center="gangnam-welfare", clock=lambda: T0)
        mapo_sync = client(mapo, url, city.public, center="mapo-senior", clock=lambda: T0)
        for sync in (gangnam_sync, mapo_sync):
            assert sync.run().status == "updated"
        notices = read(pack / "notices.json")
        notices[2]["body"]["ko"] = "보건소와 복지관에서 무료로 맞으세요."
        write(pack / "notices.json", notices)
        result = city.publish(pack, CENTERS, now=T0 + dt.timedelta(hours=1))
        assert result.views_changed == ["mapo-senior"]
        untouched, touched = gangnam_sync.run(), mapo_sync.run()
    assert untouched.status == "unchanged" and untouched.requests == 1
    assert touched.status == "updated" and touched.changed == ["notices.json", "pack.json"]  # pack.json: the revision
    assert untouched.bytes < 1500 and touched.bytes > untouched.bytes


def test_an_expired_index_keeps_the_content_tells_and_reports(tmp_path):
    city = City(tmp_path / "server")
    city.publish(aimed_pack(tmp_path / "pack"), CENTERS)
    kiosk = kiosk_at(tmp_path, "mapo-1")
    now = [T0]
    with run_static(city.dir) as url:
        sync = client(kiosk, url, city.public, center="mapo-senior", clock=lambda: now[0])
        assert sync.run().status == "updated"
        assert state_of(kiosk).index_expires_at == T0 + WEEK
        now[0] = T0 + WEEK + dt.timedelta(minutes=1)  # nobody re-signed: the server was stopped
        result = sync.run()
    assert result.status == "failed" and "expired" in result.message and "content stays" in result.message
    center, notices, _ = rows(kiosk)
    assert center.id == "mapo-senior" and "mapo-flu" in notices
    assert state_of(kiosk).index_expires_at == T0 + WEEK


def test_the_server_re_signs_before_expiry_with_nothing_changed(tmp_path):
    city = City(tmp_path / "server")
    city.publish(aimed_pack(tmp_path / "pack"), CENTERS)
    before = (city.dir / index_path("mapo-senior")).read_bytes()
    assert refresh_indexes(city.dir, city.signer, now=T0 + dt.timedelta(days=1)) == 0  # still fresh
    assert refresh_indexes(city.dir, city.signer, now=T0 + dt.timedelta(days=4)) == 3
    payload = read_index_payload(city.dir, "mapo-senior")
    assert payload["expires_at"] == (T0 + dt.timedelta(days=11)).isoformat() + "+00:00"
    assert payload["revision"] == json.loads(before)["payload"]["revision"]
    kiosk = kiosk_at(tmp_path, "mapo-1")
    with run_static(city.dir) as url:
        sync = client(kiosk, url, city.public, center="mapo-senior", clock=lambda: T0 + dt.timedelta(days=9))
        assert sync.run().status == "updated"
        assert sync.run().status == "unchanged"
    assert state_of(kiosk).index_expires_at == T0 + dt.timedelta(days=11)


def test_a_frozen_mirror_is_noticed_while_the_live_server_stays_fresh(tmp_path):
    city = City(tmp_path / "server")
    city.publish(aimed_pack(tmp_path / "pack"), CENTERS)
    mirror = tmp_path / "mirror"
    shutil.copytree(city.dir, mirror)  # a CDN copy that stops being refreshed from here on
    refresh_indexes(city.dir, city.signer, now=T0 + dt.timedelta(days=5))
    late = T0 + WEEK + dt.timedelta(hours=1)
    live, frozen = kiosk_at(tmp_path, "live"), kiosk_at(tmp_path, "frozen")
    with run_static(city.dir) as live_url, run_static(mirror) as mirror_url:
        assert client(live, live_url, city.public, center="mapo-senior", clock=lambda: late).run().ok
        stuck = client(frozen, mirror_url, city.public, center="mapo-senior", clock=lambda: late).run()
    assert not stuck.ok and "mirror" in stuck.message
    assert state_of(frozen).index_expires_at == T0 + WEEK < late
    assert state_of(live).index_expires_at > late


def test_a_key_rotation_is_followed_and_the_old_key_refused(tmp_path):
    city = City(tmp_path / "server")
    pack = aimed_pack(tmp_path / "pack")
    city.publish(pack, CENTERS)
    kiosk = kiosk_at(tmp_path, "gangnam-1")
    old = city.signer
    with run_static(city.dir) as url:
        sync = client(kiosk, url, city.public, center="gangnam-welfare", clock=lambda: T0 + dt.timedelta(hours=2))
        assert sync.run().status == "updated" and state_of(kiosk).key_serial == 1
        city.signer = city.new_signer(2)  # `kiosk-server rotate-key`: re-signs every index at once
        assert refresh_indexes(city.dir, city.signer, now=T0 + dt.timedelta(hours=1)) == 3
        assert sync.run().ok and state_of(kiosk).key_serial == 2
        # Whoever still has the old key signs a "newer" revision: every kiosk that followed refuses it.
        index = city.dir / index_path("gangnam-welfare")
        payload = json.loads(index.read_bytes())["payload"]
        index.write_bytes(sign_index({**payload, "revision": payload["revision"] + 5}, old))
        stamp = index.stat().st_mtime + 5
        os.utime(index, (stamp, stamp))
        refused = sync.run()
    assert refused.status == "failed" and "revoked key (serial 1" in refused.message
    assert rows(kiosk)[0].id == "gangnam-welfare"


def test_an_index_signed_by_a_key_the_root_never_certified_is_refused(tmp_path):
    city = City(tmp_path / "server")
    city.signer = Signer(load_private(generate_private_pem()), City(tmp_path / "other").signer.certificate)
    city.publish(aimed_pack(tmp_path / "pack"), CENTERS)
    kiosk = kiosk_at(tmp_path, "mapo-1")
    with run_static(city.dir) as url:
        result = client(kiosk, url, city.public, center="mapo-senior", clock=lambda: T0).run()
    assert result.status == "failed" and "not certified by the configured root key" in result.message


def test_another_centers_index_in_its_place_is_refused(tmp_path):
    city = City(tmp_path / "server")
    city.publish(aimed_pack(tmp_path / "pack"), CENTERS)
    # A mirror (or a mistake) serves Gangnam's validly signed index at Mapo's place.
    shutil.copyfile(city.dir / index_path("gangnam-welfare"), city.dir / index_path("mapo-senior"))
    kiosk = kiosk_at(tmp_path, "mapo-1")
    with run_static(city.dir) as url:
        result = client(kiosk, url, city.public, center="mapo-senior", clock=lambda: T0).run()
        unknown = client(kiosk_at(tmp_path, "new"), url, city.public, center="nowhere", clock=lambda: T0).run()
    assert result.status == "failed" and "center 'gangnam-welfare'" in result.message
    assert unknown.status == "failed" and "no view for center 'nowhere'" in unknown.message


def test_items_aimed_at_an_unknown_center_are_refused_naming_them(tmp_path):
    pack = aimed_pack(tmp_path / "pack")
    notices = read(pack / "notices.json")
    notices[3]["aimed_at"] = {"centers": ["gangnam-welfar"]}
    write(pack / "notices.json", notices)
    city = City(tmp_path / "server")
    try:
        city.publish(pack, CENTERS)
        raise AssertionError("published")
    except Exception as error:  # ContentError, asserted by its words
        assert "notices.json, item 'gangnam-class', field 'aimed_at.centers': no center 'gangnam-welfar'" in str(error)
    assert not (city.dir / "index.json").exists()


def test_a_kiosk_moved_to_another_center_takes_that_view_though_its_revision_is_lower(tmp_path):
    city = City(tmp_path / "server")
    pack = aimed_pack(tmp_path / "pack")
    city.publish(pack, CENTERS)
    kiosk = kiosk_at(tmp_path, "moved")
    with run_static(city.dir) as url:
        assert client(kiosk, url, city.public, center="mapo-senior", clock=lambda: T0).run().ok
        for number in range(3):  # Mapo's notice changes thrice: its view is ahead of Gangnam's
            notices = read(pack / "notices.json")
            notices[2]["body"]["ko"] = f"바뀐 안내 {number}"
            write(pack / "notices.json", notices)
            city.publish(pack, CENTERS, now=T0 + dt.timedelta(minutes=number + 1))
        at_mapo = client(kiosk, url, city.public, center="mapo-senior", clock=lambda: T0).run()
        assert at_mapo.status == "updated"
        assert read_index_payload(city.dir, "gangnam-welfare")["revision"] < at_mapo.revision
        moved = client(kiosk, url, city.public, center="gangnam-welfare", clock=lambda: T0).run()
        assert moved.status == "updated", moved.message
        center, notices, _ = rows(kiosk)
        assert center.id == "gangnam-welfare" and "gangnam-class" in notices and "mapo-flu" not in notices
        # Within its new view the rules hold again: no other content under the same revision.
        index = city.dir / index_path("gangnam-welfare")
        same = json.loads(index.read_bytes())["payload"]
        other_root = read_index_payload(city.dir, "mapo-senior")["root"]
        index.write_bytes(sign_index({**same, "root": other_root}, city.signer))
        stamp = index.stat().st_mtime + 5
        os.utime(index, (stamp, stamp))
        refused = client(kiosk, url, city.public, center="gangnam-welfare", clock=lambda: T0).run()
    assert refused.status == "failed" and "different content under the same revision" in refused.message


def test_a_view_catalog_built_over_a_shared_base_is_byte_for_byte_the_plain_one():
    from protocol.repo_format import build_catalog, canonical, full_catalog
    from server.catalogs import BaseCatalog

    common = {f"lessons/lesson-{n}.json": (f"{n:064x}", n * 10) for n in range(600)}
    common["media/사진.png"] = ("f" * 64, 7)  # not ASCII: encoded as canonical() does
    own = {"pack.json": ("a" * 64, 120), "center.json": ("b" * 64, 300), "lessons/lesson-3.json": ("c" * 64, 1)}
    view = BaseCatalog(common).with_files(own)
    shards, root = build_catalog({**common, **own})
    assert view.root == root and view.full == full_catalog({**common, **own})
    assert all(shards[key] == data for key, data in view.shards.items()) and len(view.shards) == 3
    assert canonical(json.loads(view.full)) == view.full


def test_a_restart_keeps_the_synced_center_view_over_a_newer_bundled_copy_of_the_same_pack(tmp_path):
    from kiosk.paths import BUNDLED_CONTENT
    from kiosk.services import KioskServices

    bundled = read(BUNDLED_CONTENT / "pack.json")
    pack = aimed_pack(tmp_path / "pack")
    manifest = read(pack / "pack.json")
    write(pack / "pack.json", {**manifest, "id": bundled["id"], "revision": 1})  # the city's pack, older
    city = City(tmp_path / "server")
    city.publish(pack, CENTERS)
    kiosk = KioskServices.open(tmp_path / "kiosk")  # starts on the bundled demo pack
    with run_static(city.dir) as url:
        assert client(kiosk, url, city.public, center="mapo-senior", clock=lambda: T0).run().status == "updated"
    assert read_index_payload(city.dir, "mapo-senior")["revision"] < bundled["revision"]
    restarted = KioskServices.open(tmp_path / "kiosk")  # as after an app upgrade
    assert restarted.content.center().id == "mapo-senior"
    assert "mapo-flu" in {n.id for n in restarted.content.snapshot.notices}
