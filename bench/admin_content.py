"""Content editor benchmark: how long the editors take as the catalog grows.

    python bench/admin_content.py [--extra-lessons 500] [--rounds 10] [--publishes 3] [--database-url URL]

Publishes the demo pack plus ``--extra-lessons`` generated lessons (copies of a demo lesson
under new ids, sharing its pictures), then over the real app on 127.0.0.1 times, as a city
admin: the lesson list, a lesson's editor (the draft's check with the kiosk's loader, kept
while nothing changes), saving it unchanged, saving a change and opening the editor again (one
whole check of the draft), the publish page (the diff and the check),
a search across every language, and opening, changing and publishing one title (drafts written as a pack,
validated, views and indexes signed), each against `/healthz` measured in the same run (the
floor of a request through the same server and client). Prints the median and the slowest
round of each, in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from protocol.signing import Signer, generate_private_pem, load_private  # noqa: E402
from server import staff  # noqa: E402
from server.app import create_app  # noqa: E402
from server.audit import COMMAND_LINE  # noqa: E402
from server.content_store import record_publication  # noqa: E402
from server.devserver import run_app  # noqa: E402
from server.publish import publish  # noqa: E402
from server.scope import Role  # noqa: E402
from tests.plugins.html_forms import as_data, form_fields, with_values  # noqa: E402

PASSWORD = "benchmark password"
NOW = dt.datetime(2030, 3, 5, 3, 0)  # naive UTC, noon in Seoul
DEMO = ROOT / "resources" / "content"
TEMPLATE_LESSON = "video-call"


def catalog(folder: Path, extra: int) -> Path:
    pack = folder / "pack"
    shutil.copytree(DEMO, pack)
    lesson = json.loads((pack / "lessons" / f"{TEMPLATE_LESSON}.json").read_text(encoding="utf-8"))
    for n in range(extra):
        copy = {**lesson, "id": f"extra-{n:05d}", "next_lessons": [],
                "title": {loc: f"{text} {n}" for loc, text in lesson["title"].items()}}
        (pack / "lessons" / f"extra-{n:05d}.json").write_text(json.dumps(copy, ensure_ascii=False), encoding="utf-8")
    return pack


def timed(action, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def ok(response: httpx.Response, status: int = 200) -> httpx.Response:
    assert response.status_code == status, (response.request.url, response.status_code, response.text[:500])
    return response


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra-lessons", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--publishes", type=int, default=3)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="content-bench-") as folder:
        base_dir = Path(folder)
        url = args.database_url or f"sqlite:///{base_dir / 'server.db'}"
        signer = Signer(load_private(generate_private_pem()))
        app = create_app(url, base_dir / "repo", clock=lambda: NOW, signer=lambda: signer)
        sessions = app.state.sessions
        started = time.perf_counter()
        result = publish(catalog(base_dir, args.extra_lessons), base_dir / "repo", signer, now=NOW)
        with sessions.begin() as session:
            record_publication(session, result, COMMAND_LINE, "bench", NOW)
            staff.create_staff(session, login="city", password=PASSWORD, display_name="City", role=Role.CITY,
                               by="bench", now=NOW)
        lessons = 15 + args.extra_lessons
        print(f"catalog: {lessons} lessons, {result.files} files (published in {time.perf_counter() - started:.1f} s)")
        with run_app(app) as address:
            http = httpx.Client(base_url=address, timeout=120, follow_redirects=False)
            ok(http.post("/admin/login", data={"login": "city", "password": PASSWORD}), 303)
            floor = statistics.median(timed(lambda: ok(http.get("/healthz")), args.rounds))
            print(f"floor: /healthz median {floor:.1f} ms")
            editor = f"/admin/content/lesson/{TEMPLATE_LESSON}"
            fields = form_fields(ok(http.get(editor)).text, form_id="editor")
            changes = iter(range(10**6))

            def change_and_reopen() -> None:
                opened = form_fields(ok(http.get(editor)).text, form_id="editor")
                summary = {"summary.en": f"Talk face to face, version {next(changes)}"}
                ok(http.post(editor, data=as_data(with_values(opened, summary) + [("do", "save")])), 303)
                ok(http.get(editor))

            cases = [
                ("lesson list", lambda: ok(http.get("/admin/content?kind=lesson"))),
                ("a lesson's editor (its check kept)", lambda: ok(http.get(editor))),
                ("save it unchanged", lambda: ok(http.post(editor, data=as_data(fields + [("do", "save")])), 303)),
                ("save a change, open it again (a check)", lambda: change_and_reopen()),
                ("publish page (diff and check)", lambda: ok(http.get("/admin/content/publish"))),
                ("search every language", lambda: ok(http.get("/admin/content/search", params={"q": "영상"}))),
            ]
            for what, action in cases:
                times = timed(action, args.rounds)
                median = statistics.median(times)
                print(f"{what:40} median {median:8.1f} ms  max {max(times):8.1f} ms  ratio to floor {median / floor:7.1f}")
            counter = iter(range(10**6))

            def publish_one_change() -> None:
                n = next(counter)
                opened = form_fields(ok(http.get(editor)).text, form_id="editor")  # as a person opens it
                ok(http.post(editor, data=as_data(with_values(opened, {"title.en": f"Video call, take {n}"})
                                                  + [("do", "save")])), 303)
                csrf = dict(opened)["csrf"]
                ok(http.post("/admin/content/publish", data={"csrf": csrf, "note": f"bench {n}"}), 303)

            times = timed(publish_one_change, args.publishes)
            median = statistics.median(times)
            print(f"{'open, save, publish one changed title':40} median {median:8.1f} ms  max {max(times):8.1f} ms  "
                  f"ratio to floor {median / floor:7.1f}")
            http.close()
        sessions.kw["bind"].dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
