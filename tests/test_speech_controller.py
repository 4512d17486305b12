"""SpeechController: order, highlighting signals, overlap, stop latency, narration, no engine, stalls.

Runs with QT_QPA_PLATFORM=offscreen and no sound card: QMediaPlayer then plays against a clock
(or errors, which the controller turns into silent timed sentences); either way signals fire.
"""

import threading
import time

import pytest
from tests.plugins.speech import FakeEngine, no_engine, write_tone
from PySide6.QtCore import QTimer
from PySide6.QtMultimedia import QMediaPlayer

from kiosk.speech import SpeechItem, SpeechService, VoiceInfo
from ui.speech import SpeechController


@pytest.fixture
def engine():
    return FakeEngine(seconds_per_char=0.01)


@pytest.fixture
def controller(qtbot, tmp_path, engine):
    service = SpeechService(tmp_path / "cache", engine_factory=lambda: engine)
    speech = SpeechController(service, warm_locales=())
    yield speech
    speech.shutdown()


def record(speech):
    heard = []
    speech.sentence_started.connect(lambda item, sentence, text: heard.append((item, sentence, text)))
    return heard


def test_speaks_items_sentence_by_sentence(qtbot, controller):
    heard = record(controller)
    items = [SpeechItem("1단계 중 1단계"), SpeechItem("버튼을 누르세요. 화면이 바뀝니다.")]
    with qtbot.waitSignal(controller.playback_started, timeout=3000):
        controller.speak(items, "ko")
    assert controller.is_speaking
    with qtbot.waitSignal(controller.finished, timeout=5000):
        pass
    assert heard == [(0, 0, "1단계 중 1단계"), (1, 0, "버튼을 누르세요."), (1, 1, "화면이 바뀝니다.")]
    assert not controller.is_speaking


def test_a_new_request_replaces_the_old_and_stale_results_never_play(qtbot, controller, engine):
    heard = record(controller)
    engine.gate = threading.Event()  # hold synthesis so the first request's result comes late
    controller.speak([SpeechItem("First request.")], "en")
    controller.speak([SpeechItem("Second request.")], "en")
    engine.gate.set()
    with qtbot.waitSignal(controller.finished, timeout=5000):
        pass
    assert [text for _, _, text in heard] == ["Second request."]


def test_two_quick_taps_speak_once(qtbot, controller):
    heard = record(controller)
    items = [SpeechItem("Listen again. Two sentences.")]
    controller.speak(items, "en")
    controller.speak(items, "en")
    with qtbot.waitSignal(controller.finished, timeout=5000):
        pass
    assert [text for _, _, text in heard] == ["Listen again.", "Two sentences."]


def test_never_two_voices_at_once(qtbot, controller):
    # One player for everything: a second speak while the first plays stops the first.
    controller.speak([SpeechItem("A long first sentence that is still playing.")], "en")
    qtbot.waitUntil(lambda: controller._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState, timeout=3000)
    first_source = controller._player.source()
    with qtbot.waitSignal(controller.playback_started, timeout=3000):
        controller.speak([SpeechItem("Second.")], "en")
    assert controller._player.source() != first_source
    assert len(controller.findChildren(QMediaPlayer)) == 1


@pytest.mark.parametrize("how", ["stop", "disable"])
def test_stop_is_immediate(qtbot, controller, engine, how):
    engine.seconds_per_char = 0.2  # a sentence of several seconds
    with qtbot.waitSignal(controller.playback_started, timeout=3000):
        controller.speak([SpeechItem("This sentence plays for a long while.")], "en")
    with qtbot.waitSignal(controller.finished, timeout=100):
        started = time.perf_counter()
        controller.stop() if how == "stop" else controller.set_enabled(False)
        elapsed = time.perf_counter() - started
    assert elapsed < 0.1
    assert controller._player.playbackState() == QMediaPlayer.PlaybackState.StoppedState
    assert not controller.is_speaking


def test_stop_while_synthesizing_plays_nothing(qtbot, controller, engine):
    heard = record(controller)
    engine.gate = threading.Event()
    controller.speak([SpeechItem("Not yet synthesized.")], "en")
    controller.stop()
    engine.gate.set()
    qtbot.waitUntil(lambda: engine.saved == [] or len(engine.saved) <= 1, timeout=1000)
    qtbot.wait(100)  # let any stray result arrive (it must be ignored)
    assert heard == [] and not controller.is_speaking


def test_disabled_ignores_requests(qtbot, controller, engine):
    controller.set_enabled(False)
    controller.speak([SpeechItem("Nobody hears this.")], "en")
    assert not controller.is_speaking
    controller.set_enabled(True)
    with qtbot.waitSignal(controller.finished, timeout=5000):
        controller.speak([SpeechItem("Now.")], "en")


def test_recorded_narration_wins(qtbot, controller, engine, tmp_path):
    narration = tmp_path / "step1.ko.wav"
    write_tone(narration, 0.6)
    heard = record(controller)
    items = [SpeechItem("1단계"), SpeechItem("첫째 문장. 둘째 문장.", audio=narration)]
    with qtbot.waitSignal(controller.finished, timeout=5000):
        controller.speak(items, "ko")
    assert [text for text, _, _ in engine.saved] == ["1단계"]  # the narrated item was not synthesized
    assert heard[0] == (0, 0, "1단계")
    # Highlighting moves through the narrated item's sentences by their share of its length.
    assert (1, 0, "첫째 문장.") in heard


