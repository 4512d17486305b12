"""Build small, valid content packs in a temporary folder; tests then break them on purpose.

Fixture: ``pack_dir``, a fresh pack in the test's tmp_path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">'
    '<rect x="10" y="10" width="780" height="580" fill="#fff" stroke="#111" stroke-width="8"/>'
    '<circle cx="{cx}" cy="300" r="80" fill="#d62828"/></svg>'
)


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    return make_pack(tmp_path / "pack")


def text(ko: str, ja: str | None = None, en: str | None = None) -> dict[str, str]:
    return {"ko": ko, "ja": ja or f"{ko}(日本語)", "en": en or f"{ko} (English)"}


def make_pack(root: Path, revision: int = 1, lessons: int = 3, programs: int = 4) -> Path:
    pack = root
    (pack / "lessons").mkdir(parents=True, exist_ok=True)
    (pack / "media").mkdir(exist_ok=True)
    for index in range(6):
        (pack / "media" / f"pic-{index}.svg").write_text(SVG.format(cx=100 + index * 100))
    write(pack / "pack.json", {
        "id": "test-pack",
        "revision": revision,
        "title": text("시험 묶음", "テストパック", "Test pack"),
        "required_locales": ["ko", "ja", "en"],
        "center": {
            "name": text("시험 경로당", "テスト敬老堂", "Test Senior Center"),
            "address": text("서울 어딘가", "ソウルのどこか", "Somewhere in Seoul"),
            "opening_hours": text("평일 9시~18시", "平日9時~18時", "Weekdays 9 to 6"),
            "phone": "02-120",
        },
    })
    write(pack / "categories.json", [
        {"id": "basics", "order": 1, "picture": "media/pic-0.svg",
         "title": text("기초", "基本", "Basics"), "description": text("처음 배우기", "はじめて", "First steps")},
        {"id": "safety", "order": 2,
         "title": text("안전", "安全", "Safety"), "description": text("사기 예방", "詐欺防止", "Avoid scams")},
    ])
    write(pack / "themes.json", [
        {"id": "welfare", "order": 1, "title": text("복지", "福祉", "Welfare")},
        {"id": "health", "order": 2, "title": text("건강", "健康", "Health")},
    ])
    ids = [f"lesson-{n}" for n in range(1, lessons + 1)]
    for number, lesson_id in enumerate(ids, start=1):
        write(pack / "lessons" / f"{lesson_id}.json", {
            "id": lesson_id,
            "category": "basics" if number % 2 else "safety",
            "order": number,
            "title": text(f"수업 {number}", f"レッスン{number}", f"Lesson {number}"),
            "summary": text(f"요약 {number}", f"概要{number}", f"Summary {number}"),
            "next_lessons": [ids[number % len(ids)]] if len(ids) > 1 else [],
            "steps": [
                {"text": text(f"{number}번 수업 {step}단계예요. 화면을 보세요.",
                              f"レッスン{number}の{step}番目です。画面を見てください。",
                              f"This is step {step} of lesson {number}. Look at the screen."),
                 "picture": f"media/pic-{step % 6}.svg"}
                for step in range(1, 5)
            ],
        })
    write(pack / "programs.json", [
        {"id": f"program-{n}", "theme": "welfare" if n % 2 else "health", "order": n,
         "title": text(f"프로그램 {n}", f"プログラム{n}", f"Program {n}"),
         "summary": text(f"프로그램 {n} 설명이에요.", f"プログラム{n}の説明です。", f"About program {n}."),
         "audience": text("65세 이상", "65歳以上", "People aged 65 and over"),
         "schedule": text("매주 수요일", "毎週水曜日", "Every Wednesday"),
         "place": text("주민센터", "住民センター", "Community service center"),
         "how_to_apply": text("전화로 신청", "電話で申し込み", "Apply by phone"),
         "phone": "02-120",
         "detail_url": f"https://www.seoul.go.kr/program/{n}"}
        for n in range(1, programs + 1)
    ])
    write(pack / "notices.json", [
        {"id": "current", "title": text("안내", "お知らせ", "Notice"), "body": text("내용", "内容", "Body"),
         "valid_from": "2026-01-01", "valid_until": "9999-12-31"},
        {"id": "expired", "title": text("지난 안내", "過去のお知らせ", "Old notice"), "body": text("내용", "内容", "Body"),
         "valid_from": "2020-01-01", "valid_until": "2020-02-01"},
    ])
    return pack


def write(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


PRACTICE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
    '<rect width="{w}" height="{h}" fill="#fff" stroke="#111" stroke-width="8"/>'
    '<rect x="{x}" y="{y}" width="{tw}" height="{th}" fill="#2a9d8f"/></svg>'
)


def add_practice_lesson(
    pack: Path,
    lesson_id: str = "practice-1",
    screens: int = 3,
    category: str = "safety",
    picture_size: tuple[int, int] = (800, 600),
    targets: list[tuple[float, float, float, float]] | None = None,
) -> dict[str, Any]:
    """Add a practice lesson (kind "practice") whose mock screens each show one target box.

    Targets default to a box that walks across the picture, so each screen's right place differs.
    Returns the lesson as written, to break on purpose or to read the targets back.
    """
    width, height = picture_size
    if targets is None:
        targets = [
            (width * (0.1 + 0.25 * (n % 3)), height * (0.2 + 0.3 * (n % 2)), width * 0.2, height * 0.25)
            for n in range(screens)
        ]
    entries = []
    for number, (x, y, w, h) in enumerate(targets, start=1):
        picture = f"media/{lesson_id}-{number}.svg"
        (pack / picture).write_text(PRACTICE_SVG.format(w=width, h=height, x=x, y=y, tw=w, th=h))
        entries.append({
            "picture": picture,
            "picture_size": [width, height],
            "task": text(f"{number}번째 상자를 누르세요.", f"{number}番目の箱を押してください。", f"Tap box {number}."),
            "hint": text("초록 상자를 눌러 보세요.", "緑の箱を押してみてください。", "Try the green box."),
            "target": {"x": x, "y": y, "width": w, "height": h},
        })
    lesson = {
        "id": lesson_id,
        "category": category,
        "kind": "practice",
        "order": 10,
        "title": text("연습", "練習", "Practice"),
        "summary": text("눌러 보는 연습", "押す練習", "Tapping practice"),
        "screens": entries,
    }
    write(pack / "lessons" / f"{lesson_id}.json", lesson)
    return lesson


BUNDLED_PRACTICE = ("practice-kiosk-set-meal", "practice-subway-ticket", "practice-scam-text")


def add_bundled_practice(pack: Path, lesson_ids: tuple[str, ...] = BUNDLED_PRACTICE) -> list[dict[str, Any]]:
    """Copy the demo pack's practice scenarios (as they are, with their pictures) into a test pack.

    Only these lessons and their category come over, so a test of the bundled scenarios does not
    depend on the rest of the demo pack. Returns the lessons as read.
    """
    from kiosk.paths import BUNDLED_CONTENT

    lessons = [read(BUNDLED_CONTENT / "lessons" / f"{lesson_id}.json") for lesson_id in lesson_ids]
    wanted = {lesson["category"] for lesson in lessons}
    categories = read(pack / "categories.json")
    known = {category["id"] for category in categories}
    for category in read(BUNDLED_CONTENT / "categories.json"):
        if category["id"] in wanted and category["id"] not in known:
            picture = category.get("picture")
            if picture and (BUNDLED_CONTENT / picture).is_file():
                (pack / picture).write_bytes((BUNDLED_CONTENT / picture).read_bytes())
            else:
                category.pop("picture", None)
            categories.append(category)
    write(pack / "categories.json", categories)
    for lesson in lessons:
        lesson["next_lessons"] = [name for name in lesson.get("next_lessons", []) if name in lesson_ids]
        for screen in lesson["screens"]:
            (pack / screen["picture"]).write_bytes((BUNDLED_CONTENT / screen["picture"]).read_bytes())
        write(pack / "lessons" / f"{lesson['id']}.json", lesson)
    return lessons
