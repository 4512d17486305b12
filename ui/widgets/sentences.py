"""A wrapped text whose sentence being read aloud is highlighted."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.speech import split_sentences
from ui.theme import HIGHLIGHT

# Japanese and Chinese run sentences on without a space after a full-width end mark; Korean and
# English end with a Latin mark and put a space between sentences.
_RUNS_ON_AFTER = "。！？」』）"


def separators(sentences: list[str]) -> list[str]:
    """What goes before each sentence: nothing before the first, then a space or nothing."""
    return [""] + ["" if before.endswith(tuple(_RUNS_ON_AFTER)) else " " for before in sentences[:-1]]


def join_sentences(sentences: list[str], shown: list[str] | None = None) -> str:
    """The sentences as one text, spaced the way their own language spaces them; ``shown`` is
    the same sentences as they are drawn (escaped, highlighted), if that differs."""
    return "".join(gap + part for gap, part in zip(separators(sentences), shown or sentences))


class SentenceLabel(QLabel):
    def __init__(self, role: str = "body", parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", role)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.sentences: list[str] = []
        self.highlighted: int | None = None

    def set_text(self, text: str) -> None:
        self.sentences = split_sentences(text) if text else []
        self.highlight(None)

    def plain_text(self) -> str:
        return join_sentences(self.sentences)

    def highlight(self, index: int | None) -> None:
        self.highlighted = index if index is not None and 0 <= index < len(self.sentences) else None
        parts = []
        for position, sentence in enumerate(self.sentences):
            escaped = html.escape(sentence)
            if position == self.highlighted:
                escaped = f'<span style="background-color:{HIGHLIGHT};">{escaped}</span>'
            parts.append(escaped)
        self.setText(join_sentences(self.sentences, parts))
