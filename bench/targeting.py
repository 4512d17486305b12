"""Targeted content on a city catalog: what one aimed notice costs each kiosk, and what the
center views cost the publisher.

    python bench/targeting.py [--lessons 2000] [--media-mb 40] [--centers 25]

Generates a catalog (bench/sync.py's generator) and centers spread over Seoul's districts, and publishes
it; a kiosk of Mapo and a kiosk of Gangnam sync their center views from a plain static file
server on 127.0.0.1. Then a notice aimed at Mapo changes, then a city-wide notice changes, and
each kiosk's bytes and requests are reported. Baselines measured in the same run: a city-wide
notice change (what every kiosk moves), and a publish of the same pack with no centers.
Target: a kiosk the notice does not concern moves only the index (here: one request, no body).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sync import generate, text, write_json  # noqa: E402  (bench/sync.py)

from db.engine import open_database  # noqa: E402
from kiosk.content.districts import DISTRICTS  # noqa: E402
from kiosk.paths import DataDir  # noqa: E402
from kiosk.sync.client import SyncClient, SyncConfig  # noqa: E402
from server.cli import main as server_cli  # noqa: E402
from server.devserver import run_static  # noqa: E402


def quietly(argv: list[str]) -> int:
    with open(os.devnull, "w") as quiet, redirect_stdout(quiet):
        return server_cli(argv)


def centers_file(path: Path, count: int) -> list[str]:
    """``count`` centers spread over the 25 districts: mapo-senior, gangnam-senior, ... first."""
    districts = list(DISTRICTS)
    ids, centers = [], []
    for number in range(count):
        district = districts[number % len(districts)]
        center_id = f"{district}-senior" + (f"-{number // len(districts)}" if number >= len(districts) else "")
        ids.append(center_id)
        centers.append({
            "id": center_id, "district": district, "name": text(f"{DISTRICTS[district]['ko']} 경로당 {number}"),
            "address": text(f"서울 {DISTRICTS[district]['ko']}"), "phone": "02-120",
            "open_times": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "18:00"}],
        })
    write_json(path, centers)
    return ids


def set_notices(pack: Path, mapo_body: str, city_body: str) -> None:
    write_json(pack / "notices.json", [
        {"id": "mapo-flu", "title": text("마포구 독감 예방접종"), "body": text(mapo_body),
         "valid_from": "2026-01-01", "valid_until": "2099-12-31", "aimed_at": {"districts": ["mapo"]}},
        {"id": "city-news", "title": text("서울시 소식"), "body": text(city_body),
         "valid_from": "2026-01-01", "valid_until": "2099-12-31"},
    ])


def timed_publish(home: Path, pack: Path) -> float:
    started = time.perf_counter()
    assert quietly(["--home", str(home), "publish", str(pack)]) == 0
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", type=int, default=2000)
    parser.add_argument("--media-mb", type=int, default=40)
    parser.add_argument("--centers", type=int, default=25)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kiosk-targeting-"))
    f: dict[str, object] = {"lessons": args.lessons, "centers": args.centers}
    try:
        pack, home, bare = work / "pack", work / "home", work / "bare"
        generate(pack, args.lessons, args.media_mb << 20)
        set_notices(pack, "보건소에서 맞으세요.", "새 소식이에요.")
        assert quietly(["--home", str(bare), "init"]) == 0
        f["publish_no_centers_s"] = round(timed_publish(bare, pack), 2)
        assert quietly(["--home", str(home), "init"]) == 0
        centers_file(work / "centers.json", args.centers)
        assert quietly(["--home", str(home), "center", "import", str(work / "centers.json")]) == 0
        f["publish_s"] = round(timed_publish(home, pack), 2)
        f["publish_ratio"] = round(f["publish_s"] / f["publish_no_centers_s"], 2)
        public = json.loads((home / "server.json").read_text())["root_public_key"]
        with run_static(home / "repo") as url:
            kiosks = {}
            for center in ("mapo-senior", "gangnam-senior"):
                data = work / center
                kiosks[center] = SyncClient(data, open_database(DataDir(data).database),
                                            SyncConfig(repo_url=url, public_key=public, center=center, min_free_bytes=0))
                first = kiosks[center].run(upload=False)
                assert first.status == "updated", first.message
            f["first_sync_bytes"] = first.bytes

            set_notices(pack, "보건소와 복지관에서 맞으세요.", "새 소식이에요.")
            f["aimed_publish_s"] = round(timed_publish(home, pack), 2)
            for center, label in (("mapo-senior", "aimed_own"), ("gangnam-senior", "aimed_other")):
                result = kiosks[center].run(upload=False)
                f[f"{label}_status"], f[f"{label}_bytes"], f[f"{label}_requests"] = (
                    str(result.status), result.bytes, result.requests)

            set_notices(pack, "보건소와 복지관에서 맞으세요.", "서울시의 새 소식이에요.")
            timed_publish(home, pack)
            city = kiosks["gangnam-senior"].run(upload=False)
            f["city_change_bytes"], f["city_change_requests"] = city.bytes, city.requests
        index = (home / "repo" / "centers" / "mapo-senior" / "index.json").stat().st_size
        f["index_bytes"] = index
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"catalog: {f['lessons']} lessons, {f['centers']} centers over 25 districts")
    print(f"publish: {f['publish_s']} s with {f['centers']} center views, {f['publish_no_centers_s']} s without "
          f"(ratio {f['publish_ratio']}); an aimed notice change publishes in {f['aimed_publish_s']} s")
    print(f"notice aimed at Mapo changed: the Mapo kiosk moves {f['aimed_own_bytes']} bytes in "
          f"{f['aimed_own_requests']} requests ({f['aimed_own_status']}); the Gangnam kiosk moves "
          f"{f['aimed_other_bytes']} bytes in {f['aimed_other_requests']} request(s) ({f['aimed_other_status']}; "
          f"target: only the index, {f['index_bytes']} bytes at most)")
    print(f"baseline, a city-wide notice change: {f['city_change_bytes']} bytes in {f['city_change_requests']} "
          f"requests for every kiosk; aimed/city ratio for the Mapo kiosk "
          f"{round(f['aimed_own_bytes'] / max(1, f['city_change_bytes']), 2)}")
    print(json.dumps(f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
