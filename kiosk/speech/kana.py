"""Kanji to kana for espeak-ng, whose Japanese voice reads kana only (kanji come out as
"Chinese letter"). Uses pykakasi when installed; without it the text is passed on unchanged."""

from __future__ import annotations

import functools
import logging

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _converter():
    try:
        import pykakasi
    except ImportError:
        log.warning("pykakasi is not installed: espeak-ng will not read kanji in Japanese texts")
        return None
    return pykakasi.kakasi()


def has_kanji(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def to_kana(text: str) -> str:
    if not has_kanji(text):
        return text
    converter = _converter()
    if converter is None:
        return text
    # Only the parts with kanji change: katakana and punctuation are read fine as they are.
    return "".join(part["hira"] if has_kanji(part["orig"]) else part["orig"] for part in converter.convert(text))
