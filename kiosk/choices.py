"""The fixed choices a visitor has: languages, their fallback order, text sizes.

Standard library only: the first screen is drawn from these before the content schema,
pydantic and the database layer are imported (see kiosk/boot.py).
"""

from __future__ import annotations

LOCALES: tuple[str, ...] = ("ko", "ja", "en")
# Korean is the city's own language and always present in a valid pack; English is the
# most widely read second language among visitors, so it comes before Korean for others.
FALLBACK_CHAIN: dict[str, tuple[str, ...]] = {
    "ko": ("ko", "en", "ja"),
    "ja": ("ja", "en", "ko"),
    "en": ("en", "ko", "ja"),
}
TEXT_SIZES: tuple[str, ...] = ("normal", "large", "largest")
# Each language is offered in its own words, so a visitor finds theirs without reading ours.
LANGUAGE_NAMES: dict[str, str] = {"ko": "한국어", "ja": "日本語", "en": "English"}
# Weekdays as content and centers write them, in datetime.weekday() order (Monday first).
WEEKDAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
