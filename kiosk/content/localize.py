"""Pick the visitor's language from a LocalizedText, falling back along the chain."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.choices import FALLBACK_CHAIN


def pick(text: Mapping[str, str] | None, locale: str) -> str:
    if not text:
        return ""
    for candidate in FALLBACK_CHAIN.get(locale, (locale, "ko")):
        value = text.get(candidate)
        if value:
            return value
    return next(iter(text.values()), "")
