"""Voice on the real screens: each screen speaks on entry, the sentence read is highlighted,
and leaving the screen or turning voice off silences it at once. Real espeak-ng synthesis."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from kiosk.speech import SpeechService
from ui.speech import SpeechController


@pytest.fixture
def speaking_window(qtbot, make_window, services, tmp_path, real_engine):
    services.visitor.voice_on = True
    window = make_window()
    controller = SpeechController(SpeechService(tmp_path / "speech", engine_factory=lambda: real_engine), warm_locales=())
    heard: list[tuple[int, int, str]] = []
    controller.sentence_started.connect(lambda item, sentence, text: heard.append((item, sentence, text)))
    window.attach_speech(controller)
    yield window, controller, heard
    controller.shutdown()


def test_a_lesson_step_is_read_and_highlighted(qtbot, speaking_window):
    window, controller, heard = speaking_window
    # Home may already have begun reading when the window was shown (sooner on a busy machine);
    # what is heard from here on is the lesson's: going there stops Home's reading.
    heard.clear()
    window.go("player", lesson="lesson-1")
    player = window.screens["player"]
    qtbot.waitUntil(lambda: any(item == 1 for item, _, _ in heard), timeout=15000)
    assert heard[0][2] == "4단계 중 1단계"
    assert [text for item, _, text in heard if item == 1][0] == "1번 수업 1단계예요."
    assert player.step_text.highlighted == 0
    assert 'background-color' in player.step_text.text()
    qtbot.waitUntil(lambda: (1, 1) in {(item, sentence) for item, sentence, _ in heard}, timeout=15000)
    assert player.step_text.highlighted == 1


def test_navigation_stops_speech_within_100_ms(qtbot, speaking_window):
    window, controller, heard = speaking_window
    window.go("program", program="program-1")
    qtbot.waitUntil(lambda: controller.is_speaking and bool(heard) and heard[-1][2] == "프로그램 1", timeout=15000)
    mark = len(heard)
    started = time.perf_counter()
    qtbot.mouseClick(window.bar.home, Qt.MouseButton.LeftButton)
    assert time.perf_counter() - started < 0.1
    qtbot.waitUntil(lambda: len(heard) > mark, timeout=15000)
    assert heard[mark][2] == "시험 경로당", "the program's remaining sentences were never read"


def test_voice_off_silences_and_stays_silent(qtbot, speaking_window):
    window, controller, heard = speaking_window
    qtbot.waitUntil(lambda: controller.is_speaking, timeout=15000)
    home = window.screens["home"]
    qtbot.mouseClick(home.voice, Qt.MouseButton.LeftButton)
    assert not controller.is_speaking
    window.go("categories")
    window.speak_current()
    assert not controller.is_speaking