def test_unplayable_narration_falls_back_to_synthesis(qtbot, controller, engine, tmp_path):
    broken = tmp_path / "broken.ko.mp3"
    broken.write_bytes(b"this is not audio at all" * 10)
    heard = record(controller)
    with qtbot.waitSignal(controller.finished, timeout=5000):
        controller.speak([SpeechItem("녹음이 깨졌어요.", audio=broken)], "ko")
    assert (0, 0, "녹음이 깨졌어요.") in heard
    assert [text for text, _, _ in engine.saved] == ["녹음이 깨졌어요."]


def test_prefetch_fills_the_cache(qtbot, controller):
    controller.prefetch([SpeechItem("다음 단계입니다. 미리 만들어 둡니다.")], "ko")
    qtbot.waitUntil(lambda: controller.service.cached("미리 만들어 둡니다.", "ko", 1) is not None, timeout=3000)


def test_no_engine_runs_silently_and_tells_once(qtbot, tmp_path):
    speech = SpeechController(SpeechService(tmp_path / "cache", engine_factory=no_engine), warm_locales=())
    told = []
    speech.unavailable.connect(told.append)
    heard = record(speech)
    with qtbot.waitSignal(speech.finished, timeout=3000):
        speech.speak([SpeechItem("안녕하세요. 반갑습니다.")], "ko")
    speech.speak([SpeechItem("또 말해요.")], "ko")  # known silent now: nothing queued
    speech.speak([SpeechItem("Hello.")], "en")
    assert told == ["ko", "en"] and heard == [] and not speech.is_speaking
    assert len(speech.service.problems) == 1


def test_missing_voice_only_silences_that_language(qtbot, tmp_path):
    engine = FakeEngine(voices=[VoiceInfo("inc/kok", ("kok",)), VoiceInfo("gmw/en-us", ("en-us",))], seconds_per_char=0.01)
    speech = SpeechController(SpeechService(tmp_path / "cache", engine_factory=lambda: engine), warm_locales=())
    told = []
    speech.unavailable.connect(told.append)
    with qtbot.waitSignal(speech.finished, timeout=3000):
        speech.speak([SpeechItem("안녕하세요.")], "ko")
    with qtbot.waitSignal(speech.playback_started, timeout=3000):
        speech.speak([SpeechItem("Hello.")], "en")
    speech.stop()
    assert told == ["ko"]


def test_hung_engine_never_hangs_the_kiosk(qtbot, tmp_path, monkeypatch):
    import ui.speech

    monkeypatch.setattr(ui.speech, "SYNTHESIS_WAIT_MS", 200)
    engine = FakeEngine()
    engine.gate = threading.Event()  # never released during the wait: synthesis "hangs"
    speech = SpeechController(SpeechService(tmp_path / "cache", engine_factory=lambda: engine), warm_locales=())
    with qtbot.waitSignal(speech.finished, timeout=2000):
        speech.speak([SpeechItem("Stuck.")], "en")
    engine.gate.set()


def test_player_error_still_times_the_sentence(qtbot, controller):
    # What a kiosk without a working audio device does: the error becomes a silent, timed sentence.
    heard = record(controller)
    controller._player.errorOccurred.connect(lambda *_: None)
    controller.speak([SpeechItem("Error here. Next one.")], "en")
    qtbot.waitUntil(lambda: controller._playing is not None, timeout=3000)
    controller._on_error(QMediaPlayer.Error.ResourceError, "no audio device (test)")
    assert controller._silent.isActive()
    with qtbot.waitSignal(controller.finished, timeout=5000):
        pass
    assert [text for _, _, text in heard] == ["Error here.", "Next one."]


def test_event_loop_never_stalls_while_a_long_text_is_synthesized_and_played(qtbot, tmp_path, real_engine):
    service = SpeechService(tmp_path / "cache", engine_factory=lambda: real_engine)
    speech = SpeechController(service, warm_locales=())
    text = " ".join(f"{n}번째 문장입니다. 스마트폰으로 사진을 찍고 {n}명의 가족에게 보내는 방법을 배워 봅시다." for n in range(1, 21))
    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    speech.speak([SpeechItem(text)], "ko")
    assert len(speech._lines) == 40
    qtbot.waitUntil(lambda: not any(line.pending for line in speech._lines), timeout=20000)
    qtbot.wait(1000)  # and some playback
    timer.stop()
    speech.stop()
    assert max(gaps) < 0.05, f"longest event-loop stall {max(gaps) * 1000:.1f} ms"


def test_shutdown_stops_speech_and_ends_the_synthesis_thread(qtbot, controller):
    with qtbot.waitSignal(controller.playback_started, timeout=3000):
        controller.speak([SpeechItem("A sentence that is still playing at quit.")], "en")
    with qtbot.waitSignal(controller.finished, timeout=100):
        controller.shutdown()
    qtbot.waitUntil(lambda: not controller.runner.lane_alive("speech"), timeout=2000)
    assert not controller.is_speaking
