"""Turning screen text into what is read aloud: sentences, and phone numbers digit by digit.

Pure functions, shared by the speech controller and the on-screen highlighting, so the
sentence being spoken and the sentence being highlighted are always the same one.
"""

from __future__ import annotations

import re

# A Latin end mark counts only before a space or the end ("1.5", "www.seoul.go.kr" stay whole);
# CJK full stops need no space after them. Closing quotes and brackets stay with their sentence.
_SENTENCE_END = re.compile(
    r"""[.!?…]+["'”’」』)\]]*(?=\s|$)   # Latin end marks
      | [。！？]+["'”’」』)\]]*          # CJK end marks
    """,
    re.VERBOSE,
)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, whitespace collapsed, empty ones dropped.

    Line breaks do not end a sentence: the screens join sentences with a space, and
    ``split_sentences(" ".join(split_sentences(t)))`` must give the same list so that
    highlight indices match the spoken ones.
    """
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        sentences.append(text[start : match.end()])
        start = match.end()
    sentences.append(text[start:])
    cleaned = (" ".join(s.split()) for s in sentences)
    return [s for s in cleaned if s]


DIGIT_WORDS = {
    # Korean reads phone digits with Sino-Korean numbers and 0 as 공 (not 영).
    "ko": ("공", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"),
    # Japanese: kana, so the espeak-ng voice (which cannot read kanji) says them right.
    "ja": ("ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}
# What is said between digit groups: a pause, or the Japanese "no" that stands for the dash.
GROUP_SEPARATOR = {"ko": ", ", "ja": " の ", "en": ", "}

# 02-120, 031-123-4567, 010-1234-5678, 1588-1234 (a dash-separated date like 2024-05-01 is not one).
_DASHED_PHONE = re.compile(r"(?<![\d-])(?:0\d{1,2}-\d{3,4}(?:-\d{4})?|1\d{3}-\d{4})(?![\d-])")
# A number of 3+ digits right after a phone word: "전화: 1332", "Phone 02 120", "電話 03-1234-5678".
_PHONE_WORD = re.compile(r"(?i)(?:phone|tel\b|telephone|전화|연락처|電話|☎|📞)[^\d\n]{0,10}?(\d(?:[ -]?\d){2,})")
# Korean nationwide hotlines are four digits 13xx (1330 tourism, 1332 financial help, 1345 ...).
_HOTLINE = re.compile(r"(?<![\d.,-])13\d\d(?![\d.,-])")
# A sentence that is nothing but a number (a phone field read on its own).
_ONLY_NUMBER = re.compile(r"^\s*(\d[\d -]*\d)\s*[.]?\s*$")


def read_digits(number: str, locale: str) -> str:
    """'02-120' -> '공 이, 일 이 공' (ko): every digit a word, groups apart."""
    language = locale.split("-")[0].split("_")[0].lower()
    words = DIGIT_WORDS.get(language)
    separator = GROUP_SEPARATOR.get(language, ", ")
    groups = [g for g in re.split(r"[\s-]+", number) if g]
    if words is None:
        return separator.join(" ".join(group) for group in groups)
    return separator.join(" ".join(words[int(d)] for d in group) for group in groups)


def spoken_form(sentence: str, locale: str) -> str:
    """The sentence as the engine should say it: phone numbers digit by digit in the language."""
    whole = _ONLY_NUMBER.match(sentence)
    if whole:
        return read_digits(whole.group(1), locale)

    def by_word(match: re.Match[str]) -> str:
        label = match.group(0)[: match.start(1) - match.start()]
        return label + read_digits(match.group(1), locale)

    sentence = _PHONE_WORD.sub(by_word, sentence)
    sentence = _DASHED_PHONE.sub(lambda m: read_digits(m.group(0), locale), sentence)
    return _HOTLINE.sub(lambda m: read_digits(m.group(0), locale), sentence)
