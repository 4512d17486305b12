"""The admin web says what the content check found in plain words, in the admin's language,
naming the item and the field as the editor form shows them ("Step 2, Japanese text is empty").

Each case copies the demo pack (resources/content), breaks one thing, runs the kiosk's own loader
(strict, as every save is checked) and says its problems through server.content_messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest

from kiosk.content.loader import CENTER_FILE, ContentError, Problem, load_pack
from kiosk.content.schema import SCHEMA_VERSION
from server.center_views import check_centers
from server.content_messages import Said, field_words, say_problem, say_problems
from server.i18n import Translator

DEMO = Path(__file__).resolve().parent.parent / "resources" / "content"
LESSON = "lessons/spot-scam-text.json"  # a lesson with steps, which nothing else points at
PRACTICE = "lessons/practice-scam-text.json"
Breaker = Callable[[Path], None]
TEXT = {"ko": "가", "ja": "あ", "en": "A"}


def edit(relative: str, change: Callable[[Any], Any]) -> Breaker:
    def breaker(pack: Path) -> None:
        path = pack / relative
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return breaker


def lesson(change: Callable[[dict], Any]) -> Breaker:
    return edit(LESSON, change)


def practice(change: Callable[[dict], Any]) -> Breaker:
    return edit(PRACTICE, change)


def first_program(change: Callable[[dict], Any]) -> Breaker:
    return edit("programs.json", lambda items: change(items[0]))


def first_notice(change: Callable[[dict], Any]) -> Breaker:
    return edit("notices.json", lambda items: change(items[0]))


def lessons_category(change: Callable[[dict], Any]) -> Breaker:
    """The category the steps lesson (LESSON) is in."""
    return edit("categories.json", lambda items: change(next(i for i in items if i["id"] == "staying-safe")))


# Listed out of order: the kiosk (and a problem's list of choices) goes by "order".
TOPICS = [{"id": "phone-scams", "title": TEXT, "order": 2}, {"id": "scam-texts", "title": TEXT, "order": 1}]


def with_file(name: str, data: bytes, then: Breaker) -> Breaker:
    def breaker(pack: Path) -> None:
        (pack / "media" / name).write_bytes(data)
        then(pack)
    return breaker


def step_picture(path: str) -> Breaker:
    return lesson(lambda item: item["steps"][1].update(picture=path))


def write(relative: str, data: bytes) -> Breaker:
    return lambda pack: (pack / relative).write_bytes(data)


def problems_of(tmp_path: Path, breaker: Breaker) -> list[Problem]:
    """What a save of the broken pack is refused for: the loader's, then the server's center check."""
    pack_dir = tmp_path / "pack"
    shutil.copytree(DEMO, pack_dir)
    breaker(pack_dir)
    try:
        pack = load_pack(pack_dir, strict=True)
        check_centers(pack_dir, pack, [])  # a server with no centers yet
    except ContentError as error:
        return error.problems
    raise AssertionError("the broken pack was accepted")


NOTICE = ("notice", "guide-on-duty")
PROGRAM = ("program", "safety-net-income-trial")
STEPS_LESSON = ("lesson", "spot-scam-text")
PRACTICE_LESSON = ("lesson", "practice-scam-text")
LESSONS_CATEGORY = ("category", "staying-safe")

# (case, breaker, [(kind, item, form field, English, Korean) for every problem, in order])
CASES = [
    ("missing text for one locale", lesson(lambda item: item["title"].pop("ja")), [
        (*STEPS_LESSON, "title.ja", "Title, Japanese text is missing.", "제목, 일본어 글이 없습니다.")]),
    ("missing text for several locales", lesson(lambda item: [item["steps"][1]["text"].pop(c) for c in ("ja", "en")]), [
        (*STEPS_LESSON, "steps.1.text.ja", "Step 2, Japanese and English text is missing.",
         "2단계, 일본어·영어 글이 없습니다.")]),
    ("empty text", lesson(lambda item: item["steps"][1]["text"].update(ja="  ")), [
        (*STEPS_LESSON, "steps.1.text.ja", "Step 2, Japanese text is empty.", "2단계, 일본어 글이 비어 있습니다.")]),
    ("whole text missing", lesson(lambda item: item.pop("summary")), [
        (*STEPS_LESSON, "summary.ko", "Summary is empty; fill it in.", "요약 칸이 비어 있습니다. 채워 주세요.")]),
    ("invalid id", first_notice(lambda item: item.update(id="Guide On Duty")), [
        ("notice", "Guide On Duty", "id",
         "Id: “Guide On Duty” is not a valid id; use only lowercase letters (a-z), digits and '-', at most 64 characters.",
         "ID: “Guide On Duty”은(는) 올바른 ID가 아닙니다. 영어 소문자(a-z), 숫자, '-'만 써서 64자 이내로 적으세요.")]),
    ("unknown category", lesson(lambda item: item.update(category="cooking")), [
        (*STEPS_LESSON, "category",
         "Category: there is no category “cooking”; pick one from the list of categories (everyday-services, "
         "family-and-friends, getting-around, safe-practice, smartphone-basics, staying-safe).",
         "수업 분야: “cooking” 수업 분야가 없습니다. 수업 분야 목록(everyday-services, family-and-friends, "
         "getting-around, safe-practice, smartphone-basics, staying-safe)에서 고르세요.")]),
    ("unknown topic", lambda pack: [lessons_category(lambda item: item.update(topics=TOPICS))(pack),
                                    lesson(lambda item: item.update(topic="calls"))(pack)], [
        (*STEPS_LESSON, "topic",
         "Topic: the category “staying-safe” has no topic “calls”; pick one of its topics (scam-texts, phone-scams), "
         "or “(none)”.",
         "세부 분야: “staying-safe” 수업 분야에는 “calls” 세부 분야가 없습니다. 그 분야의 세부 분야(scam-texts, "
         "phone-scams) 중 하나나 “(없음)”을 고르세요.")]),
    ("a topic in a category without topics", lesson(lambda item: item.update(topic="calls")), [
        (*STEPS_LESSON, "topic",
         "Topic: the category “staying-safe” has no topics, so this lesson cannot be in the topic “calls”; choose "
         "“(none)”, or add the topic in the category's editor first.",
         "세부 분야: “staying-safe” 수업 분야에는 세부 분야가 없어서 이 수업을 “calls” 세부 분야에 넣을 수 없습니다. "
         "“(없음)”을 고르거나, 먼저 수업 분야 편집 화면에서 세부 분야를 추가하세요.")]),
    ("topic id used twice", lessons_category(lambda item: item.update(topics=[TOPICS[1], {**TOPICS[1], "order": 3}])), [
        (*LESSONS_CATEGORY, "topics",
         "Category “staying-safe”: two of its topics have the same short name “scam-texts”; give one of them "
         "another short name.",
         "수업 분야 “staying-safe”: 세부 분야 두 개가 같은 짧은 이름 “scam-texts”을(를) 씁니다. 하나를 다른 이름으로 "
         "바꾸세요.")]),
    ("invalid topic id", lessons_category(lambda item: item.update(topics=[{"id": "Scam Texts", "title": TEXT}])), [
        (*LESSONS_CATEGORY, "topics.0.id",
         "Topic 1 short name: “Scam Texts” is not a valid id; use only lowercase letters (a-z), digits and '-', at "
         "most 64 characters.",
         "세부 분야 1 짧은 이름: “Scam Texts”은(는) 올바른 ID가 아닙니다. 영어 소문자(a-z), 숫자, '-'만 써서 64자 "
         "이내로 적으세요.")]),
    ("topic title in Korean only", lessons_category(lambda item: item.update(topics=[
            TOPICS[1], {"id": "phone-scams", "title": {"ko": "전화 사기"}}])), [
        (*LESSONS_CATEGORY, "topics.1.title.ja", "Topic 2 title, Japanese and English text is missing.",
         "세부 분야 2 제목, 일본어·영어 글이 없습니다.")]),
    ("topic without a title", lessons_category(lambda item: item.update(topics=[{"id": "scam-texts"}])), [
        (*LESSONS_CATEGORY, "topics.0.title.ko", "Topic 1 title is empty; fill it in.",
         "세부 분야 1 제목 칸이 비어 있습니다. 채워 주세요.")]),
    ("unknown theme", first_program(lambda item: item.update(theme="sports")), [
        (*PROGRAM, "theme",
         "Theme: there is no theme “sports”; pick one from the list of themes (culture, digital, environment, "
         "family, health, learning, safety, transport, welfare).",
         "주제: “sports” 주제가 없습니다. 주제 목록(culture, digital, environment, family, health, learning, "
         "safety, transport, welfare)에서 고르세요.")]),
    ("unknown next lesson", lesson(lambda item: item.update(next_lessons=["knitting"])), [
        (*STEPS_LESSON, "next_lessons",
         "Lessons to try next: there is no lesson “knitting” in the pack; pick the lessons from the list, or take "
         "this one out.",
         "다음에 해 볼 수업: 묶음에 “knitting” 수업이 없습니다. 목록에서 수업을 고르거나 이 수업을 빼세요.")]),
    ("unknown lesson type", lesson(lambda item: item.update(kind="quiz")), [
        (*STEPS_LESSON, "kind",
         "Lesson type: “quiz” is not a type of lesson the kiosk can show; use one of: lesson, practice.",
         "수업 종류: “quiz”은(는) 키오스크가 보여 줄 수 있는 수업 종류가 아닙니다. 다음 중 하나를 쓰세요: lesson, practice.")]),
    ("missing media file", step_picture("media/gone.svg"), [
        (*STEPS_LESSON, "steps.1.picture",
         "Step 2 picture: the file “media/gone.svg” is not in the pack; upload it again or choose another.",
         "2단계 그림: 묶음에 “media/gone.svg” 파일이 없습니다. 파일을 다시 올리거나 다른 파일을 고르세요.")]),
    ("unsupported picture type", step_picture("media/photo.gif"), [
        (*STEPS_LESSON, "steps.1.picture",
         "Step 2 picture: “media/photo.gif” is not a kind of picture the kiosk can show; upload an SVG, PNG or JPEG "
         "file.",
         "2단계 그림: “media/photo.gif”은(는) 키오스크가 보여 줄 수 있는 그림 파일이 아닙니다. SVG, PNG, JPEG 파일을 올리세요.")]),
    ("unsupported sound type", lesson(lambda item: item["steps"][0].update(narration={"en": "media/voice.m4a"})), [
        (*STEPS_LESSON, "steps.0.narration.en",
         "Step 1 narration (English): “media/voice.m4a” is not a kind of sound the kiosk can play; upload a WAV, "
         "OGG or MP3 file.",
         "1단계 음성 안내(영어): “media/voice.m4a”은(는) 키오스크가 재생할 수 있는 소리 파일이 아닙니다. "
         "WAV, OGG, MP3 파일을 올리세요.")]),
    ("picture outside the pack", step_picture("../secret.svg"), [
        (*STEPS_LESSON, "steps.1.picture",
         "Step 2 picture: “../secret.svg” is outside the pack; upload the file so the pack holds it.",
         "2단계 그림: “../secret.svg”은(는) 묶음 밖에 있습니다. 묶음에 들어가도록 파일을 올리세요.")]),
    ("not a valid PNG", with_file("fake.png", b"GIF89a not a png", step_picture("media/fake.png")), [
        (*STEPS_LESSON, "steps.1.picture",
         "Step 2 picture: “media/fake.png” is not a real PNG file (it may be damaged, or another kind of file "
         "renamed); save it again as PNG and upload it.",
         "2단계 그림: “media/fake.png”은(는) 제대로 된 PNG 파일이 아닙니다 (손상되었거나 다른 종류의 파일에 이름만 "
         "바꿨을 수 있습니다). PNG 형식으로 다시 저장해서 올리세요.")]),
    ("not a valid WAV", with_file("voice.wav", b"not a wav", lesson(
            lambda item: item["steps"][0].update(narration={"ko": "media/voice.wav"}))), [
        (*STEPS_LESSON, "steps.0.narration.ko",
         "Step 1 narration (Korean): “media/voice.wav” is not a real WAV file (it may be damaged, or another kind of "
         "file renamed); save it again as WAV and upload it.",
         "1단계 음성 안내(한국어): “media/voice.wav”은(는) 제대로 된 WAV 파일이 아닙니다 (손상되었거나 다른 종류의 "
         "파일에 이름만 바꿨을 수 있습니다). WAV 형식으로 다시 저장해서 올리세요.")]),
    ("unreadable SVG", with_file("broken.svg", b"<svg", step_picture("media/broken.svg")), [
        (*STEPS_LESSON, "steps.1.picture",
         "Step 2 picture: the SVG picture “media/broken.svg” cannot be read (unclosed token: line 1, column 0); "
         "save it again from the drawing program and upload it.",
         "2단계 그림: SVG 그림 “media/broken.svg”을(를) 읽을 수 없습니다 (unclosed token: line 1, column 0). "
         "그림 프로그램에서 다시 저장해서 올리세요.")]),
    ("not an SVG", with_file("page.svg", b"<html><body/></html>", step_picture("media/page.svg")), [
        (*STEPS_LESSON, "steps.1.picture",
         "Step 2 picture: “media/page.svg” is not an SVG picture (it holds “html”); upload an SVG, PNG or JPEG "
         "picture.",
         "2단계 그림: “media/page.svg”은(는) SVG 그림이 아닙니다 (“html” 문서입니다). SVG, PNG, JPEG 그림을 올리세요.")]),
    ("category picture missing", edit("categories.json", lambda items: items[0].update(picture="media/gone.png")), [
        ("category", "smartphone-basics", "picture",
         "Picture: the file “media/gone.png” is not in the pack; upload it again or choose another.",
         "그림: 묶음에 “media/gone.png” 파일이 없습니다. 파일을 다시 올리거나 다른 파일을 고르세요.")]),
    ("invalid web address", first_program(lambda item: item.update(detail_url="seoul dot go dot kr")), [
        (*PROGRAM, "detail_url",
         "Web address: this is not a web address; write it in full, starting with https://, like "
         "https://www.seoul.go.kr.",
         "웹 주소: 웹 주소가 아닙니다. https://www.seoul.go.kr처럼 https://로 시작하는 전체 주소를 적으세요.")]),
    ("web address of another scheme", first_program(lambda item: item.update(detail_url="ftp://seoul.go.kr")), [
        (*PROGRAM, "detail_url", "Web address must start with https:// (or http://).",
         "웹 주소: https://(또는 http://)로 시작해야 합니다.")]),
    ("phone pattern", first_program(lambda item: item.update(phone="call 120")), [
        (*PROGRAM, "phone",
         "Phone: write only digits, spaces and '-' (a '+' may come first), like 02-2133-0000.",
         "전화번호: 02-2133-0000처럼 숫자, 띄어쓰기, '-'만 적으세요 (맨 앞에는 '+'를 써도 됩니다).")]),
    ("who it is for empty", first_program(lambda item: item["audience"].update(en="")), [
        (*PROGRAM, "audience.en", "Who it is for, English text is empty.", "대상, 영어 글이 비어 있습니다.")]),
    ("not a date", first_notice(lambda item: item.update(valid_from="next Monday")), [
        (*NOTICE, "valid_from", "Shown from: this is not a date; write it as year-month-day, like 2030-03-31.",
         "게시 시작일: 날짜가 아닙니다. 2030-03-31처럼 연-월-일로 적으세요.")]),
    ("valid_until before valid_from", first_notice(lambda item: item.update(valid_from="2031-05-02",
                                                                            valid_until="2031-05-01")), [
        (*NOTICE, "valid_until", "Shown until is before Shown from; pick the same day or a later one.",
         "게시 종료일: 게시 시작일보다 앞선 날짜입니다. 같은 날이나 그 뒤의 날을 고르세요.")]),
    ("notice without dates", first_notice(lambda item: [item.pop("valid_from"), item.pop("valid_until")]), [
        (*NOTICE, "valid_from",
         "Shown from is empty; a notice needs both the day it is shown from and the day it is shown until.",
         "게시 시작일 칸이 비어 있습니다. 공지사항에는 게시 시작일과 게시 종료일이 모두 필요합니다."),
        (*NOTICE, "valid_until",
         "Shown until is empty; a notice needs both the day it is shown from and the day it is shown until.",
         "게시 종료일 칸이 비어 있습니다. 공지사항에는 게시 시작일과 게시 종료일이 모두 필요합니다.")]),
    ("weekly window ends before it starts", first_notice(lambda item: item.update(times=[
            {"days": ["mon"], "start": "09:00", "end": "12:00"}, {"days": ["sat"], "start": "14:00", "end": "10:00"}])), [
        (*NOTICE, "times",
         "Weekly times, part 2 ends (10:00) before it starts (14:00); the end must be later than the start.",
         "매주 시간 중 2번째: 끝나는 시각(10:00)이 시작 시각(14:00)보다 이릅니다. 끝나는 시각을 시작 시각보다 늦게 하세요.")]),
    ("weekly window without days", first_notice(lambda item: item.update(times=[
            {"days": [], "start": "09:00", "end": "12:00"}])), [
        (*NOTICE, "times", "Weekly times, part 1, days: no day is chosen; pick at least one day of the week.",
         "매주 시간 중 1번째의 요일: 고른 요일이 없습니다. 요일을 하나 이상 고르세요.")]),
    ("weekly window with a wrong day", first_notice(lambda item: item.update(times=[
            {"days": ["monday"], "start": "09:00", "end": "12:00"}])), [
        (*NOTICE, "times",
         "Weekly times, part 1, days: one of the days is not a day of the week; write mon, tue, wed, thu, fri, sat "
         "or sun.",
         "매주 시간 중 1번째의 요일: 요일이 아닌 것이 있습니다. mon, tue, wed, thu, fri, sat, sun 중에서 적으세요.")]),
    ("district by its Korean name", first_notice(lambda item: item.update(aimed_at={"districts": ["종로구"]})), [
        (*NOTICE, "aimed_at.districts",
         "Districts: write “종로구” as the district's id “jongno”, or pick it from the list.",
         "자치구: “종로구”의 자치구 ID는 “jongno”입니다. ID로 적거나 목록에서 고르세요.")]),
    ("district that is not in Seoul", first_notice(lambda item: item.update(aimed_at={"districts": ["haeundae"]})), [
        (*NOTICE, "aimed_at.districts",
         "Districts: “haeundae” is not one of Seoul's 25 districts; pick one from the list.",
         "자치구: “haeundae”은(는) 서울의 25개 자치구 중 하나가 아닙니다. 목록에서 고르세요.")]),
    ("unknown center", first_notice(lambda item: item.update(aimed_at={"centers": ["mapo-senior-1"]})), [
        (*NOTICE, "aimed_at.centers",
         "Centers: there is no center “mapo-senior-1” on this server; pick one from the list of centers, or add the "
         "center first (kiosk-server center add mapo-senior-1 ...).",
         "센터: 이 서버에 “mapo-senior-1” 센터가 없습니다. 센터 목록에서 고르거나 먼저 센터를 추가하세요 "
         "(kiosk-server center add mapo-senior-1 ...).")]),
    ("tap region outside the picture", practice(lambda item: item["screens"][0]["target"].update(x=790)), [
        (*PRACTICE_LESSON, "screens.0.target.x",
         "Practice screen 1 tap region reaches outside the picture: it is at 790, 445 and 90 × 100 in size, the "
         "picture is 800 × 600; draw it inside the picture.",
         "연습 화면 1 누를 곳: 그림 밖으로 나갑니다 (위치 790, 445, 크기 90 × 100, 그림 크기 800 × 600). "
         "그림 안쪽으로 정하세요.")]),
    ("tap region of no width", practice(lambda item: item["screens"][1]["target"].update(width=0)), [
        (*PRACTICE_LESSON, "screens.1.target.width", "Practice screen 2 tap region width must be more than 0.",
         "연습 화면 2 누를 곳의 너비: 0보다 커야 합니다.")]),
    ("practice task empty", practice(lambda item: item["screens"][0]["task"].update(ko="")), [
        (*PRACTICE_LESSON, "screens.0.task.ko", "Practice screen 1 task, Korean text is empty.",
         "연습 화면 1 할 일, 한국어 글이 비어 있습니다.")]),
    ("lesson with no steps", lesson(lambda item: item.update(steps=[])), [
        (*STEPS_LESSON, "", "This lesson has no steps; add at least one step.",
         "이 수업에는 단계가 없습니다. 단계를 하나 이상 추가하세요.")]),
    ("practice with no screens", practice(lambda item: item.update(screens=[])), [
        (*PRACTICE_LESSON, "", "This practice has no screens; add at least one practice screen.",
         "이 연습에는 연습 화면이 없습니다. 연습 화면을 하나 이상 추가하세요.")]),
    ("too many steps", lesson(lambda item: item.update(steps=item["steps"][:1] * 31)), [
        (*STEPS_LESSON, "", "This lesson has 31 steps, and a lesson can have at most 30; split it into two lessons.",
         "이 수업은 31단계입니다. 수업 하나에는 30단계까지만 넣을 수 있으니 수업을 둘로 나누세요.")]),
    ("order that is not a number", lesson(lambda item: item.update(order="first")), [
        (*STEPS_LESSON, "order", "Order must be a whole number.", "순서: 소수점 없는 숫자로 적으세요.")]),
    ("unknown field in a step", lesson(lambda item: item["steps"][2].update(colour="red")), [
        (*STEPS_LESSON, "",
         "Step 3: there is no field “colour” in the content format; check its spelling or remove it.",
         "3단계: 콘텐츠 형식에 “colour” 항목이 없습니다. 철자를 확인하거나 지우세요.")]),
    ("unknown field in an item", first_program(lambda item: item.update(fee="free")), [
        (*PROGRAM, "",
         "Program “safety-net-income-trial”: there is no field “fee” in the content format; check its spelling or "
         "remove it.",
         "지원 사업 “safety-net-income-trial”: 콘텐츠 형식에 “fee” 항목이 없습니다. 철자를 확인하거나 지우세요.")]),
    ("duplicate id", edit("notices.json", lambda items: items.append(items[0])), [
        (*NOTICE, "id", "Two notices have the same id “guide-on-duty”; give one of them another id.",
         "공지사항 두 개가 같은 ID “guide-on-duty”을(를) 씁니다. 하나의 ID를 다른 것으로 바꾸세요.")]),
    ("JSON syntax error", write("notices.json", b'[{"id": "guide-on-duty",}]'), [
        ("notice", "", "",
         "The file notices.json cannot be read: it is not valid JSON (line 1, column 25: Expecting property name "
         "enclosed in double quotes); it was changed outside the editor, so fix it by hand or restore an earlier "
         "revision.",
         "notices.json 파일을 읽을 수 없습니다. 올바른 JSON이 아닙니다 (1번째 줄, 25번째 글자: Expecting property "
         "name enclosed in double quotes). 편집기 밖에서 바뀐 파일이니 직접 바로잡거나 이전 버전으로 되돌리세요.")]),
    ("file not UTF-8", write("notices.json", "[]".encode("utf-16")), [
        ("notice", "", "", "The file notices.json is not UTF-8 text; save it again as UTF-8.",
         "notices.json 파일이 UTF-8 글이 아닙니다. UTF-8로 다시 저장하세요.")]),
    ("missing file", lambda pack: (pack / "notices.json").unlink(), [
        ("notice", "", "", "The file notices.json is missing; every content pack needs it.",
         "notices.json 파일이 없습니다. 모든 콘텐츠 묶음에 필요한 파일입니다.")]),
    ("text in a language the kiosk does not have", lesson(lambda item: item["title"].update(fr="Repérer")), [
        (*STEPS_LESSON, "",
         "Title has a text in “fr”, which is not one of the kiosk's languages (Korean, Japanese, English); remove it.",
         "제목에 키오스크의 언어(한국어, 일본어, 영어)가 아닌 “fr” 글이 있습니다. 그 글을 지우세요.")]),
    ("not a time of day", first_notice(lambda item: item.update(times=[
            {"days": ["mon"], "start": "25:00", "end": "11:00"}])), [
        (*NOTICE, "times",
         "Weekly times, part 1, start: this is not a time of day; write hours and minutes, like 09:30.",
         "매주 시간 중 1번째의 시작 시각: 시각이 아닙니다. 09:30처럼 시와 분을 적으세요.")]),
    ("picture size without its height", practice(lambda item: item["screens"][0].update(picture_size=[800])), [
        (*PRACTICE_LESSON, "screens.0.picture_size.1", "Practice screen 1 picture height is empty; fill it in.",
         "연습 화면 1 그림 높이 칸이 비어 있습니다. 채워 주세요.")]),
    ("revision below one", edit("pack.json", lambda manifest: manifest.update(revision=0)), [
        ("pack", "seoul-demo", "revision", "Revision must be 1 or more.", "버전: 1 이상이어야 합니다.")]),
    ("center's open times reversed", edit("pack.json", lambda manifest: manifest["center"].update(open_times=[
            {"days": ["mon"], "start": "18:00", "end": "09:00"}])), [
        ("pack", "seoul-demo", "center.open_times",
         "Open times, part 1 ends (09:00) before it starts (18:00); the end must be later than the start.",
         "여는 시간 중 1번째: 끝나는 시각(09:00)이 시작 시각(18:00)보다 이릅니다. 끝나는 시각을 시작 시각보다 늦게 하세요.")]),
    ("center view with a Korean district name", write(CENTER_FILE, json.dumps({
            "id": "jongno-1", "district": "종로구", "name": TEXT, "address": TEXT, "opening_hours": TEXT}).encode()), [
        ("pack", "jongno-1", "center.district",
         "Center district: write “종로구” as the district's id “jongno”, or pick it from the list.",
         "센터 자치구: “종로구”의 자치구 ID는 “jongno”입니다. ID로 적거나 목록에서 고르세요.")]),
    ("field from a newer content format", lambda pack: [
            edit("pack.json", lambda manifest: manifest.update(schema_version="1.9"))(pack),
            first_notice(lambda item: item.update(pinned=True))(pack)], [
        (*NOTICE, "",
         "Notice “guide-on-duty”: the field “pinned” is from a newer content format (1.9) than this server knows "
         f"({SCHEMA_VERSION}); update the server software, or remove the field.",
         f"공지사항 “guide-on-duty”: “pinned” 항목은 이 서버가 아는 콘텐츠 형식({SCHEMA_VERSION})보다 새 형식(1.9)의 것입니다. "
         "서버 소프트웨어를 업데이트하거나 이 항목을 지우세요.")]),
    ("content format of another major version", edit("pack.json", lambda m: m.update(schema_version="2.0")), [
        ("pack", "", "schema_version",
         "The content pack is in content format 2.0, made for newer software, and this server reads only 1.x; "
         "update the server software to edit it.",
         "이 콘텐츠 묶음은 새 소프트웨어용 콘텐츠 형식 2.0이고, 이 서버는 1.x 형식만 읽을 수 있습니다. "
         "편집하려면 서버 소프트웨어를 업데이트하세요.")]),
    ("content format that is not a version", edit("pack.json", lambda m: m.update(schema_version="one")), [
        ("pack", "seoul-demo", "schema_version",
         f"Content format version: 'one' is not a version; write it as two numbers with a dot, like “{SCHEMA_VERSION}”.",
         f"콘텐츠 형식 버전: 'one'은(는) 버전이 아닙니다. “{SCHEMA_VERSION}”처럼 두 숫자를 점으로 이어 적으세요.")]),
    ("not recognised: said with the loader's own words", lesson(lambda item: item.update(title="Spot a scam")), [
        (*STEPS_LESSON, "title",
         "Lesson “spot-scam-text”, Title: Input should be a valid dictionary (in the words of the content check).",
         "수업 “spot-scam-text”, 제목: Input should be a valid dictionary (콘텐츠 검사 원문).")]),
]


def said(problems: list[Problem], locale: str) -> list[Said]:
    return say_problems(problems, Translator(locale))


@pytest.mark.parametrize(("breaker", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_problem_is_said_in_the_admins_words(tmp_path, breaker, expected):
    problems = problems_of(tmp_path, breaker)
    english, korean = said(problems, "en"), said(problems, "ko")
    assert [(s.kind, s.item, s.field, s.text) for s in english] == [row[:4] for row in expected]
    assert [(s.kind, s.item, s.field, s.text) for s in korean] == [(*row[:3], row[4]) for row in expected]


def test_step_two_is_the_second_step_and_its_form_field(tmp_path):
    problems = problems_of(tmp_path, lesson(lambda item: item["steps"][1]["text"].update(ja="")))
    assert [p.field for p in problems] == ["steps[1].text"]  # the loader counts from 0
    english = say_problem(problems[0], Translator("en"))
    assert english.field == "steps.1.text.ja"
    assert english.text.startswith("Step 2,")
    assert say_problem(problems[0], Translator("ko")).text.startswith("2단계,")


def test_every_case_is_said_in_korean(tmp_path):
    """Every sentence of every case is translated: none is left in English on a Korean page."""
    untranslated = []
    for index, (name, breaker, _expected) in enumerate(CASES):
        problems = problems_of(tmp_path / str(index), breaker)
        for english, korean in zip(said(problems, "en"), said(problems, "ko")):
            assert (english.kind, english.item, english.field) == (korean.kind, korean.item, korean.field)
            if korean.text == english.text:
                untranslated.append(f"{name}: {english.text}")
    assert not untranslated, "\n".join(untranslated)


def test_a_problem_never_seen_before_keeps_all_it_said():
    problem = Problem("lessons/new.json", "new", "steps[4].flavour", "should taste of strawberries")
    english = say_problem(problem, Translator("en"))
    assert english == Said("lesson", "new", "steps.4.flavour",
                           "Lesson “new”, steps[4].flavour: should taste of strawberries (in the words of the content check).")
    korean = say_problem(problem, Translator("ko"))
    assert korean.text == "수업 “new”, steps[4].flavour: should taste of strawberries (콘텐츠 검사 원문)."


def test_each_file_names_its_kind_of_item():
    kinds = {file: say_problem(Problem(file, "", "", "file is missing; every pack needs it"), Translator("en")).kind
             for file in ("pack.json", "center.json", "categories.json", "themes.json", "programs.json",
                          "notices.json", "lessons/pay-by-qr.json")}
    assert kinds == {"pack.json": "pack", "center.json": "pack", "categories.json": "category",
                     "themes.json": "theme", "programs.json": "program", "notices.json": "notice",
                     "lessons/pay-by-qr.json": "lesson"}


@pytest.mark.parametrize(("kind", "path", "english", "korean"), [
    ("lesson", "steps.1.text", "Step 2 text", "2단계 글"),
    ("lesson", "steps.0.narration.ja", "Step 1 narration (Japanese)", "1단계 음성 안내(일본어)"),
    ("lesson", "screens.2.target.x", "Practice screen 3 tap region left edge", "연습 화면 3 누를 곳의 왼쪽 위치"),
    ("lesson", "screens.0.picture_size", "Practice screen 1 picture size", "연습 화면 1 그림 크기"),
    ("notice", "times.1.days", "Weekly times, part 2, days", "매주 시간 중 2번째의 요일"),
    ("notice", "aimed_at.districts", "Districts", "자치구"),
    ("program", "detail_url", "Web address", "웹 주소"),
    ("category", "topics.2.title.en", "Topic 3 title (English)", "세부 분야 3 제목(영어)"),
    ("lesson", "topic", "Topic", "세부 분야"),
    ("program", "fee", "fee", "fee"),  # a field no label names is shown as it is written
])
def test_field_words_name_a_form_field_as_people_see_it(kind, path, english, korean):
    assert field_words(kind, path, Translator("en")) == english
    assert field_words(kind, path, Translator("ko")) == korean
