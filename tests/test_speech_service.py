"""SpeechService: real espeak-ng synthesis per locale, cache, rates, and no engine / no voice."""

import importlib.util
import logging

import pytest
from tests.plugins.speech import FAKE_VOICES, FakeEngine, audio_stats, no_engine

from kiosk.speech import RATE_FACTORS, SpeechService, VoiceInfo

TEXTS = {
    "ko": "안녕하세요. 오늘은 스마트폰으로 가족에게 사진을 보내 보겠습니다.",
    "ja": "こんにちは。スマートフォンで家族に写真を送ってみましょう。",
    "en": "Hello. Today we will send a photo to your family with a smartphone.",
}


@pytest.mark.parametrize("locale", ["ko", "ja", "en"])
def test_real_synthesis_is_speech_of_plausible_length(real_service, locale):
    path = real_service.synthesize(TEXTS[locale], locale, rate_step=1)
    assert path is not None and path.suffix == ".wav"
    seconds, rms, peak = audio_stats(path)
    # ~40 characters of speech at a slow rate: several seconds, not a blip. Without pykakasi,
    # espeak-ng says "Chinese letter" for every kanji and the Japanese text lasts ~14 s.
    longest = 20.0 if locale == "ja" and importlib.util.find_spec("pykakasi") is None else 10.0
    assert 2.0 < seconds < longest, seconds
    assert rms > 0.02 and peak > 0.2, (rms, peak)


def test_real_voices_match_exactly(real_service):
    assert real_service.voice_for("ko") == "ko"  # not Konkani (inc/kok)
    assert real_service.voice_for("ja") == "jpx/ja"
    assert real_service.voice_for("en") == "gmw/en-us"


def test_real_rate_steps_are_slower_than_default(real_service, real_engine):
    default = real_engine.default_rate()
    rates = [real_service.rate_for(step) for step in range(3)]
    assert rates == sorted(rates) and all(rate < min(default, 175) for rate in rates)
    slow = audio_stats(real_service.synthesize(TEXTS["en"], "en", 0))[0]
    fast = audio_stats(real_service.synthesize(TEXTS["en"], "en", 2))[0]
    assert slow > fast * 1.1  # pauses do not scale with the rate


def test_real_phone_number_is_spoken_digit_by_digit(real_service):
    # "공 일 공, 일 이 삼 사, 오 육 칠 팔": eleven syllables and two pauses, far longer than a blip.
    seconds, rms, _ = audio_stats(real_service.synthesize("010-1234-5678", "ko", 1))
    assert seconds > 2.0 and rms > 0.02


def test_cache_hit_skips_the_engine(fake_service, fake_engine):
    first = fake_service.synthesize("안녕하세요.", "ko", 1)
    second = fake_service.synthesize("안녕하세요.", "ko", 1)
    assert first == second and len(fake_engine.saved) == 1
    assert fake_service.cached("안녕하세요.", "ko", 1) == first
    # The key is (text, voice, rate): another rate is another file.
    assert fake_service.synthesize("안녕하세요.", "ko", 0) != first
    assert len(fake_engine.saved) == 2


def test_cache_is_bounded(tmp_path, fake_engine):
    service = SpeechService(tmp_path / "cache", cache_limit_bytes=60_000, engine_factory=lambda: fake_engine)
    paths = [service.synthesize(f"문장 번호 {n}.", "ko", 1) for n in range(10)]  # ~22 KB each
    assert service.cache.size_bytes() <= 60_000
    assert paths[-1].exists() and not paths[0].exists()  # the oldest went first


def test_engine_gets_the_spoken_form(fake_service, fake_engine):
    fake_service.synthesize("전화: 02-120", "ko", 1)
    assert fake_engine.saved[-1][0] == "전화: 공 이, 일 이 공"


def test_no_engine_is_silent_and_told_once(tmp_path, caplog):
    service = SpeechService(tmp_path / "cache", engine_factory=no_engine)
    with caplog.at_level(logging.WARNING):
        assert service.synthesize("안녕하세요.", "ko", 1) is None
        assert service.synthesize("Hello.", "en", 1) is None
        assert service.voice_for("ja") is None
    assert len(service.problems) == 1 and "no speech engine" in service.problems[0]
    assert service.known_unavailable("ko")


def test_no_voice_for_a_language(tmp_path):
    engine = FakeEngine(voices=[VoiceInfo("inc/kok", ("kok",)), VoiceInfo("gmw/en-us", ("en-us",))])
    service = SpeechService(tmp_path / "cache", engine_factory=lambda: engine)
    assert service.synthesize("안녕하세요.", "ko", 1) is None
    assert service.synthesize("안녕하세요.", "ko", 1) is None
    assert service.synthesize("Hello.", "en", 1) is not None
    assert service.problems == ["Voice guidance is off for 'ko': no voice for it."]


def test_engine_failure_on_one_text_is_not_fatal(tmp_path):
    class Flaky(FakeEngine):
        def save(self, text, voice_id, rate, path):
            if "bad" in text:
                raise OSError("disk full")
            super().save(text, voice_id, rate, path)

    service = SpeechService(tmp_path / "cache", engine_factory=lambda: Flaky(FAKE_VOICES))
    assert service.synthesize("bad text.", "en", 1) is None
    assert service.synthesize("good text.", "en", 1) is not None
    assert not list((tmp_path / "cache").glob(".part-*"))  # no scraps left behind


def test_rate_factors_are_all_slower():
    assert all(0 < factor < 1 for factor in RATE_FACTORS) and len(RATE_FACTORS) == 3
