"""bench/catalog.py: its catalog is a pack the kiosk loads, and the whole bench runs and reports."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from bench.catalog import PICTURE_SIZE, TOPICS_PER_CATEGORY, generate_catalog
from kiosk.content.loader import load_pack
from kiosk.paths import BUNDLED_CONTENT

ROOT = Path(__file__).resolve().parent.parent
GENERATED = 40
BENCH_TIMEOUT_S = 240  # about 20 s on the 2-core machine; a bound, not an expectation


def demo_lesson_ids() -> set[str]:
    return {path.stem for path in (BUNDLED_CONTENT / "lessons").glob("*.json")}


def test_the_catalog_loads_with_a_topic_for_every_generated_lesson(tmp_path):
    generate_catalog(tmp_path / "pack", GENERATED)

    pack = load_pack(tmp_path / "pack")
    demo = demo_lesson_ids()
    generated = [lesson for lesson in pack.lessons if lesson.id not in demo]
    assert len(generated) == GENERATED
    assert {lesson.id for lesson in pack.lessons} >= demo
    topics_of = {category.id: {topic.id for topic in category.topics} for category in pack.categories}
    for category in pack.categories:
        assert TOPICS_PER_CATEGORY[0] <= len(category.topics) <= TOPICS_PER_CATEGORY[1], category.id
    for lesson in generated:
        assert lesson.topic in topics_of[lesson.category], lesson.id
        assert 3 <= len(lesson.steps) <= 6, lesson.id
        assert set(lesson.title) == {"ko", "ja", "en"}
    assert {lesson.category for lesson in generated} == set(topics_of)  # spread over every category
    assert all(lesson.topic is None for lesson in pack.lessons if lesson.id in demo)


def test_every_generated_lesson_has_a_picture_of_its_own(tmp_path):
    generate_catalog(tmp_path / "pack", GENERATED)

    pack = load_pack(tmp_path / "pack")
    covers = [lesson.steps[0].picture for lesson in pack.lessons if lesson.id not in demo_lesson_ids()]
    assert len(set(covers)) == GENERATED
    digests = {hashlib.sha256((tmp_path / "pack" / cover).read_bytes()).hexdigest() for cover in covers}
    assert len(digests) == GENERATED
    with Image.open(tmp_path / "pack" / covers[0]) as picture:
        assert (picture.format, picture.size) == ("JPEG", PICTURE_SIZE)


def test_without_topics_no_category_has_any(tmp_path):
    generate_catalog(tmp_path / "pack", GENERATED, topics=False)

    pack = load_pack(tmp_path / "pack")
    assert all(not category.topics for category in pack.categories)
    assert all(lesson.topic is None for lesson in pack.lessons)
    assert len(pack.lessons) == len(demo_lesson_ids()) + GENERATED


def test_the_bench_taps_through_both_packs_and_reports_every_figure(tmp_path):
    # Without the visitor's pause between taps, so the test takes seconds, not a minute.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "bench/catalog.py", "--lessons", str(GENERATED), "--runs", "1", "--pause-ms", "0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=BENCH_TIMEOUT_S,
    )

    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    for label in ("tap to painted list p95", "open a lesson p95", "memory after every screen", "first start",
                  "restart / bare window", "event-loop stall"):
        assert any(line.startswith(label) and "demo pack" in line for line in lines), (label, done.stdout)
    figures = json.loads(lines[-1])
    assert figures["pack"]["generated"] == GENERATED
    for name in ("demo", "catalog"):
        measured = figures[name]
        assert measured["list_taps"] >= figures["pack"]["categories"], name
        assert measured["lesson_opens"] >= 1, name
        assert 0 < measured["list_p50_ms"] <= measured["list_p95_ms"] <= measured["list_max_ms"], name
        assert measured["memory_mb"] > 0 and measured["restart_ms"] > 0, name
    assert figures["catalog"]["topic_taps"] > 0
    assert figures["demo"]["topic_taps"] == 0  # the demo pack has no topics
    assert not list(tmp_path.glob("kiosk-catalog-*")), "the bench left its temporary folder behind"
