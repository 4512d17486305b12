"""Admin web benchmark: how long the pages take for each role over a city-sized fleet.

    python bench/admin_pages.py [--centers 1000] [--kiosks-per-center 3] [--rounds 20] [--database-url URL]

Builds a fleet in a temporary SQLite file (or the given database): ``--centers`` centers spread
over the 25 districts, each with its kiosks, every kiosk with a heartbeat, a day of usage and a
help request, and one account per role. Then, over the real app on 127.0.0.1, it times the
fleet page as the city, a district and a center, the help page's live JSON (what each guide's
phone asks every 5 seconds) and the CSV export, each against `/healthz` measured in the same
run (the floor of a request through the same server and client), and one login (the scrypt
hash is meant to be slow). Prints the median and the slowest round of each, in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from kiosk.content.districts import DISTRICTS  # noqa: E402
from protocol.events import EventKind  # noqa: E402
from server import staff  # noqa: E402
from server.app import create_app  # noqa: E402
from server.centers import make_center, parse_windows, put_center  # noqa: E402
from server.devserver import run_app  # noqa: E402
from server.models import Event, Kiosk  # noqa: E402
from server.scope import Role  # noqa: E402

PASSWORD = "benchmark password"
NOW = dt.datetime(2030, 3, 5, 3, 0)  # naive UTC, noon in Seoul


def build_fleet(app, centers: int, per_center: int) -> tuple[str, str]:
    """Returns (a district id, a center id) with kiosks, for the district and center pages."""
    districts = list(DISTRICTS)
    with app.state.sessions.begin() as session:
        for n in range(centers):
            district = districts[n % len(districts)]
            words = {"ko": f"{district} 경로당 {n}", "ja": f"{district} 敬老堂 {n}", "en": f"{district} center {n}"}
            put_center(session, make_center({"id": f"c{n:04d}", "district": district, "name": words, "address": words,
                                             "open_times": parse_windows("mon-fri 09:00-18:00")}, "bench"), NOW)
        session.flush()
        seq = 0
        for n in range(centers):
            for k in range(per_center):
                kiosk = Kiosk(name=f"c{n:04d}-{k}", center=f"c{n:04d}", token_hash=uuid.uuid4().hex * 2,
                              created_at=NOW, last_seen_at=NOW - dt.timedelta(minutes=k * 40),
                              last_heartbeat={"app_version": "0.1.0", "content_revision": 1, "last_sync": "unchanged",
                                              "free_disk": 9_000_000_000})
                session.add(kiosk)
                session.flush()
                for minutes, kind, payload in (
                    (90, EventKind.USAGE, {"event": "lesson_started", "lesson": "phone-basics"}),
                    (80, EventKind.USAGE, {"event": "lesson_finished", "lesson": "phone-basics"}),
                    (79, EventKind.USAGE, {"event": "visit_ended"}),
                    (5, EventKind.HELP_REQUEST, {"screen": "player", "lesson_id": "phone-basics", "step": 2}),
                ):
                    seq += 1
                    at = NOW - dt.timedelta(minutes=minutes)
                    session.add(Event(kiosk_id=kiosk.id, key=uuid.uuid4().hex, kind=kind, seq=seq, created_at=at,
                                      received_at=at, payload={"at": at.isoformat(), **payload}))
        staff.create_staff(session, login="city", password=PASSWORD, display_name="City", role=Role.CITY,
                           by="bench", now=NOW)
        staff.create_staff(session, login="district", password=PASSWORD, display_name="District",
                           role=Role.DISTRICT, district=districts[0], by="bench", now=NOW)
        staff.create_staff(session, login="center", password=PASSWORD, display_name="Center", role=Role.CENTER,
                           center="c0000", by="bench", now=NOW)
    return districts[0], "c0000"


def timed(http: httpx.Client, path: str, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = http.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centers", type=int, default=1000)
    parser.add_argument("--kiosks-per-center", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="admin-bench-") as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'server.db'}"
        app = create_app(url, Path(folder) / "repo", clock=lambda: NOW)
        started = time.perf_counter()
        district, center = build_fleet(app, args.centers, args.kiosks_per_center)
        kiosks = args.centers * args.kiosks_per_center
        print(f"fleet: {args.centers} centers, {kiosks} kiosks, {kiosks * 4} records "
              f"(built in {time.perf_counter() - started:.1f} s)")
        with run_app(app) as base:
            clients = {}
            for role in ("city", "district", "center"):
                http = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
                start = time.perf_counter()
                assert http.post("/admin/login", data={"login": role, "password": PASSWORD}).status_code == 303
                login_ms = (time.perf_counter() - start) * 1000
                clients[role] = http
            floor = statistics.median(timed(clients["city"], "/healthz", args.rounds))
            print(f"floor: /healthz median {floor:.1f} ms; one login {login_ms:.0f} ms (scrypt n=2^15, meant to be slow)")
            cases = [
                ("city", "/admin", "fleet, city (a row per district)"),
                ("district", "/admin", f"fleet, district {district}"),
                ("center", "/admin", f"fleet, center {center}"),
                ("city", "/admin/kiosks", f"kiosks, city (all {kiosks})"),
                ("center", "/admin/help/live.json", "help live.json, center (every 5 s per phone)"),
                ("city", "/admin/help/live.json", "help live.json, city"),
                ("city", "/admin/usage", "usage, city, 7 days"),
                ("city", "/admin/usage.csv", "usage CSV, city"),
            ]
            for role, path, what in cases:
                times = timed(clients[role], path, args.rounds)
                median = statistics.median(times)
                print(f"{what:48} median {median:7.1f} ms  max {max(times):7.1f} ms  ratio to floor {median / floor:6.1f}")
            for http in clients.values():
                http.close()
        app.state.sessions.kw["bind"].dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
