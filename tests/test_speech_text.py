"""Sentences, phone numbers read digit by digit, and exact voice matching (no engine needed)."""

import pytest

from kiosk.speech import VoiceInfo, pick_voice, split_sentences, spoken_form
from kiosk.speech.voices import from_engine, language_tag


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("안녕하세요. 오늘은 사진을 보내 봅시다!", ["안녕하세요.", "오늘은 사진을 보내 봅시다!"]),
        ("こんにちは。写真を送りましょう。", ["こんにちは。", "写真を送りましょう。"]),
        ("Press the green button. Is it on? Good!", ["Press the green button.", "Is it on?", "Good!"]),
        ("Version 1.5 of www.seoul.go.kr works.", ["Version 1.5 of www.seoul.go.kr works."]),
        ('He said "Stop." Then  he\nleft', ['He said "Stop."', "Then he left"]),
        ("「はい。」と言います。", ["「はい。」", "と言います。"]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences
    # The screens join the sentences with spaces and split again: indices must not move.
    assert split_sentences(" ".join(sentences)) == sentences


@pytest.mark.parametrize(
    "sentence, locale, spoken",
    [
        ("02-120", "ko", "공 이, 일 이 공"),
        ("1332", "ko", "일 삼 삼 이"),
        ("010-1234-5678", "ko", "공 일 공, 일 이 삼 사, 오 육 칠 팔"),
        ("02-120", "ja", "ぜろ に の いち に ぜろ"),
        ("1332", "ja", "いち さん さん に"),
        ("02-120", "en", "zero two, one two zero"),
        ("1332", "en", "one three three two"),
        ("010-1234-5678", "en", "zero one zero, one two three four, five six seven eight"),
        ("전화: 02-120", "ko", "전화: 공 이, 일 이 공"),
        ("Phone: 1332", "en", "Phone: one three three two"),
        ("電話：03-1234-5678", "ja", "電話：ぜろ さん の いち に さん よん の ご ろく なな はち"),
        ("금융 상담은 1332로 하세요.", "ko", "금융 상담은 일 삼 삼 이로 하세요."),
        ("Dial 1588-1234 today.", "en", "Dial one five eight eight, one two three four today."),
    ],
)
def test_phone_numbers_digit_by_digit(sentence, locale, spoken):
    assert spoken_form(sentence, locale) == spoken


@pytest.mark.parametrize(
    "sentence",
    ["2024-05-01 에 왔어요.", "1,332명이 왔어요.", "1.5배 빨라요.", "Lesson 3 of 10.", "전화는 3번 누르세요.", "10-20 minutes."],
)
def test_other_numbers_are_left_alone(sentence):
    assert spoken_form(sentence, "ko") == sentence


class PyttsxVoice:  # what pyttsx3 hands out, languages possibly as bytes with a priority byte
    def __init__(self, id, languages, name=""):
        self.id, self.languages, self.name = id, languages, name


def test_voice_matching_is_exact():
    voices = from_engine(
        [
            PyttsxVoice("inc/kok", [b"\x05kok"]),
            PyttsxVoice("ko", [b"\x05ko"]),
            PyttsxVoice("gmw/en", ["en-gb"]),
            PyttsxVoice("gmw/en-us", ["en-us"]),
            PyttsxVoice("gmw/en-us-nyc", ["en-us-nyc"]),
            PyttsxVoice("jpx/ja", ["ja"]),
        ]
    )
    assert pick_voice(voices, "ko").id == "ko"
    assert pick_voice(voices, "ja").id == "jpx/ja"
    assert pick_voice(voices, "en").id == "gmw/en-us"
    assert pick_voice(voices, "en-GB").id == "gmw/en"
    assert pick_voice(voices, "ko_KR").id == "ko"


def test_konkani_is_not_korean():
    voices = [VoiceInfo("inc/kok", ("kok",)), VoiceInfo("gmw/en-us", ("en-us",))]
    assert pick_voice(voices, "ko") is None


def test_sapi_style_voices():
    # SAPI5 through pyttsx3: registry ids, languages like 'ko_KR'.
    voices = from_engine(
        [
            PyttsxVoice(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_KO-KR_HEAMI_11.0", ["ko_KR"]),
            PyttsxVoice(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_ZIRA_11.0", ["en_US"]),
        ]
    )
    assert pick_voice(voices, "ko").id.endswith("HEAMI_11.0")
    assert pick_voice(voices, "en").id.endswith("ZIRA_11.0")
    assert pick_voice(voices, "ja") is None


def test_language_tags():
    assert language_tag(b"\x05ko") == "ko"
    assert language_tag("en_US") == "en-us"
    # A voice that lists no language is matched by the last part of its id.
    assert from_engine([PyttsxVoice("gmw/en-us", [])])[0].languages == ("en-us",)
