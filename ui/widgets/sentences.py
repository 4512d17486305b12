"""A wrapped text whose sentence being read aloud is highlighted."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.speech import split_sentences
from ui.theme import HIGHLIGHT


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
        return " ".join(self.sentences)

    def highlight(self, index: int | None) -> None:
        self.highlighted = index if index is not None and 0 <= index < len(self.sentences) else None
        parts = []
        for position, sentence in enumerate(self.sentences):
            escaped = html.escape(sentence)
            if position == self.highlighted:
                escaped = f'<span style="background-color:{HIGHLIGHT};">{escaped}</span>'
            parts.append(escaped)
        self.setText(" ".join(parts))
