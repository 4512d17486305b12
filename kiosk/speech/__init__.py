"""Voice guidance without Qt: sentences, spoken forms, voice choice and cached synthesis.

The Qt side (worker thread, playback, highlighting signals) is ui/speech.py.
"""

from kiosk.speech.engine import Engine, EngineError, EngineUnavailable, Pyttsx3Engine, shared_engine
from kiosk.speech.service import DEFAULT_RATE_STEP, RATE_FACTORS, SpeechItem, SpeechService
from kiosk.speech.text import read_digits, split_sentences, spoken_form
from kiosk.speech.voices import VoiceInfo, pick_voice

__all__ = [
    "DEFAULT_RATE_STEP",
    "RATE_FACTORS",
    "Engine",
    "EngineError",
    "EngineUnavailable",
    "Pyttsx3Engine",
    "SpeechItem",
    "SpeechService",
    "VoiceInfo",
    "pick_voice",
    "read_digits",
    "split_sentences",
    "shared_engine",
    "spoken_form",
]
